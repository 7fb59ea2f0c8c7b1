import { useState } from 'react';
import type { Job } from '../../../src-shared/domain';
import type { AppError } from '../../../src-shared/errors';
import { useDeleteJob, usePauseJob, useResumeJob, useRunJobNow } from '../../api/jobs';
import { href, navigate } from '../../routing';

/** The row actions of the jobs table, with the last failure kept to show above it. */
export function useJobActions() {
  const runNow = useRunJobNow();
  const pause = usePauseJob();
  const resume = useResumeJob();
  const remove = useDeleteJob();
  const [error, setError] = useState<AppError | null>(null);
  const onError = (e: AppError) => setError(e);

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
    /** Pending state per job, so only the row being changed shows it. */
    busy: (job: Job) =>
      (runNow.isPending && runNow.variables?.id === job.id) ||
      (pause.isPending && pause.variables?.id === job.id) ||
      (resume.isPending && resume.variables?.id === job.id),
  };
}
