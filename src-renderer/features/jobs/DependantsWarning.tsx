import { useTranslation } from 'react-i18next';
import type { Job } from '../../../src-shared/domain';

/**
 * Before jobs are deleted, names the other jobs that run after them: those lose that trigger (the
 * core removes the edges), which a user deleting "tests" must know before "open PR" quietly stops.
 */
export function DependantsWarning({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  const deleted = new Set(jobs.map((j) => j.id));
  const names = [...new Map(jobs.flatMap((j) => j.dependants).filter((d) => !deleted.has(d.jobId)).map((d) => [d.jobId, d.jobName])).values()];
  if (names.length === 0) return null;
  return (
    <p role="note" className="warning">
      {t('{{jobs}} run after this; they lose this trigger and keep their schedules and other triggers.', {
        jobs: names.map((n) => `“${n}”`).join(', '),
      })}
    </p>
  );
}
