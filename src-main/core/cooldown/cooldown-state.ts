import type { Settings } from '../../../src-shared/domain';
import type { CooldownRecord } from '../db/cooldowns-repo';
import type { Store } from '../db/store';
import type { UsageLimitHit } from '../executors/types';

/**
 * The persisted cooldown: while one is open, no Claude run starts. It lives in the DB so a restart
 * (or another process) keeps waiting instead of burning attempts against the limit.
 */
export function enterCooldown(store: Store, hit: UsageLimitHit, runId: number | null, now: number, settings: Settings): CooldownRecord {
  // An unknown reset time ("|0", unparsable) still must not hammer the limit: wait the default.
  const resetsAt = hit.resetsAt !== null && hit.resetsAt > now ? hit.resetsAt : now + settings.cooldownDefaultWaitSeconds * 1000;
  const open = store.cooldowns.open();
  if (open) {
    store.cooldowns.extend(open.id, resetsAt, hit.source, hit.message);
    return store.cooldowns.open()!;
  }
  return store.cooldowns.start({ startedAt: now, resetsAt, source: hit.source, message: hit.message, runId });
}

/** When Claude runs may start again: the reset plus a small margin, so the first try is not early. */
export function resumeAt(c: CooldownRecord, settings: Settings): number {
  return c.resetsAt + settings.cooldownMarginSeconds * 1000;
}

/** Closes a cooldown whose time has come and puts its deferred runs back in the queue. */
export function endCooldownIfDue(store: Store, now: number, settings: Settings): boolean {
  const open = store.cooldowns.open();
  if (!open || resumeAt(open, settings) > now) return false;
  store.db.transaction(() => {
    store.cooldowns.clearAll(now, 'reset');
    store.runs.requeueDeferred('claude');
  })();
  return true;
}
