import { useDeferredValue, useMemo, useState } from 'react';
import { JOB_KINDS, type Job, type JobKind } from '../../../src-shared/domain';
import { useJobsList } from '../../api/jobs';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { href, navigate } from '../../routing';
import { useJobsView, type JobStatusFilter } from '../../state/jobs-view';
import { allTags, filterJobs, sortJobs } from './job-view';
import { KIND_SHORT } from './JobRow';
import { JobsTable } from './JobsTable';
import { useJobActions } from './use-job-actions';

const STATUS_LABELS: Record<JobStatusFilter, string> = {
  all: 'Any status',
  enabled: 'Enabled',
  paused: 'Paused',
  running: 'Running or queued',
  succeeded: 'Last run succeeded',
  failing: 'Last run failed',
  never: 'Never run',
};

function Filters({ tags }: { tags: string[] }) {
  const view = useJobsView();
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        aria-label="Search jobs"
        placeholder="Search jobs…"
        value={view.search}
        onChange={(e) => view.setSearch(e.target.value)}
      />
      <select aria-label="Filter by tag" value={view.tag} onChange={(e) => view.setTag(e.target.value)}>
        <option value="">All tags</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select aria-label="Filter by status" value={view.status} onChange={(e) => view.setStatus(e.target.value as JobStatusFilter)}>
        {(Object.keys(STATUS_LABELS) as JobStatusFilter[]).map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <select aria-label="Filter by kind" value={view.kind} onChange={(e) => view.setKind(e.target.value as JobKind | 'all')}>
        <option value="all">All kinds</option>
        {JOB_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_SHORT[k]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function JobsPage() {
  const jobs = useJobsList();
  const actions = useJobActions();
  const [deleting, setDeleting] = useState<Job | null>(null);
  const { tag, kind, status, sort } = useJobsView();
  const search = useDeferredValue(useJobsView((s) => s.search));
  const all = jobs.data?.items;
  const tags = useMemo(() => allTags(all ?? []), [all]);
  const shown = useMemo(
    () => sortJobs(filterJobs(all ?? [], { search, tag, kind, status }), sort.column, sort.descending),
    [all, search, tag, kind, status, sort],
  );

  const confirmDelete = () => {
    if (!deleting) return;
    actions.deleting.mutate({ id: deleting.id }, { onSuccess: () => setDeleting(null) });
  };

  return (
    <div className="page page-fill">
      <PageHeader
        title="Jobs"
        subtitle={all ? `${all.length} job${all.length === 1 ? '' : 's'}${shown.length !== all.length ? `, ${shown.length} shown` : ''}` : undefined}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => navigate(href.newJob())}>
            New job
          </button>
        }
      />
      <Filters tags={tags} />
      <ErrorAlert error={actions.error} />
      {jobs.isPending && <Loading label="Loading jobs…" />}
      {jobs.isError && <ErrorAlert error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {all && all.length === 0 && (
        <EmptyState title="No jobs yet">
          <p>Schedule a Claude prompt, a shell command or an HTTP call to run overnight.</p>
          <button type="button" className="btn btn-primary" onClick={() => navigate(href.newJob())}>
            Create your first job
          </button>
        </EmptyState>
      )}
      {all && all.length > 0 && shown.length === 0 && <EmptyState title="No jobs match these filters" />}
      {shown.length > 0 && (
        <JobsTable jobs={shown} busy={actions.busy} onRunNow={actions.runNow} onSetEnabled={actions.setEnabled} onDelete={setDeleting} />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          danger
          busy={actions.deleting.isPending}
          error={actions.deleting.error}
          onConfirm={confirmDelete}
          onCancel={() => {
            actions.deleting.reset();
            setDeleting(null);
          }}
        >
          <p>The job, its schedule and its run history are removed. A run in progress is cancelled.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
