import { useJob } from '../../api/jobs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { draftFromJob, emptyDraft } from './job-draft';
import { JobForm } from './JobForm';

export function JobEditorPage({ jobId }: { jobId: number | null }) {
  const job = useJob(jobId);
  if (jobId === null) {
    return (
      <>
        <PageHeader title="New job" subtitle="A Claude prompt, shell command or HTTP call, on a schedule." />
        <JobForm initial={emptyDraft()} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={job.data ? `Edit ${job.data.name}` : 'Edit job'} />
      {job.isPending && <Loading label="Loading job…" />}
      {job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
      {/* Keyed by id: a background refetch of the same job must not wipe what is being typed. */}
      {job.data && <JobForm key={job.data.id} initial={draftFromJob(job.data)} job={job.data} />}
    </>
  );
}
