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

/** The nearest-rank percentile of sorted values. */
function nearestRank(sorted: number[], p: number): number | null {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]! : null;
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
  const durationRows = ctx.store.db
    .prepare(
      `SELECT strftime('%Y-%m-%d', started_at / 1000, 'unixepoch') AS day, finished_at - started_at AS d FROM runs
       WHERE created_at >= ? AND status = 'succeeded' AND started_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY d`,
    )
    .all(since) as { day: string; d: number }[];
  const durations = durationRows.map((r) => r.d);
  const p95 = nearestRank(durations, 0.95);
  const byDay = new Map<string, number[]>();
  for (const r of durationRows) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r.d]);
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
    days: days.map((d) => ({ day: d.day, succeeded: d.succeeded, failed: d.failed, other: d.other, costUsd: d.cost, tokens: d.tokens ?? 0, p95DurationMs: nearestRank(byDay.get(d.day) ?? [], 0.95) })),
    successRate: totals.ok + totals.bad ? totals.ok / (totals.ok + totals.bad) : null,
    p95DurationMs: p95,
    upcoming: upcoming.slice(0, 200),
    upcomingByJob: upcomingByJob.slice(0, 500),
    running,
  };
}
