import type { Database, Statement } from 'better-sqlite3';
import { Statements } from './statements';
import type { JobKind, Page, Run, RunStatus, RunTrigger, TokenCounts } from '../../../src-shared/domain';
import { iso } from './json';

export interface RunRecord {
  id: number;
  jobId: number;
  trigger: RunTrigger;
  attempt: number;
  retryOf: number | null;
  status: RunStatus;
  priority: number;
  scheduledFor: number | null;
  notBefore: number | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  exitCode: number | null;
  error: string | null;
  errorKind: string | null;
  cancelRequested: boolean;
  pid: number | null;
  /** The process start time recorded with `pid` (see supervision/proc-table.ts). */
  pidStarted: string | null;
  engineId: string | null;
}

interface RunRow {
  id: number;
  job_id: number;
  trigger: RunTrigger;
  attempt: number;
  retry_of: number | null;
  status: RunStatus;
  priority: number;
  scheduled_for: number | null;
  not_before: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  exit_code: number | null;
  error: string | null;
  error_kind: string | null;
  session_id: string | null;
  model: string | null;
  num_turns: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  cost_usd: number | null;
  event_count: number;
  events_truncated: 0 | 1;
  raw_log_bytes: number | null;
  raw_log_complete: 0 | 1;
  cancel_requested: 0 | 1;
  pid: number | null;
  pid_started: string | null;
  engine_id: string | null;
  job_name?: string;
  job_kind?: JobKind;
  upstream_ids?: string | null;
  downstream_ids?: string | null;
}

/** "3,7" from group_concat → [3, 7]. */
const idList = (text: string | null | undefined): number[] => (text ? text.split(',').map(Number).sort((a, b) => a - b) : []);

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    jobId: r.job_id,
    trigger: r.trigger,
    attempt: r.attempt,
    retryOf: r.retry_of,
    status: r.status,
    priority: r.priority,
    scheduledFor: r.scheduled_for,
    notBefore: r.not_before,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    exitCode: r.exit_code,
    error: r.error,
    errorKind: r.error_kind,
    cancelRequested: r.cancel_requested === 1,
    pid: r.pid,
    pidStarted: r.pid_started ?? null,
    engineId: r.engine_id,
  };
}

function toRun(r: RunRow): Run {
  return {
    id: r.id,
    jobId: r.job_id,
    jobName: r.job_name ?? '',
    jobKind: r.job_kind ?? 'shell',
    status: r.status,
    trigger: r.trigger,
    attempt: r.attempt,
    retryOf: r.retry_of,
    scheduledFor: iso(r.scheduled_for),
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    durationMs: r.started_at !== null && r.finished_at !== null ? r.finished_at - r.started_at : null,
    exitCode: r.exit_code,
    error: r.error,
    sessionId: r.session_id,
    model: r.model,
    numTurns: r.num_turns,
    costUsd: r.cost_usd,
    tokens: { input: r.input_tokens, output: r.output_tokens, cacheRead: r.cache_read_tokens, cacheCreation: r.cache_creation_tokens },
    eventCount: r.event_count,
    eventsTruncated: r.events_truncated === 1,
    rawLogBytes: r.raw_log_bytes ?? null,
    rawLogComplete: r.raw_log_complete === 1,
    deferredUntil: r.status === 'deferred_cooldown' ? iso(r.not_before) : null,
    upstreamRunIds: idList(r.upstream_ids),
    downstreamRunIds: idList(r.downstream_ids),
  };
}

export interface NewRun {
  jobId: number;
  trigger: RunTrigger;
  status: RunStatus;
  priority: number;
  scheduledFor: number | null;
  attempt?: number;
  retryOf?: number | null;
  notBefore?: number | null;
  error?: string | null;
  errorKind?: string | null;
  /** For runs recorded as already final (skipped slots). */
  finishedAt?: number | null;
  /** For a run created already claimed (`running`): when and by whom, as markRunning would set them. */
  startedAt?: number | null;
  engineId?: string | null;
}

export interface RunFinish {
  status: RunStatus;
  exitCode?: number | null;
  error?: string | null;
  errorKind?: string | null;
  sessionId?: string | null;
  model?: string | null;
  numTurns?: number | null;
  costUsd?: number | null;
  tokens?: TokenCounts;
}

