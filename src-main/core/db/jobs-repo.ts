import type { Database, Statement } from 'better-sqlite3';
import { Statements } from './statements';
import type {
  AfterMode,
  CatchUpPolicy,
  ExecutionOptions,
  HttpRequestSpec,
  Job,
  JobKind,
  NotifyRules,
  OverlapPolicy,
  RetryPolicy,
  RunStatus,
  ScheduleType,
} from '../../../src-shared/domain';
import { iso, parseJson } from './json';

/** A job as the engine works with it: epoch-ms times, parsed JSON columns. */
export interface JobRecord {
  id: number;
  name: string;
  kind: JobKind;
  promptId: number | null;
  payload: { prompt?: string; command?: string; http?: HttpRequestSpec };
  scheduleType: ScheduleType;
  cron: string | null;
  everySeconds: number | null;
  runAt: number | null;
  timezone: string;
  enabled: boolean;
  priority: number;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  timeoutMs: number | null;
  retry: RetryPolicy;
  options: ExecutionOptions;
  notify: NotifyRules;
  tags: string[];
  nextRunAt: number | null;
  lastScheduledAt: number | null;
  createdAt: number;
  updatedAt: number;
}
export type NewJobRecord = Omit<JobRecord, 'id' | 'createdAt' | 'updatedAt'>;

interface JobRow {
  id: number;
  name: string;
  kind: JobKind;
  prompt_id: number | null;
  payload: string;
  schedule_type: ScheduleType;
  cron: string | null;
  every_seconds: number | null;
  run_at: number | null;
  timezone: string;
  enabled: 0 | 1;
  priority: number;
  overlap_policy: OverlapPolicy;
  catch_up_policy: CatchUpPolicy;
  timeout_ms: number | null;
  retry_policy: string;
  options: string;
  notify: string;
  tags: string;
  next_run_at: number | null;
  last_scheduled_at: number | null;
  created_at: number;
  updated_at: number;
  after_mode: AfterMode;
  last_run_at: number | null;
  last_status: RunStatus | null;
  success_rate: number | null;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 0, backoff: 'exponential', delaySeconds: 60, maxDelaySeconds: 3600, jitter: 0.1 };
export const DEFAULT_NOTIFY: NotifyRules = { onFailure: true, onSuccess: false };

function toRecord(r: JobRow): JobRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    promptId: r.prompt_id,
    payload: parseJson(r.payload, {}),
    scheduleType: r.schedule_type,
    cron: r.cron,
    everySeconds: r.every_seconds,
    runAt: r.run_at,
    timezone: r.timezone,
    enabled: r.enabled === 1,
    priority: r.priority,
    overlap: r.overlap_policy,
    catchUp: r.catch_up_policy,
    timeoutMs: r.timeout_ms,
    retry: { ...DEFAULT_RETRY, ...parseJson<Partial<RetryPolicy>>(r.retry_policy, {}) },
    options: parseJson<ExecutionOptions>(r.options, {}),
    notify: { ...DEFAULT_NOTIFY, ...parseJson<Partial<NotifyRules>>(r.notify, {}) },
    tags: parseJson<string[]>(r.tags, []),
    nextRunAt: r.next_run_at,
    lastScheduledAt: r.last_scheduled_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface JobStats {
  lastRunAt: number | null;
  lastStatus: RunStatus | null;
  successRate: number | null;
}

/** The job's place in the job graph, from the chains repository. */
export interface JobChain {
  after: Job['after'];
  afterMode: Job['afterMode'];
  dependants: Job['dependants'];
}

