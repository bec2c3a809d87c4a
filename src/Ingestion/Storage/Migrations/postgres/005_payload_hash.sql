-- A hash of each raw record as mapped (its payload, datestamp, sets, deletion flag and format, and the
-- revision of the mapping code), so a re-harvest skips mapping and storing records that did not change.
ALTER TABLE raw_records ADD COLUMN payload_hash TEXT NULL;

-- A work's holdings read from the index alone, without reading the rows (their JSON).
DROP INDEX records_work;
CREATE INDEX records_work ON records (work_id, id);
