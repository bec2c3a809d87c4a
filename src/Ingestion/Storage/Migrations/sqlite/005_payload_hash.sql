-- A hash of each raw record as mapped (its payload, datestamp, sets, deletion flag and format, and the
-- revision of the mapping code), so a re-harvest skips mapping and storing records that did not change;
-- on the record, the hash of the raw record its JSON was mapped from (written with the JSON), so what is
-- worked out from the JSON can be kept as long as the hash stays.
ALTER TABLE raw_records ADD COLUMN payload_hash TEXT NULL;
ALTER TABLE records ADD COLUMN source_hash TEXT NULL;

-- What work assignment reads of candidates and works, without reading the rows (their JSON).
DROP INDEX records_work;
CREATE INDEX records_work ON records (work_id, id, source_hash);
CREATE INDEX records_match ON records (id, work_id, source_hash);
