import BetterSqlite3 from 'better-sqlite3';

/**
 * Databases laid out as the original Night Pilot wrote them (shared/docs/LEGACY-DB.md), with rows
 * that exercise every mapping rule. Each builder writes a fresh file and closes it.
 */
function build(file: string, sql: string): void {
  const db = new BetterSqlite3(file);
  db.exec(sql);
  db.close();
}

const PROMPTS_TABLE = `CREATE TABLE prompts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, content TEXT NOT NULL, tags TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP);`;

/** Layout 1 and, beside it, layout 2 (the usage-tracking tables), as the first releases left them. */
export function buildLayout1And2(file: string): void {
  build(
    file,
    `${PROMPTS_TABLE}
     CREATE TABLE jobs (id INTEGER PRIMARY KEY, prompt_id INTEGER REFERENCES prompts(id), cron_expr TEXT NOT NULL, mode TEXT, status TEXT,
       eta_unix INTEGER, last_run_at TEXT);
     CREATE TABLE results (id INTEGER PRIMARY KEY, job_id INTEGER REFERENCES jobs(id), content TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
     CREATE TABLE usage_records (id INTEGER PRIMARY KEY, timestamp TEXT, remaining_minutes INTEGER, total_minutes INTEGER, usage_percentage REAL, source TEXT, raw_output TEXT);
     CREATE TABLE execution_audits (id INTEGER PRIMARY KEY, timestamp TEXT, prompt_hash TEXT, execution_options TEXT, security_check TEXT,
       execution_start TEXT, execution_end TEXT, result TEXT, output_length INTEGER, error_message TEXT);
     CREATE TABLE scheduled_tasks (id TEXT PRIMARY KEY, prompt TEXT NOT NULL, execution_options TEXT, scheduled_at TEXT, created_at TEXT,
       estimated_duration_minutes INTEGER, timezone TEXT, retry_count INTEGER, max_retries INTEGER, status TEXT, updated_at TEXT);
     CREATE TABLE monitoring_events (id INTEGER PRIMARY KEY, timestamp TEXT, event_type TEXT, mode TEXT, usage_info TEXT, message TEXT);

     INSERT INTO prompts (id, title, content, tags, created_at) VALUES
       (1, 'Morning summary', 'Summarise the overnight logs.', 'ops, daily ,', '2024-05-01 08:00:00'),
       (2, 'Empty one', '   ', NULL, '2024-05-01 08:01:00');
     INSERT INTO jobs (id, prompt_id, cron_expr, mode, status, eta_unix) VALUES
       (1, 1, '0 0 9 * * *', 'sync', 'pending', NULL),
       (2, 1, '*', 'async', 'done', 3600),
       (3, 2, '0 9 * * *', 'sync', 'pending', NULL);
     INSERT INTO results (id, job_id, content, created_at) VALUES
       (1, 1, 'All quiet overnight.', '2024-05-02 09:00:05'),
       (2, 3, 'orphan of a skipped job', '2024-05-02 09:00:06');
     INSERT INTO usage_records (timestamp, remaining_minutes) VALUES ('2024-05-02 10:00:00', 42);
     INSERT INTO scheduled_tasks (id, prompt, execution_options, scheduled_at, created_at, timezone, retry_count, max_retries, status) VALUES
       ('task-a', 'Write the weekly report.', '{"model":"opus","max_turns":7}', '2031-01-06T01:00:00Z', '2024-06-01 00:00:00', 'Asia/Taipei', 0, 2, 'Scheduled'),
       ('task-b', 'Old one-off.', '{}', '2024-06-02T01:00:00+08:00', '2024-06-01 00:00:01', 'Mars/Base', 0, 0, 'Completed');`,
  );
}

