import type { StatsSummary } from '../../../src-shared/ops';
import type { CoreContext } from './context';

const DAY = 86_400_000;
const FAILED = ['failed', 'timed_out', 'interrupted'];

/**
 * The near-24-hour figures: runs created since `since` by trigger and status, success and failure
 * rates over finished runs, the p95 duration of finished runs, and their cost.
 */
export function statsSummary(ctx: CoreContext, input: { since?: string | undefined }): StatsSummary {
  const until = ctx.now();
  const since = input.since ? Date.parse(input.since) : until - DAY;
  const rows = ctx.store.db
    .prepare('SELECT trigger, status, COUNT(*) AS n, COALESCE(SUM(cost_usd), 0) AS cost FROM runs WHERE created_at >= ? AND created_at <= ? GROUP BY trigger, status')
    .all(since, until) as { trigger: string; status: string; n: number; cost: number }[];
  const byTrigger: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let runs = 0;
  let cost = 0;
  for (const r of rows) {
    byTrigger[r.trigger] = (byTrigger[r.trigger] ?? 0) + r.n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    runs += r.n;
    cost += r.cost;
  }
  const succeeded = byStatus.succeeded ?? 0;
  const failed = FAILED.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
  const durations = (
    ctx.store.db
      .prepare('SELECT finished_at - started_at AS d FROM runs WHERE created_at >= ? AND created_at <= ? AND started_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY d')
      .all(since, until) as { d: number }[]
  ).map((r) => r.d);
  const p95 = durations.length ? durations[Math.min(durations.length - 1, Math.ceil(durations.length * 0.95) - 1)]! : null;
  const decided = succeeded + failed;
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    runs,
    byTrigger,
    byStatus,
    succeeded,
    failed,
    successRate: decided ? succeeded / decided : null,
    failureRate: decided ? failed / decided : null,
    p95DurationMs: p95,
    costUsd: Math.round(cost * 1e6) / 1e6,
  };
}
