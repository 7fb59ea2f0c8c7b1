import type { Run } from '../../../src-shared/domain';
import type { JobRecord } from '../db/jobs-repo';
import { redactRun } from '../redaction/views';
import type { Store } from '../db/store';
import { sendThroughChannel } from './channel-sender';
import type { Notification } from './message';
import { describeRunForNotification, shouldNotify, type OsNotifier } from './run-finished';
import { postWebhook } from './webhook';

/**
 * Tells the user about a finished run the ways the job asks for: OS notification and the job's own
 * webhook (as before), plus the notification channels the job picked for its runs. Best effort:
 * nothing here can fail or delay the run. The promise settles when every delivery has been tried,
 * for a process that must not exit before (an inline `cnp job run`); the engine does not wait.
 */
export function notifyRunFinished(run: Run, job: JobRecord, retryId: number | null, os: OsNotifier | undefined, store?: Store): Promise<void> {
  const sends: Promise<unknown>[] = [];
  const settled = () => Promise.allSettled(sends).then(() => undefined);
  if (!shouldNotify(run, job, retryId)) return settled();
  // Notifications leave the machine or show on screen: the run as the user may see it.
  const shown = redactRun(run);
  const described = describeRunForNotification(shown);
  os?.notify({ ...described, runId: run.id });
  if (job.notify.webhookUrl) sends.push(postWebhook(job.notify.webhookUrl, shown));
  const picked = job.notify.channels;
  if (!store || !picked?.length) return settled();
  const n: Notification = { event: run.status === 'succeeded' ? 'run.succeeded' : 'run.failed', subject: `[Night Pilot] ${described.title}`, text: described.body, run: shown };
  for (const channel of store.channels.list()) {
    // OS notifications went out above already; the picked channels add the others.
    if (!channel.enabled || channel.type === 'os' || !picked.includes(channel.id)) continue;
    sends.push(sendThroughChannel(channel, n, os));
  }
  return settled();
}
