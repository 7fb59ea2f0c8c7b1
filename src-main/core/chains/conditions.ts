import type { ChainCondition, RunStatus } from '../../../src-shared/domain';

/** Final states that count as "it did not work" for a `failure` edge. A user's cancel is not one. */
const FAILED: readonly RunStatus[] = ['failed', 'timed_out', 'interrupted'];

/** Final states that end a cycle of an upstream (and so may release its downstreams). */
export const CHAIN_FINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'timed_out', 'cancelled', 'interrupted', 'skipped'];

export function conditionMet(condition: ChainCondition, status: RunStatus): boolean {
  switch (condition) {
    case 'always':
      return true;
    case 'success':
      return status === 'succeeded';
    case 'failure':
      return FAILED.includes(status);
  }
}

const WANTS: Record<ChainCondition, string> = { success: 'to succeed', failure: 'to fail', always: 'to finish' };

/** "#3 tests needed to fail, but its run #12 succeeded" — one clause per unmet edge. */
export function unmetText(upstream: { jobId: number; jobName: string; condition: ChainCondition }, run: { id: number; status: RunStatus }): string {
  return `needs #${upstream.jobId} "${upstream.jobName}" ${WANTS[upstream.condition]}, but its run #${run.id} ${statusWords(run.status)}`;
}

export function statusWords(status: RunStatus): string {
  switch (status) {
    case 'succeeded':
    case 'failed':
      return status;
    case 'timed_out':
      return 'timed out';
    case 'cancelled':
    case 'interrupted':
    case 'skipped':
      return `was ${status}`;
    default:
      return `is ${status.replace('_', ' ')}`;
  }
}
