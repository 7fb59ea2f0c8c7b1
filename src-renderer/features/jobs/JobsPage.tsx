import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { DependantsWarning } from './DependantsWarning';

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
  const { t } = useTranslation();
  const view = useJobsView();
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        aria-label={t('Search jobs')}
        placeholder={t('Search jobs…')}
        value={view.search}
        onChange={(e) => view.setSearch(e.target.value)}
      />
      <select aria-label={t('Filter by tag')} value={view.tag} onChange={(e) => view.setTag(e.target.value)}>
        <option value="">{t('All tags')}</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select aria-label={t('Filter by status')} value={view.status} onChange={(e) => view.setStatus(e.target.value as JobStatusFilter)}>
        {(Object.keys(STATUS_LABELS) as JobStatusFilter[]).map((s) => (
          <option key={s} value={s}>
            {t(STATUS_LABELS[s])}
          </option>
        ))}
      </select>
      <select aria-label={t('Filter by kind')} value={view.kind} onChange={(e) => view.setKind(e.target.value as JobKind | 'all')}>
        <option value="all">{t('All kinds')}</option>
        {JOB_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_SHORT[k]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What to do with the selected jobs: each runs the same call a row's action would, job by job. */
function BulkBar({ jobs, onDone, actions }: { jobs: Job[]; onDone: () => void; actions: ReturnType<typeof useJobActions> }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="bulk-bar" role="region" aria-label={t('Selected jobs')}>
      <strong>{t('{{count}} selected', { count: jobs.length })}</strong>
      <button type="button" className="btn btn-small" onClick={() => actions.runMany(jobs)}>
        {t('Run selected now')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => actions.setEnabledMany(jobs, false)}>
        {t('Pause selected')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => actions.setEnabledMany(jobs, true)}>
        {t('Resume selected')}
      </button>
      <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setConfirming(true)}>
        {t('Delete selected')}
      </button>
      <button type="button" className="btn btn-small" onClick={onDone}>
        {t('Clear selection')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('Delete {{count}} jobs?', { count: jobs.length })}
          confirmLabel={t('Delete')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            actions.deleteMany(jobs);
            setConfirming(false);
            onDone();
          }}
        >
          <p>{jobs.map((j) => j.name).join(', ')}</p>
          <p>{t('Their schedules and run histories are removed.')}</p>
          <DependantsWarning jobs={jobs} />
        </ConfirmDialog>
      )}
    </div>
  );
}

export function JobsPage() {
  const { t } = useTranslation();
  const jobs = useJobsList();
  const actions = useJobActions();
  const [deleting, setDeleting] = useState<Job | null>(null);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(new Set());
  const { tag, kind, status, sort, setTag, setStatus } = useJobsView();
  const search = useDeferredValue(useJobsView((s) => s.search));
  const all = jobs.data?.items;
  const tags = useMemo(() => allTags(all ?? []), [all]);
  const shown = useMemo(
    () => sortJobs(filterJobs(all ?? [], { search, tag, kind, status }), sort.column, sort.descending),
    [all, search, tag, kind, status, sort],
  );

  const selectedJobs = useMemo(() => (all ?? []).filter((j) => selectedIds.has(j.id)), [all, selectedIds]);
  const onSelect = useCallback((job: Job, on: boolean) => {
    setSelectedIds((prev) => {
      const next = new Set(prev);
      if (on) next.add(job.id);
      else next.delete(job.id);
      return next;
    });
  }, []);
  const onSelectAll = (on: boolean) => setSelectedIds(on ? new Set(shown.map((j) => j.id)) : new Set());

  const confirmDelete = () => {
    if (!deleting) return;
    actions.deleting.mutate({ id: deleting.id }, { onSuccess: () => setDeleting(null) });
  };

  return (
    <div className="page page-fill">
      <PageHeader
        title={t('Jobs')}
        subtitle={all ? `${t('{{count}} jobs', { count: all.length })}${shown.length !== all.length ? `, ${t('{{count}} shown', { count: shown.length })}` : ''}` : undefined}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => navigate(href.newJob())}>
            {t('New job')}
          </button>
        }
      />
      <Filters tags={tags} />
      {selectedJobs.length > 0 && <BulkBar jobs={selectedJobs} actions={actions} onDone={() => setSelectedIds(new Set())} />}
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
        <JobsTable
          jobs={shown}
          selected={selectedIds}
          onSelectAll={onSelectAll}
          onSelect={onSelect}
          busy={actions.busy}
          onRunNow={actions.runNow}
          onSetEnabled={actions.setEnabled}
          onDelete={setDeleting}
          onTag={setTag}
          onStatus={setStatus}
        />
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
          <DependantsWarning jobs={[deleting]} />
        </ConfirmDialog>
      )}
    </div>
  );
}
