import type { DashboardSummary } from '../../../src-shared/contract';
import type { UsageRow } from '../../../src-shared/domain';
import { scheduleOfRecord } from './job-input';
import { nextFireTimes } from '../scheduler/schedule';
import type { CoreContext } from './context';

const DAY = 86_400_000;

/** Tokens and cost per day (UTC), job or model, from the runs' own result figures. */
export function usageSummary(ctx: CoreContext, input: { since?: string | undefined; by: 'day' | 'job' | 'model' }): UsageRow[] {
  const key = {
    day: "strftime('%Y-%m-%d', COALESCE(r.started_at, r.created_at) / 1000, 'unixepoch')",
    job: "j.name || ' (#' || r.job_id || ')'",
    model: "COALESCE(r.model, 'unknown')",
  }[input.by];
  const since = input.since ? Date.parse(input.since) : 0;
  const rows = ctx.store.db
    .prepare(
      `SELECT ${key} AS k, COUNT(*) AS runs, COALESCE(SUM(r.cost_usd), 0) AS cost,
         SUM(r.input_tokens) AS input, SUM(r.output_tokens) AS output, SUM(r.cache_read_tokens) AS cache_read,
         SUM(r.cache_creation_tokens) AS cache_creation
       FROM runs r JOIN jobs j ON j.id = r.job_id
       WHERE COALESCE(r.started_at, r.created_at) >= ? AND (r.cost_usd IS NOT NULL OR r.input_tokens + r.output_tokens > 0)
       GROUP BY k ORDER BY k`,
    )
    .all(since) as { k: string; runs: number; cost: number; input: number; output: number; cache_read: number; cache_creation: number }[];
  return rows.map((r) => ({
    key: r.k,
    runs: r.runs,
    costUsd: Math.round(r.cost * 1e6) / 1e6,
    tokens: { input: r.input, output: r.output, cacheRead: r.cache_read, cacheCreation: r.cache_creation },
  }));
}

/** Fires counted per job for "Next 24 hours"; a job firing more often shows as "100+". */
const UPCOMING_PER_JOB = 100;

/** The 1-based nearest rank of the 95th percentile among n values. */
const rankOf95 = (n: number) => Math.min(n, Math.ceil(n * 0.95));
/** Days in the window fit in 5 bits, so a duration and its day travel as one small integer. */
const DAY_BITS = 32;

/**
 * The p95 duration of succeeded runs since `since`, overall and per day (UTC), by nearest rank.
 * SQLite sorts once and this walks the sorted durations counting ranks, keeping nothing per run;
 * each row is one integer (duration × 32 + day), which V8 holds without allocating. Holding every
 * duration (and copying each day's list per row) took minutes and hundreds of MB with a million runs
 * in the window; window functions in SQL sort twice and were slower.
 */
function successDurationP95(ctx: CoreContext, since: number): { overall: number | null; byDay: Map<string, number> } {
  const firstDay = Math.floor(since / DAY);
  // A start outside the window's 32 days (a clock set wrong, then fixed) would not fit in 5 bits.
  const where = `FROM runs WHERE created_at >= ? AND status = 'succeeded' AND started_at IS NOT NULL AND finished_at IS NOT NULL
     AND started_at >= ? AND started_at < ${(firstDay + DAY_BITS) * DAY}`;
  const counts = ctx.store.db.prepare(`SELECT started_at / ${DAY} - ? AS day, COUNT(*) AS n ${where} GROUP BY day`).all(firstDay, since, firstDay * DAY) as { day: number; n: number }[];
  const wanted = new Map(counts.map((c) => [c.day, rankOf95(c.n)]));
  const overallRank = rankOf95(counts.reduce((a, c) => a + c.n, 0));
  const seen = new Array<number>(DAY_BITS).fill(0);
  const found = new Map<number, number>();
  let overall: number | null = null;
  let i = 0;
  const rows = ctx.store.db
    .prepare(`SELECT (finished_at - started_at) * ${DAY_BITS} + (started_at / ${DAY} - ?) AS v ${where} ORDER BY v`)
    .pluck()
    .iterate(firstDay, since, firstDay * DAY) as Iterable<number>;
  for (const v of rows) {
    const day = ((v % DAY_BITS) + DAY_BITS) % DAY_BITS;
    const ms = (v - day) / DAY_BITS;
    if (++i === overallRank) overall = ms;
    if (++seen[day]! === wanted.get(day)) found.set(day, ms);
  }
  const byDay = new Map<string, number>();
  for (const [day, ms] of found) byDay.set(new Date((firstDay + day) * DAY).toISOString().slice(0, 10), ms);
  return { overall, byDay };
}

