import type { Run } from '../../../src-shared/domain';
import type { JobRecord } from '../db/jobs-repo';
import { redactRun } from '../redaction/views';
import { describeRunForNotification, shouldNotify, type OsNotifier } from './run-finished';
import { postWebhook } from './webhook';

/** Tells the user about a finished run the ways the job asks for: OS notification, webhook. */
export function notifyRunFinished(run: Run, job: JobRecord, retryId: number | null, os: OsNotifier | undefined): void {
  if (!shouldNotify(run, job, retryId)) return;
  // Notifications leave the machine or show on screen: the run as the user may see it.
  const shown = redactRun(run);
  os?.notify({ ...describeRunForNotification(shown), runId: run.id });
  if (job.notify.webhookUrl) void postWebhook(job.notify.webhookUrl, shown);
}