/** Layout 3 (seed 000's spec). */
export function buildLayout3(file: string): void {
  build(
    file,
    `${PROMPTS_TABLE}
     CREATE TABLE jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, prompt_id TEXT NOT NULL, cron_expression TEXT NOT NULL, status TEXT,
       job_type TEXT, priority INTEGER DEFAULT 5, execution_options TEXT, retry_config TEXT, notification_config TEXT, next_run_time TEXT,
       last_run_time TEXT, execution_count INTEGER, failure_count INTEGER, tags TEXT, metadata TEXT, created_at TEXT, updated_at TEXT, created_by TEXT);
     CREATE TABLE job_executions (id TEXT PRIMARY KEY, job_id TEXT, prompt_id TEXT, status TEXT, start_time TEXT, end_time TEXT, duration_ms INTEGER,
       output TEXT, error_message TEXT, retry_count INTEGER, created_at TEXT);

     INSERT INTO prompts (id, title, content, tags, created_at) VALUES (7, 'Review PRs', 'Review the open pull requests.', '["review","git"]', '2025-01-01T00:00:00Z');
     INSERT INTO jobs (id, name, prompt_id, cron_expression, status, job_type, priority, execution_options, retry_config, tags, created_at) VALUES
       ('j-1', 'PR review', '7', '0 30 2 * * MON-FRI *', 'active', 'scheduled', 8,
        '{"working_directory":"/srv/repo","model":"sonnet","allowed_tools":["Read","Grep"]}',
        '{"max_retries":4,"backoff_strategy":"linear","initial_delay_seconds":30}', '["night","git"]', '2025-01-02 00:00:00'),
       ('j-2', 'Yearly', '7', '0 0 0 1 1 * 2031', 'active', 'scheduled', 5, '{}', '{}', '[]', '2025-01-02 00:00:01'),
       ('j-3', 'Broken cron', '7', 'every morning', 'paused', 'scheduled', 5, '{}', '{}', 'a,b', '2025-01-02 00:00:02'),
       ('j-4', 'Halted', '7', '*/10 * * * *', 'failed', 'scheduled', 42, 'not json', NULL, NULL, '2025-01-02 00:00:03'),
       ('j-5', 'No prompt', '99', '0 9 * * *', 'active', 'scheduled', 5, '{}', '{}', '[]', '2025-01-02 00:00:04');
     INSERT INTO job_executions (id, job_id, prompt_id, status, start_time, end_time, output, error_message, created_at) VALUES
       ('e-1', 'j-1', '7', 'success', '2025-01-03T02:30:00Z', '2025-01-03T02:31:10Z', 'Reviewed 3 PRs.', NULL, '2025-01-03T02:31:10Z'),
       ('e-2', 'j-1', '7', 'failed', '2025-01-04 02:30:00', '2025-01-04 02:30:09', '', 'rate limited', '2025-01-04 02:30:09');`,
  );
}

/** Layout 4 ("unified jobs"), with the defaults its schema declares. */
export function buildLayout4(file: string): void {
  build(
    file,
    `${PROMPTS_TABLE}
     CREATE TABLE unified_jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, prompt_id TEXT NOT NULL, cron_expression TEXT NOT NULL,
       status TEXT DEFAULT 'active', job_type TEXT DEFAULT 'scheduled', priority INTEGER DEFAULT 5, execution_count INTEGER DEFAULT 0,
       failure_count INTEGER DEFAULT 0, last_run_time TEXT, next_run_time TEXT, last_success_time TEXT, last_failure_time TEXT,
       parent_job_id TEXT REFERENCES unified_jobs(id), execution_options TEXT DEFAULT '{}',
       retry_config TEXT DEFAULT '{"max_retries": 3, "backoff_strategy": "exponential"}', notification_config TEXT,
       timeout_config TEXT DEFAULT '{"execution_timeout_seconds": 3600}', tags TEXT DEFAULT '[]', metadata TEXT,
       created_at TEXT DEFAULT CURRENT_TIMESTAMP, updated_at TEXT, created_by TEXT, updated_by TEXT, version INTEGER DEFAULT 1);
     CREATE TABLE job_execution_processes (id TEXT PRIMARY KEY, job_id TEXT, process_type TEXT, status TEXT, start_time TEXT, end_time TEXT,
       output TEXT, error_message TEXT, retry_count INTEGER, created_at TEXT);
     CREATE TABLE job_execution_results (id TEXT PRIMARY KEY, job_id TEXT, execution_start_time TEXT, execution_end_time TEXT, status TEXT,
       output TEXT, error_message TEXT, execution_duration_ms INTEGER, tokens_used INTEGER, cost_usd REAL, created_at TEXT);
     CREATE TABLE usage_tracking (id TEXT PRIMARY KEY, job_id TEXT, session_id TEXT, model_name TEXT, tokens_input INTEGER, tokens_output INTEGER,
       tokens_total INTEGER, cost_usd REAL, execution_duration_ms INTEGER, timestamp TEXT, metadata TEXT);
     CREATE TABLE system_config (key TEXT PRIMARY KEY, value TEXT, description TEXT, category TEXT);

     INSERT INTO prompts (id, title, content, tags, created_at) VALUES (1, 'Nightly build check', 'Check the nightly build.', NULL, '2025-03-01 00:00:00');
     INSERT INTO unified_jobs (id, name, prompt_id, cron_expression, created_at) VALUES ('u-1', 'Nightly build', '1', '0 0 3 * * *', '2025-03-02 00:00:00');
     INSERT INTO unified_jobs (id, name, prompt_id, cron_expression, status, parent_job_id, timeout_config, tags, created_at) VALUES
       ('u-2', 'After build', '1', '0 15 3 * * *', 'inactive', 'u-1', '{"execution_timeout_seconds": 900}', '["chain"]', '2025-03-02 00:00:01');
     INSERT INTO job_execution_results (id, job_id, execution_start_time, execution_end_time, status, output, created_at) VALUES
       ('r-1', 'u-1', '2025-03-03T03:00:00Z', '2025-03-03T03:02:00Z', 'timeout', 'build log…', '2025-03-03T03:02:00Z');
     INSERT INTO system_config (key, value) VALUES ('cleanup_retention_days', '30');`,
  );
}
