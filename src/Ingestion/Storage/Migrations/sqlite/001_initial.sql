-- The catalogue: sources, harvest runs, raw records as the partners sent them, mapped records,
-- quarantine and the change log the index follows. (Databases made before Search.Api owned its tables
-- got the librarians table here; Search.Api's own migration 001 creates it now.)
CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    connector   TEXT NOT NULL,
    settings    TEXT NOT NULL,
    schedule    TEXT NULL,
    checkpoint  TEXT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE harvest_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id    TEXT NOT NULL REFERENCES sources (id),
    status       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NULL,
    harvested    INTEGER NOT NULL DEFAULT 0,
    new_count    INTEGER NOT NULL DEFAULT 0,
    updated_count INTEGER NOT NULL DEFAULT 0,
    deleted_count INTEGER NOT NULL DEFAULT 0,
    quarantined  INTEGER NOT NULL DEFAULT 0,
    errors       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);
CREATE INDEX harvest_runs_status ON harvest_runs (status);

CREATE TABLE raw_records (
    source_id       TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    datestamp       TEXT NULL,
    deleted         INTEGER NOT NULL,
    metadata_format TEXT NOT NULL,
    payload         TEXT NULL,
    sets            TEXT NOT NULL,
    run_id          INTEGER NOT NULL,
    harvested_at    TEXT NOT NULL,
    PRIMARY KEY (source_id, external_id)
);

CREATE TABLE records (
    id           TEXT PRIMARY KEY,
    source_id    TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    record_json  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX records_source ON records (source_id);

CREATE TABLE quarantine (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id    TEXT NOT NULL,
    run_id       INTEGER NOT NULL,
    external_id  TEXT NULL,
    reason       TEXT NOT NULL,
    payload      TEXT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX quarantine_source ON quarantine (source_id, id);

CREATE TABLE changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id   TEXT NOT NULL,
    deleted     INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