export function dashboardSummary(ctx: CoreContext): DashboardSummary {
  const now = ctx.now();
  const since = now - 14 * DAY;
  const days = ctx.store.db
    .prepare(
      `SELECT strftime('%Y-%m-%d', COALESCE(started_at, created_at) / 1000, 'unixepoch') AS day,
         SUM(status = 'succeeded') AS succeeded, SUM(status IN ('failed', 'timed_out', 'interrupted')) AS failed,
         SUM(status NOT IN ('succeeded', 'failed', 'timed_out', 'interrupted')) AS other,
         COALESCE(SUM(cost_usd), 0) AS cost, SUM(input_tokens + output_tokens) AS tokens
       FROM runs WHERE created_at >= ? GROUP BY day ORDER BY day`,
    )
    .all(since) as { day: string; succeeded: number; failed: number; other: number; cost: number; tokens: number }[];
  const totals = days.reduce((a, d) => ({ ok: a.ok + d.succeeded, bad: a.bad + d.failed }), { ok: 0, bad: 0 });
  const { overall: p95, byDay: p95ByDay } = successDurationP95(ctx, since);
  const upcoming: DashboardSummary['upcoming'] = [];
  const upcomingByJob: DashboardSummary['upcomingByJob'] = [];
  for (const job of ctx.store.jobs.enabledScheduled()) {
    if (job.nextRunAt === null || job.nextRunAt > now + DAY) continue;
    const times = nextFireTimes(scheduleOfRecord(job), now, UPCOMING_PER_JOB + 1).filter((t) => t <= now + DAY);
    for (const t of times.slice(0, 48)) upcoming.push({ jobId: job.id, jobName: job.name, at: new Date(t).toISOString() });
    if (times.length) {
      upcomingByJob.push({
        jobId: job.id,
        jobName: job.name,
        timezone: job.timezone,
        first: new Date(times[0]!).toISOString(),
        count: Math.min(times.length, UPCOMING_PER_JOB),
        more: times.length > UPCOMING_PER_JOB,
      });
    }
  }
  upcoming.sort((a, b) => a.at.localeCompare(b.at));
  upcomingByJob.sort((a, b) => a.first.localeCompare(b.first));
  const running = (
    ctx.store.db
      .prepare("SELECT r.id, r.job_id, j.name, r.started_at FROM runs r JOIN jobs j ON j.id = r.job_id WHERE r.status = 'running' ORDER BY r.started_at")
      .all() as { id: number; job_id: number; name: string; started_at: number }[]
  ).map((r) => ({ runId: r.id, jobId: r.job_id, jobName: r.name, startedAt: new Date(r.started_at).toISOString() }));
  return {
    days: days.map((d) => ({ day: d.day, succeeded: d.succeeded, failed: d.failed, other: d.other, costUsd: d.cost, tokens: d.tokens ?? 0, p95DurationMs: p95ByDay.get(d.day) ?? null })),
    successRate: totals.ok + totals.bad ? totals.ok / (totals.ok + totals.bad) : null,
    p95DurationMs: p95,
    upcoming: upcoming.slice(0, 200),
    upcomingByJob: upcomingByJob.slice(0, 500),
    running,
  };
}