export function toJob(rec: JobRecord, stats: JobStats, chain: JobChain): Job {
  const schedule: Job['schedule'] = { type: rec.scheduleType, timezone: rec.timezone };
  if (rec.cron !== null) schedule.cron = rec.cron;
  if (rec.everySeconds !== null) schedule.everySeconds = rec.everySeconds;
  // For interval jobs run_at holds the anchor the interval counts from, not a fire time.
  if (rec.scheduleType === 'once' && rec.runAt !== null) schedule.at = iso(rec.runAt)!;
  return {
    id: rec.id,
    name: rec.name,
    kind: rec.kind,
    promptId: rec.promptId,
    prompt: rec.payload.prompt ?? null,
    command: rec.payload.command ?? null,
    http: rec.payload.http ?? null,
    schedule,
    enabled: rec.enabled,
    priority: rec.priority,
    overlap: rec.overlap,
    catchUp: rec.catchUp,
    timeoutSeconds: rec.timeoutMs === null ? null : rec.timeoutMs / 1000,
    retry: rec.retry,
    options: rec.options,
    notify: rec.notify,
    tags: rec.tags,
    nextRunAt: iso(rec.nextRunAt),
    lastScheduledAt: iso(rec.lastScheduledAt),
    lastRunAt: iso(stats.lastRunAt),
    lastStatus: stats.lastStatus,
    successRate: stats.successRate,
    after: chain.after,
    afterMode: chain.afterMode,
    dependants: chain.dependants,
    createdAt: iso(rec.createdAt)!,
    updatedAt: iso(rec.updatedAt)!,
  };
}

/** A job with what its view adds to the record: its run figures and how it waits for upstreams. */
export interface JobListing {
  record: JobRecord;
  stats: JobStats;
  afterMode: AfterMode;
}

export type JobListFilter = { tag?: string; enabled?: boolean; kind?: JobKind; search?: string; limit?: number; offset?: number };

/**
 * Last run and success rate (over the last 50 finished runs that were attempted: skips are not
 * failures) are columns of the job, kept current by the triggers of migration 0010.
 */
const statsOf = (r: Pick<JobRow, 'last_run_at' | 'last_status' | 'success_rate'>): JobStats => ({
  lastRunAt: r.last_run_at,
  lastStatus: r.last_status,
  successRate: r.success_rate,
});

export class JobsRepo {
  private readonly statements: Statements;

  constructor(private readonly db: Database) {
    this.statements = new Statements(db);
  }

  /** Prepared once per SQL text: the scheduler runs these on every tick. */
  private prepare(sql: string): Statement {
    return this.statements.get(sql);
  }

  insert(j: NewJobRecord, now = Date.now()): JobRecord {
    const { lastInsertRowid } = this.prepare(
        `INSERT INTO jobs (name, kind, prompt_id, payload, schedule_type, cron, every_seconds, run_at, timezone, enabled,
          priority, overlap_policy, catch_up_policy, timeout_ms, retry_policy, options, notify, tags, next_run_at,
          last_scheduled_at, created_at, updated_at)
         VALUES (@name, @kind, @promptId, @payload, @scheduleType, @cron, @everySeconds, @runAt, @timezone, @enabled,
          @priority, @overlap, @catchUp, @timeoutMs, @retry, @options, @notify, @tags, @nextRunAt, @lastScheduledAt, @now, @now)`,
      )
      .run({ ...this.params(j), now });
    return this.get(Number(lastInsertRowid))!;
  }

  update(id: number, j: NewJobRecord, now = Date.now()): JobRecord | null {
    const changes = this.prepare(
        `UPDATE jobs SET name = @name, kind = @kind, prompt_id = @promptId, payload = @payload, schedule_type = @scheduleType,
          cron = @cron, every_seconds = @everySeconds, run_at = @runAt, timezone = @timezone, enabled = @enabled,
          priority = @priority, overlap_policy = @overlap, catch_up_policy = @catchUp, timeout_ms = @timeoutMs,
          retry_policy = @retry, options = @options, notify = @notify, tags = @tags, next_run_at = @nextRunAt,
          last_scheduled_at = @lastScheduledAt, updated_at = @now WHERE id = @id`,
      )
      .run({ ...this.params(j), now, id }).changes;
    return changes ? this.get(id) : null;
  }

  private params(j: NewJobRecord) {
    return {
      name: j.name,
      kind: j.kind,
      promptId: j.promptId,
      payload: JSON.stringify(j.payload),
      scheduleType: j.scheduleType,
      cron: j.cron,
      everySeconds: j.everySeconds,
      runAt: j.runAt,
      timezone: j.timezone,
      enabled: j.enabled ? 1 : 0,
      priority: j.priority,
      overlap: j.overlap,
      catchUp: j.catchUp,
      timeoutMs: j.timeoutMs,
      retry: JSON.stringify(j.retry),
      options: JSON.stringify(j.options),
      notify: JSON.stringify(j.notify),
      tags: JSON.stringify(j.tags),
      nextRunAt: j.nextRunAt,
      lastScheduledAt: j.lastScheduledAt,
    };
  }

