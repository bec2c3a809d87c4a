-- Work assignment keeps candidates in a cache that follows the change log, so the covering index that read the
-- records' source hash is not needed: a work's holdings are read from (work_id, id) alone. The source_hash
-- column stays, unused and empty (dropping it would rebuild the table, and fails where it was never added).
DROP INDEX IF EXISTS records_match;
DROP INDEX IF EXISTS records_work;
CREATE INDEX records_work ON records (work_id, id);
