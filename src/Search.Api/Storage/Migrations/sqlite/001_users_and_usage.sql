-- Search.Api's own tables, created here for new databases: librarians, institutions recognised by address
-- ranges (ip_ranges: JSON list of CIDRs), packages of sources (sources: JSON list of source ids), personal
-- accounts, subscriptions of an institution or an account to a package, institution librarians, and the
-- append-only usage events. Databases made before Search.Api owned them already have them from Ingestion's
-- migrations 001 and 003, with these very definitions: IF NOT EXISTS leaves those as they are.
CREATE TABLE IF NOT EXISTS librarians (
    user_name     TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS institutions (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_id   TEXT NULL,
    ip_ranges   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS packages (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sources     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS accounts (
    id             TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    valid_from     TEXT NULL,
    valid_to       TEXT NULL,
    disabled       INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS subscriptions (
    id              TEXT PRIMARY KEY,
    institution_id  TEXT NULL,
    account_id      TEXT NULL,
    package_id      TEXT NOT NULL,
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    seats           INTEGER NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS institution_librarians (
    user_name       TEXT PRIMARY KEY,
    password_hash   TEXT NOT NULL,
    institution_id  TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS usage_events (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at       TEXT NOT NULL,
    kind              TEXT NOT NULL,
    outcome           TEXT NULL,
    institution_id    TEXT NULL,
    account_id        TEXT NULL,
    source_id         TEXT NULL,
    record_id         TEXT NULL,
    data_type         TEXT NULL,
    searched_sources  TEXT NULL,
    query_key         TEXT NULL,
    session_id        TEXT NOT NULL,
    user_agent        TEXT NULL,
    client_address    TEXT NULL
);
CREATE INDEX IF NOT EXISTS usage_events_time ON usage_events (occurred_at);
