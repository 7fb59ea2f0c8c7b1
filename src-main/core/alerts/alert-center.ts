import type { AlertKind } from '../../../src-shared/ops';
import type { AlertRecord } from '../db/alerts-repo';
import type { Store } from '../db/store';

export interface AlertChange {
  alert: AlertRecord;
  change: 'opened' | 'resolved';
}

/**
 * Which channels hear about an alert: every enabled one, unless the alert belongs to a job whose
 * rules say otherwise (alerts off, or only some channels).
 */
function targetChannels(store: Store, jobId: number | null): number[] {
  const enabled = store.channels.list().filter((c) => c.enabled);
  if (jobId === null) return enabled.map((c) => c.id);
  const job = store.jobs.get(jobId);
  if (!job) return enabled.map((c) => c.id);
  if (job.notify.onAlert === false) return [];
  const chosen = job.notify.channels;
  return enabled.filter((c) => !chosen?.length || chosen.includes(c.id)).map((c) => c.id);
}

/**
 * Opens an alert for a condition unless one is open already, and queues its deliveries in the same
 * transaction: either another process opened it (and delivers it), or this one did.
 */
export function openAlert(
  store: Store,
  a: { kind: AlertKind; conditionKey: string; jobId: number | null; title: string; cause: string; runIds: number[] },
  now: number,
): AlertChange | null {
  // Most checks find the alert open already: that answer needs no write lock.
  if (store.alerts.openFor(a.conditionKey)) return null;
  return store.db.transaction(() => {
    const opened = store.alerts.open(a, now);
    if (!opened) return null;
    for (const channelId of targetChannels(store, a.jobId)) store.alerts.addDelivery(opened.id, channelId, 'opened', now);
    store.audit.record('system', 'alert.open', a.jobId, { alertId: opened.id, kind: a.kind, cause: a.cause }, now);
    return { alert: opened, change: 'opened' as const };
  }).immediate();
}

/** Resolves the condition's open alert; the channels told of its opening are told it is over. */
export function resolveAlert(store: Store, conditionKey: string, resolution: string, now: number): AlertChange | null {
  if (!store.alerts.openFor(conditionKey)) return null;
  return store.db.transaction(() => {
    const resolved = store.alerts.resolve(conditionKey, resolution, now);
    if (!resolved) return null;
    const told = store.db.prepare("SELECT channel_id FROM alert_deliveries WHERE alert_id = ? AND event = 'opened'").all(resolved.id) as { channel_id: number }[];
    for (const { channel_id } of told) store.alerts.addDelivery(resolved.id, channel_id, 'resolved', now);
    store.audit.record('system', 'alert.resolve', resolved.jobId, { alertId: resolved.id, kind: resolved.kind, resolution }, now);
    return { alert: resolved, change: 'resolved' as const };
  }).immediate();
}
