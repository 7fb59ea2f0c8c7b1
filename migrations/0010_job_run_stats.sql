-- Each job's last run and success rate, kept on the job row by triggers, so that listing 10,000
-- jobs over 1,000,000 runs reads 10,000 rows instead of 50 runs per job (DESIGN §7: a page of jobs
-- in < 10 ms, the job table with every job). Triggers rather than application code: every writer of
-- runs (engine, CLI, imports, retention, the cascade of a deleted job, plain SQL) keeps them right.
--
-- The figures are exactly what the query they replace computed:
--   last_run_at, last_status: of the job's newest run (highest id), whatever its status;
--   success_rate: the share of 'succeeded' in the job's window, NULL when the window is empty.
-- The window is the job's 50 newest "final" runs (succeeded, failed, timed_out, interrupted: runs
-- that finished after an attempt). stats_window_n and stats_window_ok count it and its successes;
-- stats_floor_id is its oldest run id (0 when empty). Runs below the floor are outside the window,
-- and the newest run is never below it, so deleting one of them (retention does) changes nothing.
--
-- A run reaching a final status after every other final run of its job (the usual case) shifts the
-- window by one: a few index probes. Anything else recounts the job's window from the index.
-- Status tests are two IN lists of two values: SQLite compares short lists in place, a longer one
-- builds a temporary index on every trigger call (a third of a recount's cost).
-- A migration that rebuilds the runs table must create these triggers again.

-- Replaces runs_job (job_id, id DESC) for the same lookups; with status in the index a recount
-- reads one stretch of index entries instead of 50 rows scattered over the table.
DROP INDEX runs_job;
CREATE INDEX runs_job_status ON runs (job_id, id DESC, status);

ALTER TABLE jobs ADD COLUMN last_run_at INTEGER;
ALTER TABLE jobs ADD COLUMN last_status TEXT;
ALTER TABLE jobs ADD COLUMN success_rate REAL;
ALTER TABLE jobs ADD COLUMN stats_window_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN stats_window_ok INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN stats_floor_id INTEGER NOT NULL DEFAULT 0;

-- A run that is not final, created or changed: the window stays; a newest run sets the last run.
CREATE TRIGGER runs_job_stats_insert_open AFTER INSERT ON runs
WHEN NOT (NEW.status IN ('succeeded', 'failed') OR NEW.status IN ('timed_out', 'interrupted'))
BEGIN
  UPDATE jobs SET last_run_at = COALESCE(NEW.started_at, NEW.created_at), last_status = NEW.status
  WHERE id = NEW.job_id AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.job_id = NEW.job_id AND r.id > NEW.id);
END;

CREATE TRIGGER runs_job_stats_update_open AFTER UPDATE OF status, started_at ON runs
WHEN NOT (OLD.status IN ('succeeded', 'failed') OR OLD.status IN ('timed_out', 'interrupted'))
 AND NOT (NEW.status IN ('succeeded', 'failed') OR NEW.status IN ('timed_out', 'interrupted'))
 AND (OLD.status IS NOT NEW.status OR OLD.started_at IS NOT NEW.started_at)
BEGIN
  UPDATE jobs SET last_run_at = COALESCE(NEW.started_at, NEW.created_at), last_status = NEW.status
  WHERE id = NEW.job_id AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.job_id = NEW.job_id AND r.id > NEW.id);
END;

-- A run becomes final above every other final run of its job: it enters the window at the top and,
-- once the window holds 50, the run at the floor leaves it.
CREATE TRIGGER runs_job_stats_insert_top AFTER INSERT ON runs
WHEN (NEW.status IN ('succeeded', 'failed') OR NEW.status IN ('timed_out', 'interrupted'))
 AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.job_id = NEW.job_id AND r.id > NEW.id
                 AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted')))
