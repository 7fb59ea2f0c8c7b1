import type { Run } from '../../../src-shared/domain';
import type { JobRecord } from '../db/jobs-repo';

/** Called once a run reaches its final state; `retryId` is the queued next attempt, if any. */
export type RunFinishedListener = (run: Run, job: JobRecord, retryId: number | null) => void | Promise<void>;

export type { OsNotifier } from './channel-sender';

/** Whether a finished run deserves a notification under the job's rules. */
export function shouldNotify(run: Run, job: Pick<JobRecord, 'notify'>, retryId: number | null): boolean {
  if (run.status === 'succeeded') return job.notify.onSuccess;
  // A failure that will be retried is not news yet; the last attempt's failure is.
  if (['failed', 'timed_out', 'interrupted'].includes(run.status)) return job.notify.onFailure && retryId === null;
  return false;
}

export function describeRunForNotification(run: Run): { title: string; body: string } {
  const verb = run.status === 'succeeded' ? 'succeeded' : run.status.replace('_', ' ');
  const cost = run.costUsd !== null ? ` · $${run.costUsd.toFixed(4)}` : '';
  return { title: `${run.jobName} ${verb}`, body: run.error ? `${run.error}${cost}` : `Run #${run.id}${cost}` };
}
