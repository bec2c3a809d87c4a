-- Scheduling (issue 11): a source's cron schedule is read in its own time zone (null: the host's default,
-- Search:ScheduleTimeZone), and a librarian can pause a source's scheduled harvests (0/1, kept across restarts).
-- A source has at most one run going, whatever number of processes share the database: the check in
-- RunStore.StartRunAsync is backed by a unique index over the running runs.
ALTER TABLE sources ADD COLUMN schedule_time_zone TEXT NULL;
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX harvest_runs_one_running ON harvest_runs (source_id) WHERE status = 'running';