BEGIN
  UPDATE jobs SET
    (last_run_at, last_status) = (SELECT COALESCE(r.started_at, r.created_at), r.status FROM runs r WHERE r.job_id = NEW.job_id ORDER BY r.id DESC LIMIT 1),
    stats_window_ok = stats_window_ok + (NEW.status = 'succeeded')
      - CASE WHEN stats_window_n >= 50 THEN (SELECT r.status = 'succeeded' FROM runs r WHERE r.id = stats_floor_id) ELSE 0 END,
    success_rate = (stats_window_ok + (NEW.status = 'succeeded')
      - CASE WHEN stats_window_n >= 50 THEN (SELECT r.status = 'succeeded' FROM runs r WHERE r.id = stats_floor_id) ELSE 0 END) * 1.0 / MIN(stats_window_n + 1, 50),
    stats_floor_id = CASE
      WHEN stats_window_n = 0 THEN NEW.id
      WHEN stats_window_n >= 50 THEN (SELECT r.id FROM runs r WHERE r.job_id = NEW.job_id AND r.id > stats_floor_id
        AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted')) ORDER BY r.id LIMIT 1)
      ELSE stats_floor_id END,
    stats_window_n = MIN(stats_window_n + 1, 50)
  WHERE id = NEW.job_id;
END;

CREATE TRIGGER runs_job_stats_update_top AFTER UPDATE OF status, started_at ON runs
WHEN NOT (OLD.status IN ('succeeded', 'failed') OR OLD.status IN ('timed_out', 'interrupted'))
 AND (NEW.status IN ('succeeded', 'failed') OR NEW.status IN ('timed_out', 'interrupted'))
 AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.job_id = NEW.job_id AND r.id > NEW.id
                 AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted')))
BEGIN
  UPDATE jobs SET
    (last_run_at, last_status) = (SELECT COALESCE(r.started_at, r.created_at), r.status FROM runs r WHERE r.job_id = NEW.job_id ORDER BY r.id DESC LIMIT 1),
    stats_window_ok = stats_window_ok + (NEW.status = 'succeeded')
      - CASE WHEN stats_window_n >= 50 THEN (SELECT r.status = 'succeeded' FROM runs r WHERE r.id = stats_floor_id) ELSE 0 END,
    success_rate = (stats_window_ok + (NEW.status = 'succeeded')
      - CASE WHEN stats_window_n >= 50 THEN (SELECT r.status = 'succeeded' FROM runs r WHERE r.id = stats_floor_id) ELSE 0 END) * 1.0 / MIN(stats_window_n + 1, 50),
    stats_floor_id = CASE
      WHEN stats_window_n = 0 THEN NEW.id
      WHEN stats_window_n >= 50 THEN (SELECT r.id FROM runs r WHERE r.job_id = NEW.job_id AND r.id > stats_floor_id
        AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted')) ORDER BY r.id LIMIT 1)
      ELSE stats_floor_id END,
    stats_window_n = MIN(stats_window_n + 1, 50)
  WHERE id = NEW.job_id;
END;

-- Every other change that touches a final run: recount the window.
CREATE TRIGGER runs_job_stats_insert_recount AFTER INSERT ON runs
WHEN (NEW.status IN ('succeeded', 'failed') OR NEW.status IN ('timed_out', 'interrupted'))
 AND EXISTS (SELECT 1 FROM runs r WHERE r.job_id = NEW.job_id AND r.id > NEW.id
             AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted')))
BEGIN
  UPDATE jobs SET
    (last_run_at, last_status) = (SELECT COALESCE(r.started_at, r.created_at), r.status FROM runs r WHERE r.job_id = NEW.job_id ORDER BY r.id DESC LIMIT 1),
    (success_rate, stats_window_n, stats_window_ok, stats_floor_id) = (
      SELECT AVG(w.status = 'succeeded'), COUNT(*), COALESCE(SUM(w.status = 'succeeded'), 0), COALESCE(MIN(w.id), 0) FROM
        (SELECT r.id, r.status FROM runs r WHERE r.job_id = NEW.job_id AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted'))
         ORDER BY r.id DESC LIMIT 50) w)
  WHERE id = NEW.job_id;
END;

CREATE TRIGGER runs_job_stats_update_recount AFTER UPDATE OF status, started_at ON runs
WHEN (OLD.status IN ('succeeded', 'failed') OR OLD.status IN ('timed_out', 'interrupted')
   OR ((NEW.status IN ('succeeded', 'failed') OR NEW.status IN ('timed_out', 'interrupted'))
       AND EXISTS (SELECT 1 FROM runs r WHERE r.job_id = NEW.job_id AND r.id > NEW.id
                   AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted')))))
 AND (OLD.status IS NOT NEW.status OR OLD.started_at IS NOT NEW.started_at)
BEGIN
  UPDATE jobs SET
    (last_run_at, last_status) = (SELECT COALESCE(r.started_at, r.created_at), r.status FROM runs r WHERE r.job_id = NEW.job_id ORDER BY r.id DESC LIMIT 1),
    (success_rate, stats_window_n, stats_window_ok, stats_floor_id) = (
      SELECT AVG(w.status = 'succeeded'), COUNT(*), COALESCE(SUM(w.status = 'succeeded'), 0), COALESCE(MIN(w.id), 0) FROM
        (SELECT r.id, r.status FROM runs r WHERE r.job_id = NEW.job_id AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted'))
         ORDER BY r.id DESC LIMIT 50) w)
  WHERE id = NEW.job_id;
END;

-- When the job itself is being deleted its row is already gone and the condition is NULL.
CREATE TRIGGER runs_job_stats_delete AFTER DELETE ON runs
WHEN OLD.id >= (SELECT stats_floor_id FROM jobs WHERE id = OLD.job_id)
BEGIN
  UPDATE jobs SET
    (last_run_at, last_status) = (SELECT COALESCE(r.started_at, r.created_at), r.status FROM runs r WHERE r.job_id = OLD.job_id ORDER BY r.id DESC LIMIT 1),
    (success_rate, stats_window_n, stats_window_ok, stats_floor_id) = (
      SELECT AVG(w.status = 'succeeded'), COUNT(*), COALESCE(SUM(w.status = 'succeeded'), 0), COALESCE(MIN(w.id), 0) FROM
        (SELECT r.id, r.status FROM runs r WHERE r.job_id = OLD.job_id AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted'))
         ORDER BY r.id DESC LIMIT 50) w)
  WHERE id = OLD.job_id;
END;

-- The figures of the runs already stored.
UPDATE jobs SET
  (last_run_at, last_status) = (SELECT COALESCE(r.started_at, r.created_at), r.status FROM runs r WHERE r.job_id = jobs.id ORDER BY r.id DESC LIMIT 1),
  (success_rate, stats_window_n, stats_window_ok, stats_floor_id) = (
    SELECT AVG(w.status = 'succeeded'), COUNT(*), COALESCE(SUM(w.status = 'succeeded'), 0), COALESCE(MIN(w.id), 0) FROM
      (SELECT r.id, r.status FROM runs r WHERE r.job_id = jobs.id AND (r.status IN ('succeeded', 'failed') OR r.status IN ('timed_out', 'interrupted'))
       ORDER BY r.id DESC LIMIT 50) w);
