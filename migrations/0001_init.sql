-- The whole schema of DESIGN.md §2. Times are epoch milliseconds (UTC); JSON columns hold text.

CREATE TABLE prompts (
  id          INTEGER PRIMARY KEY,
  title       TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  tags        TEXT    NOT NULL DEFAULT '[]',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE jobs (
  id                 INTEGER PRIMARY KEY,
  name               TEXT    NOT NULL,
  kind               TEXT    NOT NULL CHECK (kind IN ('claude', 'shell', 'http')),
  prompt_id          INTEGER REFERENCES prompts(id) ON DELETE RESTRICT,
  -- Inline work: {"prompt": …} | {"command": …} | {"http": {url, method, headers, body, expectStatus}}
  payload            TEXT    NOT NULL DEFAULT '{}',
  schedule_type      TEXT    NOT NULL CHECK (schedule_type IN ('cron', 'interval', 'once', 'manual')),
  cron               TEXT,
  every_seconds      REAL,
  run_at             INTEGER,
  timezone           TEXT    NOT NULL,
  enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  priority           INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
  overlap_policy     TEXT    NOT NULL DEFAULT 'skip' CHECK (overlap_policy IN ('skip', 'queue_one', 'allow')),
  catch_up_policy    TEXT    NOT NULL DEFAULT 'run_once' CHECK (catch_up_policy IN ('skip', 'run_once', 'run_all')),
  timeout_ms         INTEGER,
  retry_policy       TEXT    NOT NULL DEFAULT '{}',
  options            TEXT    NOT NULL DEFAULT '{}',
  notify             TEXT    NOT NULL DEFAULT '{}',
  tags               TEXT    NOT NULL DEFAULT '[]',
  next_run_at        INTEGER,
  last_scheduled_at  INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (enabled, next_run_at);
CREATE INDEX jobs_prompt ON jobs (prompt_id);

CREATE TABLE runs (
  id                     INTEGER PRIMARY KEY,
  job_id                 INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  trigger                TEXT    NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry', 'catch_up', 'cli')),
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
  worktree_path          TEXT
);
-- A scheduled slot exists once: a crash or a second scheduler can never run it twice.
-- Manual, CLI and retry runs are not slots, so they are outside this key.
CREATE UNIQUE INDEX runs_slot ON runs (job_id, scheduled_for) WHERE trigger IN ('schedule', 'catch_up');
CREATE INDEX runs_job ON runs (job_id, id DESC);
CREATE INDEX runs_status ON runs (status, priority DESC, scheduled_for);
CREATE INDEX runs_created ON runs (created_at);
CREATE INDEX runs_finished ON runs (finished_at);

CREATE TABLE run_events (
  run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  ts       INTEGER NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('stdout', 'stderr', 'assistant', 'tool_use', 'tool_result', 'system', 'result')),
  payload  TEXT    NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE cooldowns (
  id          INTEGER PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  resets_at   INTEGER NOT NULL,
  source      TEXT    NOT NULL,
  message     TEXT    NOT NULL,
  run_id      INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  cleared_at  INTEGER,
  cleared_by  TEXT
);
CREATE INDEX cooldowns_active ON cooldowns (cleared_at, resets_at);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  ts       INTEGER NOT NULL,
  actor    TEXT    NOT NULL CHECK (actor IN ('ui', 'cli', 'system')),
  action   TEXT    NOT NULL,
  job_id   INTEGER,
  details  TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_ts ON audit_log (ts);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
