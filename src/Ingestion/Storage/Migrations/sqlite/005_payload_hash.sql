-- A hash of each raw record as mapped (its payload, datestamp, sets, deletion flag and format, and the
-- revision of the mapping code), so a re-harvest skips mapping and storing records that did not change.
ALTER TABLE raw_records ADD COLUMN payload_hash TEXT NULL;
