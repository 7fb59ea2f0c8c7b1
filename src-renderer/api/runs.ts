import type { CallInput } from '../../src-shared/contract';
import { useCallMutation, useCallQuery } from './call';

const RUN_VIEWS = ['runs.list', 'runs.get', 'dashboard.summary', 'jobs.list'] as const;

export const useRunsList = (input: CallInput<'runs.list'>) =>
  useCallQuery('runs.list', input, { staleTime: 5_000, placeholderData: (previous) => previous });

export const useRun = (id: number) => useCallQuery('runs.get', { id });

export const useCancelRun = () => useCallMutation('runs.cancel', RUN_VIEWS);
export const useRetryRun = () => useCallMutation('runs.retry', RUN_VIEWS);
