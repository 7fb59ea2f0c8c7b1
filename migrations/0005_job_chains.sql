-- migrate: foreign_keys=off
-- Jobs that follow jobs (issue 15). The runner applies this file with foreign keys off (SQLite's
-- documented way to rebuild a table that others reference) and runs foreign_key_check before commit.

-- Adds 'chain' to the triggers a run may have. A CHECK cannot be altered in place, so `runs` is
-- rebuilt with the same columns, copied row for row, and its indexes are made again.
CREATE TABLE runs_new (
  id                     INTEGER PRIMARY KEY,
  job_id                 INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  trigger                TEXT    NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry', 'catch_up', 'cli', 'chain')),
  attempt                INTEGER NOT NULL DEFAULT 1,
  retry_of               INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  status                 TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'timed_out',
                                                            'cancelled', 'interrupted', 'deferred_cooldown', 'skipped')),
  priority               INTEGER NOT NULL DEFAULT 5,
  scheduled_for          INTEGER,
  not_before             INTEGER,
  created_at             INTEGER NOT NULL,
  started_at             INTEGER,
  finished_at            INTEGER,
  exit_code              INTEGER,
  error                  TEXT,
  error_kind             TEXT,
  session_id             TEXT,
  model                  TEXT,
  num_turns              INTEGER,
  input_tokens           INTEGER NOT NULL DEFAULT 0,
  output_tokens          INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens      INTEGER NOT NULL DEFAULT 0,
  cache_creation_tokens  INTEGER NOT NULL DEFAULT 0,
  cost_usd               REAL,
  event_count            INTEGER NOT NULL DEFAULT 0,
  events_truncated       INTEGER NOT NULL DEFAULT 0,
  cancel_requested       INTEGER NOT NULL DEFAULT 0,
  pid                    INTEGER,
  engine_id              TEXT,
  worktree_path          TEXT,
  pid_started            TEXT
);
-- SELECT * on purpose: a column added to runs by an earlier migration makes this fail loudly
-- instead of being dropped silently.
INSERT INTO runs_new SELECT * FROM runs;
DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;
CREATE UNIQUE INDEX runs_slot ON runs (job_id, scheduled_for) WHERE trigger IN ('schedule', 'catch_up');
CREATE INDEX runs_job ON runs (job_id, id DESC);
CREATE INDEX runs_status ON runs (status, priority DESC, scheduled_for);
CREATE INDEX runs_created ON runs (created_at);
CREATE INDEX runs_finished ON runs (finished_at);

-- How a job with several upstreams waits: for all of them (one cycle each) or for any one.
ALTER TABLE jobs ADD COLUMN after_mode TEXT NOT NULL DEFAULT 'all' CHECK (after_mode IN ('all', 'any'));

-- "downstream runs after upstream when upstream's final run meets the condition".
CREATE TABLE job_edges (
  downstream_id  INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  upstream_id    INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  condition      TEXT    NOT NULL CHECK (condition IN ('success', 'failure', 'always')),
  PRIMARY KEY (downstream_id, upstream_id),
  CHECK (downstream_id != upstream_id)
) WITHOUT ROWID;
CREATE INDEX job_edges_upstream ON job_edges (upstream_id);

-- Which upstream runs a chain run was made from. The unique (job_id, upstream_run_id) key is the
-- chain's slot key: one upstream run releases a downstream job at most once, whatever crashes.
CREATE TABLE run_upstreams (
  run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  job_id           INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  upstream_run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  PRIMARY KEY (run_id, upstream_run_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX run_upstreams_once ON run_upstreams (job_id, upstream_run_id);
CREATE INDEX run_upstreams_upstream ON run_upstreams (upstream_run_id);

-- An `all` downstream's open cycle: the latest final run of each upstream since its last chain run.
CREATE TABLE chain_pending (
  job_id           INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  upstream_job_id  INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  upstream_run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  PRIMARY KEY (job_id, upstream_job_id)
) WITHOUT ROWID;
