import type { Run } from '../../../src-shared/domain';
import type { JobRecord } from '../db/jobs-repo';
import { describeRunForNotification, shouldNotify, type OsNotifier } from './run-finished';
import { postWebhook } from './webhook';

/** Tells the user about a finished run the ways the job asks for: OS notification, webhook. */
export function notifyRunFinished(run: Run, job: JobRecord, retryId: number | null, os: OsNotifier | undefined): void {
  if (!shouldNotify(run, job, retryId)) return;
  os?.notify({ ...describeRunForNotification(run), runId: run.id });
  if (job.notify.webhookUrl) void postWebhook(job.notify.webhookUrl, run);
}
