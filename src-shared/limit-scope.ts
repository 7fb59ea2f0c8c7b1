/**
 * Which Claude work a limit stops. A weekly Opus or Sonnet limit only stops runs on that model
 * family; every other limit (five-hour, weekly, overage, spend) stops all Claude runs.
 */

export const LIMIT_SCOPES = ['all', 'opus', 'sonnet'] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

export type ModelFamily = 'opus' | 'sonnet' | 'haiku';

/** `rate_limit_event.rate_limit_info.rateLimitType` → scope. Unknown types stop everything. */
export function scopeOfLimitType(limitType: string | null | undefined): LimitScope {
  const t = (limitType ?? '').toLowerCase();
  if (t.includes('opus')) return 'opus';
  if (t.includes('sonnet')) return 'sonnet';
  return 'all';
}

/** The `<what>` of a limit text (`Opus limit`, `weekly limit`, `session limit`) in the event's vocabulary. */
export function limitTypeOfName(what: string | undefined): string | null {
  const words = (what ?? '').toLowerCase();
  if (words.includes('opus')) return 'seven_day_opus';
  if (words.includes('sonnet')) return 'seven_day_sonnet';
  if (words.includes('week')) return 'seven_day';
  if (/5-hour|five-hour|session/.test(words)) return 'five_hour';
  return null;
}

/** `opus`, `claude-opus-4-1-20250805`, `us.anthropic.claude-sonnet-4-5…` → family; null when unknown. */
export function modelFamily(model: string | null | undefined): ModelFamily | null {
  const m = (model ?? '').toLowerCase();
  if (m.includes('opus')) return 'opus';
  if (m.includes('sonnet')) return 'sonnet';
  if (m.includes('haiku')) return 'haiku';
  return null;
}

/**
 * Whether a limit of this scope stops a run on `model`. A model whose family is unknown (a job
 * without `--model` that never ran) is stopped by any limit: trying would most likely hit it again.
 */
export function scopeStopsModel(scope: LimitScope, model: string | null | undefined): boolean {
  if (scope === 'all') return true;
  const family = modelFamily(model);
  return family === null || family === scope;
}
