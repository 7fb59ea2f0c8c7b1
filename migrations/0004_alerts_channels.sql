-- Alerts, the channels they are delivered through, and each delivery attempt (issue 11).
-- Times are epoch milliseconds (UTC); JSON columns hold text.

CREATE TABLE notify_channels (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL CHECK (type IN ('os', 'webhook', 'email')),
  -- webhook: {url, format, headers}; email: {host, port, security, username, password, from, to}
  config      TEXT    NOT NULL DEFAULT '{}',
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- Deliveries allowed per hour before more are recorded as rate-limited instead of sent.
  max_per_hour INTEGER NOT NULL DEFAULT 20,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE alerts (
  id               INTEGER PRIMARY KEY,
  kind             TEXT    NOT NULL CHECK (kind IN ('consecutive_failures', 'scheduler_stalled', 'claude_auth', 'usage_limit', 'cooldown')),
  -- One condition, one open alert: `consecutive_failures:job:7`, `scheduler_stalled`, …
  condition_key    TEXT    NOT NULL,
  job_id           INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  title            TEXT    NOT NULL,
  cause            TEXT    NOT NULL,
  run_ids          TEXT    NOT NULL DEFAULT '[]',
  opened_at        INTEGER NOT NULL,
  resolved_at      INTEGER,
  resolution       TEXT,
  acknowledged_at  INTEGER,
  acknowledged_by  TEXT
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (condition_key) WHERE resolved_at IS NULL;
CREATE INDEX alerts_opened ON alerts (opened_at DESC);

-- Each (alert, channel, event) is claimed once, so two processes noticing the same alert deliver it once.
CREATE TABLE alert_deliveries (
  id           INTEGER PRIMARY KEY,
  alert_id     INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  channel_id   INTEGER NOT NULL REFERENCES notify_channels(id) ON DELETE CASCADE,
  event        TEXT    NOT NULL CHECK (event IN ('opened', 'resolved')),
  status       TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'rate_limited')),
  created_at   INTEGER NOT NULL,
  attempted_at INTEGER,
  error        TEXT,
  UNIQUE (alert_id, channel_id, event)
);
CREATE INDEX alert_deliveries_pending ON alert_deliveries (status, created_at);
CREATE INDEX alert_deliveries_channel ON alert_deliveries (channel_id, attempted_at);

-- `cnp audit --job ID` and the audit page filter by job and time.
CREATE INDEX audit_log_job ON audit_log (job_id, ts);
