-- Retention deletes old runs in batches. runs.retry_of references runs(id) ON DELETE SET NULL, so
-- every deleted run makes SQLite look for runs that retried it: without this index that is a scan
-- of the whole table per deleted row.
CREATE INDEX runs_retry_of ON runs (retry_of);
