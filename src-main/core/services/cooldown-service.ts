import type { CooldownEntry, CooldownStatus } from '../../../src-shared/domain';
import type { CooldownRecord } from '../db/cooldowns-repo';
import { iso } from '../db/json';
import type { Store } from '../db/store';
import type { CoreContext } from './context';

export interface UsageWarning {
  at: number;
  resetsAt: number | null;
  limitType: string | null;
  utilization: number | null;
}
export const USAGE_WARNING_KEY = 'usage_warning';

function entry(c: CooldownRecord): CooldownEntry {
  return {
    scope: c.scope,
    limitType: c.limitType,
    startedAt: iso(c.startedAt)!,
    resetsAt: iso(c.resetsAt)!,
    source: c.source,
    message: c.message,
    needsUser: c.needsUser,
    probeStep: c.probeStep,
    clearedAt: iso(c.clearedAt),
    clearedBy: c.clearedBy,
  };
}

export function cooldownStatus(store: Store, now: number): CooldownStatus {
  const all = store.cooldowns.activeAll(now);
  // The headline is a limit on all Claude work when there is one, else the model-family limit.
  const active = all.find((c) => c.scope === 'all') ?? all[0] ?? null;
  const last = store.cooldowns.latest();
  const warning = store.state.get<UsageWarning>(USAGE_WARNING_KEY);
  // A warning is only worth showing until the window it warned about resets.
  const liveWarning = warning && (warning.resetsAt === null ? now - warning.at < 5 * 3600_000 : warning.resetsAt > now) ? warning : null;
  return {
    cooling: active !== null,
    resetsAt: iso(active?.resetsAt),
    source: active?.source ?? null,
    message: active?.message ?? null,
    since: iso(active?.startedAt),
    deferredRuns: store.runs.countByStatus('deferred_cooldown'),
    warning: liveWarning
      ? { at: iso(liveWarning.at)!, resetsAt: iso(liveWarning.resetsAt), limitType: liveWarning.limitType, utilization: liveWarning.utilization }
      : null,
    scope: active?.scope ?? null,
    model: active && active.scope !== 'all' ? active.scope : null,
    limitType: active?.limitType ?? null,
    needsUser: all.some((c) => c.needsUser),
    cooldowns: all.map(entry),
    last: last ? entry(last) : null,
  };
}

/** Ends the cooldown by hand: deferred Claude runs go back to the queue at once. */
export function clearCooldown(ctx: CoreContext): CooldownStatus {
  const now = ctx.now();
  ctx.store.db.transaction(() => {
    ctx.store.cooldowns.clearAll(now, ctx.actor);
    ctx.store.runs.requeueDeferred();
  })();
  ctx.store.audit.record(ctx.actor, 'cooldown.clear', null);
  ctx.engine?.wake();
  return cooldownStatus(ctx.store, now);
}