  get(id: number): JobRecord | null {
    const row = this.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(filter: JobListFilter = {}): { items: JobRecord[]; total: number } {
    const { rows, total } = this.listRows(filter);
    return { items: rows.map(toRecord), total };
  }

  /** A page of jobs with their run figures: one read of the jobs table, whatever the number of runs. */
  listWithStats(filter: JobListFilter = {}): { items: JobListing[]; total: number } {
    const { rows, total } = this.listRows(filter);
    return { items: rows.map((r) => ({ record: toRecord(r), stats: statsOf(r), afterMode: r.after_mode })), total };
  }

  private listRows(filter: JobListFilter): { rows: JobRow[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(jobs.tags) WHERE value = ?)');
      args.push(filter.tag);
    }
    if (filter.enabled !== undefined) {
      where.push('enabled = ?');
      args.push(filter.enabled ? 1 : 0);
    }
    if (filter.kind) {
      where.push('kind = ?');
      args.push(filter.kind);
    }
    if (filter.search) {
      where.push("name LIKE ? ESCAPE '\\'");
      args.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const total = (this.prepare(`SELECT COUNT(*) AS n FROM jobs${clause}`).get(...args) as { n: number }).n;
    const rows = this.prepare(`SELECT * FROM jobs${clause} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...args, filter.limit ?? -1, filter.offset ?? 0) as JobRow[];
    return { rows, total };
  }

  stats(id: number): JobStats {
    const r = this.prepare('SELECT last_run_at, last_status, success_rate FROM jobs WHERE id = ?').get(id) as
      | Pick<JobRow, 'last_run_at' | 'last_status' | 'success_rate'>
      | undefined;
    return r ? statsOf(r) : { lastRunAt: null, lastStatus: null, successRate: null };
  }

  delete(id: number): boolean {
    return this.prepare('DELETE FROM jobs WHERE id = ?').run(id).changes > 0;
  }

  setEnabled(id: number, enabled: boolean, nextRunAt: number | null, now = Date.now()): void {
    this.prepare('UPDATE jobs SET enabled = ?, next_run_at = ?, updated_at = ? WHERE id = ?').run(enabled ? 1 : 0, nextRunAt, now, id);
  }

  /** The scheduler's bookkeeping; does not bump updated_at so user edits stay distinguishable. */
  setScheduleState(id: number, nextRunAt: number | null, lastScheduledAt: number | null): void {
    this.prepare('UPDATE jobs SET next_run_at = ?, last_scheduled_at = ? WHERE id = ?').run(nextRunAt, lastScheduledAt, id);
  }

  /** Enabled scheduled jobs due by `at`, best first (priority, then due time): the index jobs_due serves it. */
  dueBy(at: number): JobRecord[] {
    return (
      this.prepare(
        "SELECT * FROM jobs WHERE enabled = 1 AND next_run_at <= ? AND schedule_type != 'manual' ORDER BY priority DESC, next_run_at, id",
      ).all(at) as JobRow[]
    ).map(toRecord);
  }

  /** The earliest next_run_at of an enabled job: one step down the jobs_due index, whatever the job count. */
  nextDueAt(): number | null {
    const row = this.prepare('SELECT next_run_at FROM jobs WHERE enabled = 1 AND next_run_at IS NOT NULL ORDER BY next_run_at LIMIT 1').get() as
      | { next_run_at: number }
      | undefined;
    return row?.next_run_at ?? null;
  }

  /** Enabled jobs scheduled past `at` (the wall clock was set back behind them). */
  scheduledPast(at: number): JobRecord[] {
    return (this.prepare("SELECT * FROM jobs WHERE enabled = 1 AND schedule_type != 'manual' AND last_scheduled_at > ?").all(at) as JobRow[]).map(toRecord);
  }

  enabledScheduled(): JobRecord[] {
    return (this.prepare("SELECT * FROM jobs WHERE enabled = 1 AND schedule_type != 'manual'").all() as JobRow[]).map(toRecord);
  }

  countUsingPrompt(promptId: number): number {
    return (this.prepare('SELECT COUNT(*) AS n FROM jobs WHERE prompt_id = ?').get(promptId) as { n: number }).n;
  }
}
