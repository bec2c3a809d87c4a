-- Complete passes over partners that cannot report deletions: each raw record remembers the pass that last
-- saw it, and the source the pass in progress (the id of the run that began it; it spans resumed runs).
-- When a pass ends complete, the source's records it did not see are retired, and current_pass is cleared.
ALTER TABLE raw_records ADD COLUMN seen_pass INTEGER NULL;
ALTER TABLE sources ADD COLUMN current_pass INTEGER NULL;
