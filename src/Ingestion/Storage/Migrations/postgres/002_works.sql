-- Works: every record (one partner's holding) belongs to exactly one work; the index indexes works and
-- the change log carries work ids. A work has no table of its own: it is the records sharing a work_id.
-- A work of one holding keeps that record's id, so links made before merging keep working.
ALTER TABLE records ADD COLUMN work_id TEXT NULL;
ALTER TABLE records ADD COLUMN merge_reason TEXT NULL;
UPDATE records SET work_id = id;
CREATE INDEX records_work ON records (work_id);

-- The keys a record is matched by (DOI, ISBN, ISSN + volume + issue + page, patent and standard
-- numbers, title fingerprint and blocking keys), as "kind:value".
CREATE TABLE match_keys (
    match_key  TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    PRIMARY KEY (match_key, record_id)
);
CREATE INDEX match_keys_record ON match_keys (record_id);

-- Librarians' decisions, kept across re-harvests and re-mapping: record_a < record_b.
CREATE TABLE merge_decisions (
    record_a    TEXT NOT NULL,
    record_b    TEXT NOT NULL,
    decision    TEXT NOT NULL,
    decided_by  TEXT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (record_a, record_b)
);
CREATE INDEX merge_decisions_b ON merge_decisions (record_b);
