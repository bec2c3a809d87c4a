-- Access state shared by every process on the database, so a restart or a second process keeps it:
-- sessions (the cookie's secret stored only as its SHA-256), the seats they hold, granted downloads (the
-- download budgets' sliding windows), failed logins (the login throttle's windows), and a version that
-- every change of institutions, packages, accounts or subscriptions bumps, so each process knows when to
-- reload its in-memory entitlement snapshot.
CREATE TABLE access_sessions (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    account_id  TEXT NULL,
    started_at  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);
CREATE INDEX access_sessions_last_seen ON access_sessions (last_seen);

CREATE TABLE access_seats (
    subscription_id  TEXT NOT NULL,
    session_id       TEXT NOT NULL,
    taken_at         TEXT NOT NULL,
    PRIMARY KEY (subscription_id, session_id)
);
CREATE INDEX access_seats_session ON access_seats (session_id);

CREATE TABLE download_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key    TEXT NOT NULL,
    occurred_at  TEXT NOT NULL
);
CREATE INDEX download_events_key ON download_events (event_key, occurred_at);

CREATE TABLE login_failures (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key    TEXT NOT NULL,
    occurred_at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (event_key, occurred_at);

CREATE TABLE entitlement_version (
    id       INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL
);
INSERT INTO entitlement_version (id, version) VALUES (1, 1);
