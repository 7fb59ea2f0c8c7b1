import type { CatchUpPolicy } from '../../../src-shared/domain';
import { missedFireTimes, nextFireAfter, recentFireTimes, type Schedule } from './schedule';

/**
 * The latest due slot of a pass is on time when it is at most this late; later than that it was
 * missed too (sleep, shutdown, clock jump). Every earlier slot of the pass is missed however few
 * seconds late: it was not fired when due, and running it now would run the job twice back to back.
 */
export const MISSED_AFTER_MS = 60_000;
/** `run_all` runs at most this many missed slots; the rest are recorded as skipped. */
export const CATCH_UP_CAP = 100;
/** Skipped slots recorded one row each at most; the oldest beyond are summarised in one reason. */
export const SKIP_RECORD_CAP = 100;

export interface SlotPlan {
  /** Slots to run now, oldest first. */
  fire: { scheduledFor: number; trigger: 'schedule' | 'catch_up' }[];
  /** Slots recorded as `skipped`, with the reason the user will read. */
  skip: { scheduledFor: number; reason: string }[];
  nextRunAt: number | null;
  lastScheduledAt: number;
}

const when = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/**
 * What to do with a job's due slots at `now`: everything in (lastScheduledAt, now]. The on-time slot
 * (the latest, if not long past) runs; slots missed while asleep or stopped follow the job's catch-up policy, and every slot that
 * does not run is recorded with its reason, never silently dropped.
 */
export function planDueSlots(schedule: Schedule, lastScheduledAt: number, now: number, policy: CatchUpPolicy): SlotPlan {
  const nextRunAt = nextFireAfter(schedule, now);
  if (now <= lastScheduledAt) return { fire: [], skip: [], nextRunAt, lastScheduledAt };
  const all = missedFireTimes(schedule, lastScheduledAt, now, SKIP_RECORD_CAP + CATCH_UP_CAP);
  if (all.total === 0) return { fire: [], skip: [], nextRunAt, lastScheduledAt: now };

  // The recent end matters most (what runs, what the user sees first), so plan from it backwards.
  const recent = all.truncated ? recentFireTimes(schedule, lastScheduledAt, now, SKIP_RECORD_CAP + CATCH_UP_CAP) : all.times;
  const latest = recent[recent.length - 1]!;
  const onTime = now - latest <= MISSED_AFTER_MS ? [latest] : [];
  const missed = onTime.length ? recent.slice(0, -1) : recent;
  const totalMissed = all.total - onTime.length;
  const unrecorded = Math.max(0, totalMissed - missed.length);

  const fire: SlotPlan['fire'] = onTime.map((t) => ({ scheduledFor: t, trigger: 'schedule' as const }));
  let toRun: number[] = [];
  let reason: string;
  switch (policy) {
    case 'skip':
      reason = 'Missed while Claude Night Pilot was not running or the computer slept (catch-up policy: skip)';
      break;
    case 'run_once':
      toRun = onTime.length ? [] : missed.slice(-1);
      reason = onTime.length
        ? `Missed; the on-time run at ${when(onTime[onTime.length - 1]!)} covers it (catch-up policy: run once)`
        : `Missed; caught up once by the run for ${when(missed[missed.length - 1] ?? now)} (catch-up policy: run once)`;
      break;
    case 'run_all':
      toRun = missed.slice(-CATCH_UP_CAP);
      reason = `Missed; more than ${CATCH_UP_CAP} slots were due, only the latest ${CATCH_UP_CAP} were caught up (catch-up policy: run all)`;
      break;
  }
  const runSet = new Set(toRun);
  const skipped = missed.filter((t) => !runSet.has(t)).slice(-SKIP_RECORD_CAP);
  const skip = skipped.map((t, i) => ({
    scheduledFor: t,
    reason:
      i === 0 && unrecorded + (missed.length - runSet.size - skipped.length) > 0
        ? `${reason}; ${unrecorded + (missed.length - runSet.size - skipped.length)}${all.totalIsLowerBound ? '+' : ''} earlier missed slots not listed one by one`
        : reason,
  }));
  fire.unshift(...toRun.map((t) => ({ scheduledFor: t, trigger: 'catch_up' as const })));
  return { fire, skip, nextRunAt, lastScheduledAt: now };
}
