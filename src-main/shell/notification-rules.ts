import type { CooldownStatus } from '../../src-shared/domain';
import { formatClock, truncate, type ClockOptions } from './format';

/** An OS notification to show; `runId` makes a click open that run. */
export interface OsNotification {
  title: string;
  body: string;
  runId?: number;
}

/**
 * Which finished runs notify is the engine's call (core/notify/run-finished.ts: failures by default,
 * successes when the job asks, and not a failure that will be retried). The shell only fits the
 * engine's text to what notification centres display: one short title, a one-line body.
 */
export function fitNotification(n: OsNotification): OsNotification {
  return {
    title: truncate(n.title, 64),
    body: truncate(n.body, 200),
    ...(n.runId !== undefined ? { runId: n.runId } : {}),
  };
}

/** Cooldown start and end, when the user wants to hear about them. Extensions and repeats are silent. */
export function cooldownNotification(
  previous: Pick<CooldownStatus, 'cooling' | 'resetsAt'> | null,
  next: Pick<CooldownStatus, 'cooling' | 'resetsAt' | 'deferredRuns'>,
  enabled: boolean,
  now: number,
  clock: ClockOptions = {},
): OsNotification | null {
  if (!enabled) return null;
  const wasCooling = previous?.cooling ?? false;
  if (next.cooling && !wasCooling) {
    const until = next.resetsAt ? `until ${formatClock(next.resetsAt, now, clock)}` : 'until the limit resets';
    return { title: 'Claude usage limit reached', body: `Claude runs wait ${until}. Other jobs keep running.` };
  }
  // Not notifying when the first snapshot is already "not cooling": that is start-up, not an end.
  if (!next.cooling && wasCooling) {
    const deferred = next.deferredRuns > 0 ? ` ${next.deferredRuns} deferred ${next.deferredRuns === 1 ? 'run starts' : 'runs start'} now.` : '';
    return { title: 'Claude cooldown over', body: `Claude runs can start again.${deferred}` };
  }
  return null;
}
