import type { Settings } from '../../../src-shared/domain';
import type { CooldownRecord } from '../db/cooldowns-repo';
import type { JobRecord } from '../db/jobs-repo';
import type { Store } from '../db/store';
import type { UsageLimitHit } from '../executors/types';
import { scopeStopsModel } from './limit-scope';

/**
 * The persisted cooldowns: while one is open, no Claude run it covers starts. They live in the DB so
 * a restart (or another process) keeps waiting instead of burning attempts against the limit. There
 * is at most one open cooldown per scope: all Claude work, or one model family (Opus, Sonnet).
 */

const MINUTE_MS = 60_000;
/**
 * When the named reset has just gone by and the CLI still says "limit", the limit lifts any moment
 * now: probe again after these waits, growing while it holds — never the flat default hour.
 */
export const PROBE_WAITS_MS = [1, 2, 5, 10].map((m) => m * MINUTE_MS);
/** A probe that hit the limit again this soon after the previous one climbs the ladder. */
const PROBE_MEMORY_MS = 30 * MINUTE_MS;

function waitFor(store: Store, hit: UsageLimitHit, now: number, settings: Settings): { resetsAt: number; probeStep: number } {
  if (hit.resetsAt !== null && hit.resetsAt > now) return { resetsAt: hit.resetsAt, probeStep: 0 };
  // An unknown reset time ("|0", unparsable, a spend limit) still must not hammer the limit.
  if (hit.resetsAt === null) return { resetsAt: now + settings.cooldownDefaultWaitSeconds * 1000, probeStep: 0 };
  const last = store.cooldowns.latest(hit.scope ?? 'all');
  const recent = last !== null && last.probeStep > 0 && now - (last.clearedAt ?? now) <= PROBE_MEMORY_MS;
  const probeStep = Math.min(PROBE_WAITS_MS.length, (recent ? last.probeStep : 0) + 1);
  return { resetsAt: now + PROBE_WAITS_MS[probeStep - 1]!, probeStep };
}

export function enterCooldown(store: Store, hit: UsageLimitHit, runId: number | null, now: number, settings: Settings): CooldownRecord {
  const scope = hit.scope ?? 'all';
  const { resetsAt, probeStep } = waitFor(store, hit, now, settings);
  const limit = { resetsAt, source: hit.source, message: hit.message, limitType: hit.limitType ?? null, needsUser: hit.needsUser === true, probeStep };
  const open = store.cooldowns.open(scope);
  if (open) {
    store.cooldowns.extend(open.id, limit);
    return store.cooldowns.get(open.id)!;
  }
  return store.cooldowns.start({ startedAt: now, runId, scope, ...limit });
}

/** When Claude runs may start again: the reset plus a small margin, so the first try is not early. */
export function resumeAt(c: CooldownRecord, settings: Settings): number {
  return c.resetsAt + settings.cooldownMarginSeconds * 1000;
}

/**
 * Closes every cooldown whose time has come and puts deferred Claude runs back in the queue; a run
 * still covered by another cooldown (another scope) is deferred again when it is dispatched.
 */
export function endCooldownIfDue(store: Store, now: number, settings: Settings): boolean {
  const due = store.cooldowns.openAll().filter((c) => resumeAt(c, settings) <= now);
  if (due.length === 0) return false;
  store.db.transaction(() => {
    for (const c of due) store.cooldowns.clear(c.id, now, 'reset');
    store.runs.requeueDeferred('claude');
  })();
  return true;
}

/** The model a Claude job runs on: its own setting, else what its last run reported. */
function jobModel(store: Store, job: JobRecord): string | null {
  return job.options.model ?? store.runs.lastModelOfJob(job.id);
}

export interface ClaudeRunPlan {
  /** The cooldown this run must wait for, or null when it may start. */
  waitFor: CooldownRecord | null;
  /** Run on this model instead (the job's fallback, while its own family is limited). */
  modelOverride?: string;
}

/**
 * Whether a Claude job's run may start now. A limit on one model family stops only runs on that
 * family; a job that opted in (`fallbackOnLimit`) runs on its fallback model instead, if no
 * cooldown covers that one.
 */
export function planClaudeRun(store: Store, job: JobRecord, now: number): ClaudeRunPlan {
  const active = store.cooldowns.activeAll(now);
  if (active.length === 0) return { waitFor: null };
  const model = jobModel(store, job);
  const stopping = active.find((c) => scopeStopsModel(c.scope, model)) ?? null;
  if (!stopping) return { waitFor: null };
  const fallback = job.options.fallbackModel;
  if (stopping.scope !== 'all' && job.options.fallbackOnLimit === true && fallback && !active.some((c) => scopeStopsModel(c.scope, fallback))) {
    return { waitFor: null, modelOverride: fallback };
  }
  return { waitFor: stopping };
}
