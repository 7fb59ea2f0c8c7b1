import type { Store } from '../db/store';
import { openAlert, resolveAlert, type AlertChange } from './alert-center';

export const STALLED_KEY = 'scheduler_stalled';
export const COOLDOWN_KEY = 'cooldown';
/** A lease whose heartbeat is older than this belongs to a dead engine (the engine's own figure). */
const LEASE_STALE_MS = 10_000;

const when = (ms: number) => new Date(ms).toISOString();

/**
 * The conditions no single run reveals, checked by whoever looks (the app, `cnp serve`, any `cnp`
 * command): enabled jobs overdue past the threshold mean nothing is scheduling — no engine holds
 * the lease, or the one that holds it has stopped firing; and, opt-in, a Claude cooldown in force.
 */
export function checkSchedulerAndCooldown(store: Store, now: number): AlertChange[] {
  const changes: AlertChange[] = [];
  const add = (c: AlertChange | null) => c && changes.push(c);
  const settings = store.settings.getAll();
  const thresholdMs = settings.stallThresholdSeconds * 1000;
  const overdue = store.db
    .prepare('SELECT COUNT(*) AS n, MIN(next_run_at) AS oldest FROM jobs WHERE enabled = 1 AND next_run_at IS NOT NULL AND next_run_at <= ?')
    .get(now - thresholdMs) as { n: number; oldest: number | null };
  const lease = store.lease.live(now, LEASE_STALE_MS);
  if (overdue.n > 0 && overdue.oldest !== null) {
    const jobs = `${overdue.n} enabled job${overdue.n === 1 ? ' is' : 's are'} overdue (the oldest was due at ${when(overdue.oldest)})`;
    const cause = lease
      ? `The engine ${lease.holder} (pid ${lease.pid} on ${lease.hostname}) holds the lease but has not fired them: ${jobs}. Restart the app or \`cnp serve\`.`
      : `No engine is running: ${jobs}. Start the desktop app or \`cnp serve\` so they run.`;
    add(openAlert(store, { kind: 'scheduler_stalled', conditionKey: STALLED_KEY, jobId: null, title: 'The scheduler has stalled', cause, runIds: [] }, now));
  } else {
    add(resolveAlert(store, STALLED_KEY, lease ? `The engine ${lease.holder} (pid ${lease.pid}) is scheduling again` : 'No job is overdue any more', now));
  }

  const cooling = store.cooldowns.active(now);
  if (cooling && settings.alertOnCooldown) {
    add(
      openAlert(
        store,
        {
          kind: 'cooldown',
          conditionKey: COOLDOWN_KEY,
          jobId: null,
          title: 'Claude usage limit: runs are waiting',
          cause: `${cooling.message} — Claude runs wait until ${when(cooling.resetsAt)}.`,
          runIds: cooling.runId !== null ? [cooling.runId] : [],
        },
        now,
      ),
    );
  } else if (!cooling) {
    add(resolveAlert(store, COOLDOWN_KEY, 'The usage limit has reset; Claude runs go on', now));
  }
  return changes;
}
