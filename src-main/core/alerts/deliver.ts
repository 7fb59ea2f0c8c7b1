import type { AlertRecord } from '../db/alerts-repo';
import type { Store } from '../db/store';
import { sendThroughChannel, type OsNotifier } from '../notify/channel-sender';
import type { Notification } from '../notify/message';
import { redactText } from '../redaction/redact';

const HOUR = 3_600_000;
/** An OS notification waits this long for a desktop app to show it. */
const OS_PENDING_MAX_MS = 24 * HOUR;
const SENDING_STALE_MS = 5 * 60_000;

/** What leaves the machine is redacted like every other output: causes quote run errors. */
export function alertNotification(raw: AlertRecord, event: 'opened' | 'resolved', jobName: string | null): Notification {
  const a: AlertRecord = { ...raw, title: redactText(raw.title), cause: redactText(raw.cause), resolution: raw.resolution === null ? null : redactText(raw.resolution) };
  const runs = a.runIds.length ? `\nRuns: ${a.runIds.map((id) => `#${id}`).join(', ')}` : '';
  const job = jobName ? `\nJob: ${jobName} (#${a.jobId})` : '';
  const opened = `\nOpened: ${new Date(a.openedAt).toISOString()}`;
  const body =
    event === 'opened'
      ? `${a.cause}${job}${runs}${opened}`
      : `Resolved: ${a.resolution ?? 'the condition cleared'}\nIt was: ${a.cause}${job}${runs}${opened}\nResolved: ${new Date(a.resolvedAt ?? Date.now()).toISOString()}`;
  return {
    event: event === 'opened' ? 'alert.opened' : 'alert.resolved',
    subject: `[Night Pilot] ${event === 'opened' ? 'Alert' : 'Resolved'}: ${a.title}`,
    text: body,
    alert: {
      id: a.id,
      kind: a.kind,
      jobId: a.jobId,
      title: a.title,
      cause: a.cause,
      runIds: a.runIds,
      openedAt: new Date(a.openedAt).toISOString(),
      resolvedAt: a.resolvedAt === null ? null : new Date(a.resolvedAt).toISOString(),
      resolution: a.resolution,
    },
  };
}

/**
 * Sends every pending alert delivery this process can send. Each is claimed first (one row per
 * alert, channel and event), so two processes never send the same one; the outcome — sent, failed
 * with the reason, or rate-limited — is recorded on the alert. Never throws.
 */
export async function deliverPending(store: Store, os: OsNotifier | undefined, now: () => number = Date.now): Promise<number> {
  let sent = 0;
  if (!store.alerts.hasUnfinishedDeliveries()) return 0;
  store.alerts.abandonStaleSending(now() - SENDING_STALE_MS, now());
  for (const d of store.alerts.pendingDeliveries()) {
    const channel = store.channels.get(d.channelId);
    const alert = store.alerts.get(d.alertId);
    if (!channel || !alert) continue;
    if (channel.type === 'os' && !os) {
      // Only the desktop app shows these; it picks them up when it runs.
      if (now() - d.createdAt > OS_PENDING_MAX_MS) store.alerts.finishDelivery(d.id, 'failed', 'No desktop app ran to show it', now());
      continue;
    }
    if (!store.alerts.claimDelivery(d.id, now())) continue;
    // The claim itself counts as an attempt, hence "more than".
    if (store.alerts.attemptsSince(channel.id, now() - HOUR) > channel.maxPerHour) {
      store.alerts.finishDelivery(d.id, 'rate_limited', `Not sent: "${channel.name}" already carried ${channel.maxPerHour} notifications in the last hour`, now());
      continue;
    }
    const jobName = alert.jobId !== null ? (store.jobs.get(alert.jobId)?.name ?? null) : null;
    const outcome = await sendThroughChannel(channel, alertNotification(alert, d.event, jobName), os);
    if (outcome.ok === true) {
      store.alerts.finishDelivery(d.id, 'sent', null, now());
      sent += 1;
    } else {
      store.alerts.finishDelivery(d.id, 'failed', outcome.ok === 'unavailable' ? 'No desktop notifier in this process' : outcome.error, now());
    }
  }
  return sent;
}
