-- What the OAI-PMH provider serves: one row per work id that ever held records, kept after the work left the
-- catalogue (all holdings deleted, or merged into another work) as a tombstone, so the deletion is reported for
-- ever. datestamp is the work's last change at second granularity (yyyy-MM-ddTHH:mm:ssZ, so text order is time
-- order); sets are its set specs separated by spaces (source:<id> of every holding, type:<type> of every
-- holding's type), kept as they were when the work was deleted. Harvests page by (datestamp, work_id).
-- Rows for works stored before this table existed are written at start by the store (CatalogStore.MigrateAsync).
CREATE TABLE work_stamps (
    work_id    TEXT PRIMARY KEY,
    datestamp  TEXT NOT NULL,
    deleted    INTEGER NOT NULL,
    sets       TEXT NOT NULL
);
CREATE INDEX work_stamps_datestamp ON work_stamps (datestamp, work_id);