// The chain links ride along through two indexed lookups per row (run_upstreams' key and its upstream index).
const VIEW = `SELECT r.*, j.name AS job_name, j.kind AS job_kind,
  (SELECT group_concat(u.upstream_run_id) FROM run_upstreams u WHERE u.run_id = r.id) AS upstream_ids,
  (SELECT group_concat(d.run_id) FROM run_upstreams d WHERE d.upstream_run_id = r.id) AS downstream_ids
  FROM runs r JOIN jobs j ON j.id = r.job_id`;

export class RunsRepo {
  private readonly statements: Statements;

  constructor(private readonly db: Database) {
    this.statements = new Statements(db);
  }

  /** Prepared once per SQL text: the scheduler runs these on every tick. */
  private prepare(sql: string): Statement {
    return this.statements.get(sql);
  }

  /**
   * Creates a run. For a scheduled slot the unique (job_id, scheduled_for) key makes this the one
   * place a double fire is refused: null means the slot already exists.
   */
  insert(n: NewRun, now = Date.now()): number | null {
    const res = this.prepare(
        `INSERT OR IGNORE INTO runs (job_id, trigger, attempt, retry_of, status, priority, scheduled_for, not_before, created_at,
           finished_at, error, error_kind, started_at, engine_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        n.jobId,
        n.trigger,
        n.attempt ?? 1,
        n.retryOf ?? null,
        n.status,
        n.priority,
        n.scheduledFor,
        n.notBefore ?? null,
        now,
        n.finishedAt ?? null,
        n.error ?? null,
        n.errorKind ?? null,
        n.startedAt ?? null,
        n.engineId ?? null,
      );
    return res.changes ? Number(res.lastInsertRowid) : null;
  }

  get(id: number): RunRecord | null {
    const row = this.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The attempt that follows `run` (its queued or finished retry), if one was made. */
  nextAttempt(run: Pick<RunRecord, 'id' | 'retryOf' | 'attempt'>): RunRecord | null {
    const row = this.prepare('SELECT * FROM runs WHERE retry_of = ? AND attempt = ? ORDER BY id LIMIT 1').get(run.retryOf ?? run.id, run.attempt + 1) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  view(id: number): Run | null {
    const row = this.prepare(`${VIEW} WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  list(filter: { jobId?: number; status?: RunStatus; trigger?: RunTrigger; since?: number; until?: number; limit: number; offset: number }): Page<Run> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.jobId !== undefined) {
      where.push('r.job_id = ?');
      args.push(filter.jobId);
    }
    if (filter.status) {
      where.push('r.status = ?');
      args.push(filter.status);
    }
    if (filter.trigger) {
      where.push('r.trigger = ?');
      args.push(filter.trigger);
    }
    if (filter.since !== undefined) {
      where.push('r.created_at >= ?');
      args.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('r.created_at <= ?');
      args.push(filter.until);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    // Counting a million rows on every page would cost more than the page: past 10,000 the UI says "10,000+".
    const total = (this.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM runs r${clause} LIMIT 10001)`).get(...args) as { n: number }).n;
    const rows = this.prepare(`${VIEW}${clause} ORDER BY r.id DESC LIMIT ? OFFSET ?`).all(...args, filter.limit, filter.offset) as RunRow[];
    return { items: rows.map(toRun), total };
  }

  /** Queued runs that may start now, best first: priority (10 first), then the time they were due. */
  runnable(now: number, limit = 200): RunRecord[] {
    return (
      this.prepare(
          `SELECT * FROM runs WHERE status = 'queued' AND (not_before IS NULL OR not_before <= ?)
           ORDER BY priority DESC, COALESCE(scheduled_for, created_at), id LIMIT ?`,
        )
        .all(now, limit) as RunRow[]
    ).map(toRecord);
  }

  /** When the next queued run held back by not_before (a retry's delay) may start; null if none waits. */
  nextNotBefore(now: number): number | null {
    const row = this.prepare("SELECT MIN(not_before) AS t FROM runs WHERE status = 'queued' AND not_before > ?").get(now) as { t: number | null };
    return row.t;
  }

  byStatus(status: RunStatus): RunRecord[] {
    return (this.prepare('SELECT * FROM runs WHERE status = ? ORDER BY id').all(status) as RunRow[]).map(toRecord);
  }

  /** Runs of a job that are waiting or running (for the overlap policy). */
  activeForJob(jobId: number): RunRecord[] {
    return (
      this.prepare("SELECT * FROM runs WHERE job_id = ? AND status IN ('queued', 'running', 'deferred_cooldown') ORDER BY id").all(jobId) as RunRow[]
    ).map(toRecord);
  }

  /** Atomically claims a queued run; false when someone else got it or it was cancelled. */
  markRunning(id: number, engineId: string, now = Date.now()): boolean {
    return (
      this.prepare("UPDATE runs SET status = 'running', started_at = ?, finished_at = NULL, engine_id = ?, not_before = NULL WHERE id = ? AND status = 'queued'")
        .run(now, engineId, id).changes > 0
    );
  }

  /** The run's process (its supervisor) and when it started: a pid alone may be reused by then. */
  setPid(id: number, pid: number | null, startTime: string | null = null): void {
    this.prepare('UPDATE runs SET pid = ?, pid_started = ? WHERE id = ?').run(pid, startTime, id);
  }

  /** What the run's full log file holds so far (see core/raw-log): its size, and whether nothing is missing. */
  setRawLog(id: number, bytes: number | null, complete: boolean): void {
    this.prepare('UPDATE runs SET raw_log_bytes = ?, raw_log_complete = ? WHERE id = ?').run(bytes, complete ? 1 : 0, id);
  }

  /** The runs of a job that have a full log file (removed with the job). */
  rawLogIdsOfJob(jobId: number): number[] {
    return this.prepare('SELECT id FROM runs WHERE job_id = ? AND raw_log_bytes IS NOT NULL').pluck().all(jobId) as number[];
  }

  /** The run's recorded full log size, or undefined when the run does not exist. */
  rawLogBytes(id: number): number | null | undefined {
    const row = this.prepare('SELECT raw_log_bytes FROM runs WHERE id = ?').get(id) as { raw_log_bytes: number | null } | undefined;
    return row ? row.raw_log_bytes : undefined;
  }

  finish(id: number, f: RunFinish, now = Date.now()): void {
    this.prepare(
        `UPDATE runs SET status = @status, finished_at = @now, exit_code = @exitCode, error = @error, error_kind = @errorKind,
           session_id = COALESCE(@sessionId, session_id), model = COALESCE(@model, model), num_turns = COALESCE(@numTurns, num_turns),
           cost_usd = COALESCE(@costUsd, cost_usd), input_tokens = @input, output_tokens = @output,
           cache_read_tokens = @cacheRead, cache_creation_tokens = @cacheCreation, pid = NULL, pid_started = NULL
         WHERE id = @id`,
      )
      .run({
        id,
        now,
        status: f.status,
        exitCode: f.exitCode ?? null,
        error: f.error ?? null,
        errorKind: f.errorKind ?? null,
        sessionId: f.sessionId ?? null,
        model: f.model ?? null,
        numTurns: f.numTurns ?? null,
        costUsd: f.costUsd ?? null,
        input: f.tokens?.input ?? 0,
        output: f.tokens?.output ?? 0,
        cacheRead: f.tokens?.cacheRead ?? 0,
        cacheCreation: f.tokens?.cacheCreation ?? 0,
      });
  }

  /** Moves a queued/running run to a waiting state (cooldown) without using an attempt. */
  /**
   * Puts a run back to wait for a cooldown. A run that was never started (due while cooling) has
   * no facts; one whose attempt hit the limit keeps that attempt's start, end, session, model, cost
   * and tokens, so `runs show` still tells what happened until the run starts again.
   */
  defer(id: number, until: number, reason: string, attempt?: Omit<RunFinish, 'status' | 'error' | 'errorKind'> & { endedAt: number }): void {
    if (!attempt) {
      this.prepare("UPDATE runs SET status = 'deferred_cooldown', not_before = ?, error = ?, started_at = NULL, finished_at = NULL, pid = NULL WHERE id = ?")
        .run(until, reason, id);
      return;
    }
    this.prepare(
      `UPDATE runs SET status = 'deferred_cooldown', not_before = @until, error = @reason, error_kind = 'usage_limit', finished_at = @endedAt,
         exit_code = @exitCode, session_id = COALESCE(@sessionId, session_id), model = COALESCE(@model, model),
         num_turns = COALESCE(@numTurns, num_turns), cost_usd = COALESCE(@costUsd, cost_usd), input_tokens = @input,
         output_tokens = @output, cache_read_tokens = @cacheRead, cache_creation_tokens = @cacheCreation, pid = NULL
       WHERE id = @id`,
    ).run({
      id,
      until,
      reason,
      endedAt: attempt.endedAt,
      exitCode: attempt.exitCode ?? null,
      sessionId: attempt.sessionId ?? null,
      model: attempt.model ?? null,
      numTurns: attempt.numTurns ?? null,
      costUsd: attempt.costUsd ?? null,
      input: attempt.tokens?.input ?? 0,
      output: attempt.tokens?.output ?? 0,
      cacheRead: attempt.tokens?.cacheRead ?? 0,
      cacheCreation: attempt.tokens?.cacheCreation ?? 0,
    });
  }

  /** One deferred run back to the queue at once (its job may run on its fallback model). */
  requeueOne(id: number): boolean {
    return this.prepare("UPDATE runs SET status = 'queued', not_before = NULL WHERE id = ? AND status = 'deferred_cooldown'").run(id).changes > 0;
  }

  /** Deferred runs go back to the queue when the cooldown ends. */
  requeueDeferred(kind: JobKind | null = null): number {
    const sql = kind
      ? "UPDATE runs SET status = 'queued', not_before = NULL, error = NULL WHERE status = 'deferred_cooldown' AND job_id IN (SELECT id FROM jobs WHERE kind = ?)"
      : "UPDATE runs SET status = 'queued', not_before = NULL, error = NULL WHERE status = 'deferred_cooldown'";
    return (kind ? this.prepare(sql).run(kind) : this.prepare(sql).run()).changes;
  }

  /**
   * The newest finished Claude run, when it was refused as not logged in: evidence for `doctor`
   * that outranks the credential files (a headless run can get 401 while an interactive one works).
   */
  lastClaudeAuthFailure(prefix: string): { at: number; message: string } | null {
    const row = this.prepare(
      "SELECT r.error, r.finished_at FROM runs r JOIN jobs j ON j.id = r.job_id WHERE j.kind = 'claude' AND r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL ORDER BY r.finished_at DESC LIMIT 1",
    ).get() as { error: string | null; finished_at: number } | undefined;
    return row?.error?.startsWith(prefix) ? { at: row.finished_at, message: row.error } : null;
  }

  countByStatus(status: RunStatus): number {
    return (this.prepare('SELECT COUNT(*) AS n FROM runs WHERE status = ?').get(status) as { n: number }).n;
  }

  requestCancel(id: number): void {
    this.prepare('UPDATE runs SET cancel_requested = 1 WHERE id = ?').run(id);
  }

  cancelRequested(ids: number[]): number[] {
    if (!ids.length) return [];
    return (
      this.prepare(`SELECT id FROM runs WHERE cancel_requested = 1 AND id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number }[]
    ).map((r) => r.id);
  }

  /** Cancels a run that has not started: nothing to kill, so the DB change is the whole act. */
  cancelWaiting(id: number, now = Date.now()): boolean {
    return (
      this.prepare("UPDATE runs SET status = 'cancelled', finished_at = ?, error = 'Cancelled before it started' WHERE id = ? AND status IN ('queued', 'deferred_cooldown')")
        .run(now, id).changes > 0
    );
  }

  /** The model a job's runs last reported: what a job without its own `model` runs on. */
  lastModelOfJob(jobId: number): string | null {
    const row = this.prepare('SELECT model FROM runs WHERE job_id = ? AND model IS NOT NULL ORDER BY id DESC LIMIT 1').get(jobId) as { model: string } | undefined;
    return row?.model ?? null;
  }

  lastRunOfJob(jobId: number): RunRecord | null {
    const row = this.prepare('SELECT * FROM runs WHERE job_id = ? ORDER BY id DESC LIMIT 1').get(jobId) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }
}
