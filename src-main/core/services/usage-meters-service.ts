import type { UsageMeter } from '../../../src-shared/contract';
import { parseJson } from '../db/json';
import type { CoreContext } from './context';

const WINDOW_MS = 8 * 86_400_000;

interface RateLimitInfo {
  status?: unknown;
  resetsAt?: unknown;
  rateLimitType?: unknown;
  utilization?: unknown;
}

/**
 * The latest word from the Claude CLI on each of its limits (five-hour, weekly, per model), read
 * from the `rate_limit_event` lines stored with recent Claude runs. Utilization is a fraction 0..1
 * when the CLI reported one (it sends percentages on some versions: those are scaled).
 */
export function usageMeters(ctx: CoreContext): UsageMeter[] {
  const rows = ctx.store.db
    .prepare(
      `SELECT e.payload, e.ts FROM run_events e JOIN runs r ON r.id = e.run_id JOIN jobs j ON j.id = r.job_id
       WHERE j.kind = 'claude' AND r.created_at >= ? AND e.kind = 'system' AND json_extract(e.payload, '$.type') = 'rate_limit_event'
       ORDER BY e.ts DESC LIMIT 500`,
    )
    .all(ctx.now() - WINDOW_MS) as { payload: string; ts: number }[];
  const latest = new Map<string, UsageMeter>();
  for (const row of rows) {
    const info = parseJson<{ rate_limit_info?: RateLimitInfo }>(row.payload, {}).rate_limit_info ?? {};
    const type = typeof info.rateLimitType === 'string' ? info.rateLimitType : 'unknown';
    if (latest.has(type)) continue;
    const raw = typeof info.utilization === 'number' ? info.utilization : null;
    latest.set(type, {
      limitType: type,
      status: typeof info.status === 'string' ? info.status : 'unknown',
      utilization: raw === null ? null : raw > 1 ? raw / 100 : raw,
      resetsAt: typeof info.resetsAt === 'number' ? new Date(info.resetsAt * 1000).toISOString() : null,
      reportedAt: new Date(row.ts).toISOString(),
    });
  }
  return [...latest.values()].sort((a, b) => a.limitType.localeCompare(b.limitType));
}
