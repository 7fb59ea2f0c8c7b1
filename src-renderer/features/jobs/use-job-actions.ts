import { useState } from 'react';
import type { Job } from '../../../src-shared/domain';
import type { AppError } from '../../../src-shared/errors';
import { useApi } from '../../api/context';
import { toAppError } from '../../api/errors';
import { useDeleteJob, usePauseJob, useResumeJob, useRunJobNow } from '../../api/jobs';
import { useQueryClient } from '@tanstack/react-query';
import { href, navigate } from '../../routing';

/** The row actions of the jobs table, with the last failure kept to show above it. */
export function useJobActions() {
  const runNow = useRunJobNow();
  const pause = usePauseJob();
  const resume = useResumeJob();
  const remove = useDeleteJob();
  const [error, setError] = useState<AppError | null>(null);
  const onError = (e: AppError) => setError(e);
  const api = useApi();
  const queryClient = useQueryClient();

  /** One call per job, in order; the first failure is shown, the rest still go ahead. */
  const each = async (jobs: Job[], call: (job: Job) => Promise<unknown>) => {
    setError(null);
    for (const job of jobs) {
      try {
        await call(job);
      } catch (e) {
        setError((prev) => prev ?? toAppError(e));
      }
    }
    for (const key of ['jobs.list', 'jobs.get', 'runs.list', 'dashboard.summary']) void queryClient.invalidateQueries({ queryKey: [key] });
  };

  return {
    error,
    dismissError: () => setError(null),
    deleting: remove,
    runNow: (job: Job) => {
      setError(null);
      runNow.mutate({ id: job.id }, { onSuccess: (run) => navigate(href.run(run.id)), onError });
    },
    setEnabled: (job: Job, enabled: boolean) => {
      setError(null);
      (enabled ? resume : pause).mutate({ id: job.id }, { onError });
    },
    runMany: (jobs: Job[]) => void each(jobs, (job) => api.call('jobs.runNow', { id: job.id })),
    setEnabledMany: (jobs: Job[], enabled: boolean) =>
      void each(
        jobs.filter((j) => j.enabled !== enabled),
        (job) => api.call(enabled ? 'jobs.resume' : 'jobs.pause', { id: job.id }),
      ),
    deleteMany: (jobs: Job[]) => void each(jobs, (job) => api.call('jobs.delete', { id: job.id })),
    /** Pending state per job, so only the row being changed shows it. */
    busy: (job: Job) =>
      (runNow.isPending && runNow.variables?.id === job.id) ||
      (pause.isPending && pause.variables?.id === job.id) ||
      (resume.isPending && resume.variables?.id === job.id),
  };
}
