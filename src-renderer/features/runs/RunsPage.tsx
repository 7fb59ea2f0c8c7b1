import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RUN_STATUSES, RUN_TRIGGERS, type RunStatus, type RunTrigger } from '../../../src-shared/domain';
import type { CallInput } from '../../../src-shared/contract';
import { useJobsList } from '../../api/jobs';
import { useRunsList } from '../../api/runs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { runStatusLabel } from '../../components/StatusBadge';
import { EmptyState, Loading } from '../../components/States';
import type { RunsFilter as RouteFilter } from '../../routing';
import { useRunsView, type RunsFilter } from '../../state/runs-view';
import { RunsTable, TRIGGER_LABELS } from './RunsTable';

const PAGE_SIZE = 100;

/** Date inputs give local days; the contract wants instants. `to` includes the whole day. */
function toInput(f: RunsFilter, page: number): CallInput<'runs.list'> {
  const input: CallInput<'runs.list'> = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  if (f.jobId !== null) input.jobId = f.jobId;
  if (f.status) input.status = f.status;
  if (f.trigger) input.trigger = f.trigger;
  if (f.from) input.since = new Date(`${f.from}T00:00:00`).toISOString();
  if (f.to) input.until = new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000 - 1).toISOString();
  return input;
}

function Filters() {
  const { t } = useTranslation();
  const { filter, setFilter } = useRunsView();
  const jobs = useJobsList();
  return (
    <div className="toolbar">
      <select aria-label={t('Job')} value={filter.jobId ?? ''} onChange={(e) => setFilter({ jobId: e.target.value ? Number(e.target.value) : null })}>
        <option value="">{t('All jobs')}</option>
        {jobs.data?.items.map((j) => (
          <option key={j.id} value={j.id}>
            {j.name}
          </option>
        ))}
      </select>
      <select aria-label={t('Status')} value={filter.status} onChange={(e) => setFilter({ status: e.target.value as RunStatus | '' })}>
        <option value="">{t('Any status')}</option>
        {RUN_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(runStatusLabel(s))}
          </option>
        ))}
      </select>
      <select aria-label={t('Trigger')} value={filter.trigger} onChange={(e) => setFilter({ trigger: e.target.value as RunTrigger | '' })}>
        <option value="">{t('Any trigger')}</option>
        {RUN_TRIGGERS.map((tr) => (
          <option key={tr} value={tr}>
            {t(TRIGGER_LABELS[tr])}
          </option>
        ))}
      </select>
      <label className="inline-field">
        {t('From')}
        <input type="date" value={filter.from} onChange={(e) => setFilter({ from: e.target.value })} />
      </label>
      <label className="inline-field">
        {t('To')}
        <input type="date" value={filter.to} onChange={(e) => setFilter({ to: e.target.value })} />
      </label>
    </div>
  );
}

/** A link from elsewhere (a chart bar, a job page) sets the filter it names, once per link. */
function useRouteFilter(route: RouteFilter) {
  const setFilter = useRunsView((s) => s.setFilter);
  const key = JSON.stringify(route);
  useEffect(() => {
    const f = JSON.parse(key) as RouteFilter;
    if (Object.keys(f).length === 0) return;
    setFilter({
      jobId: f.jobId ?? null,
      status: RUN_STATUSES.includes(f.status as RunStatus) ? (f.status as RunStatus) : '',
      trigger: '',
      from: f.day ?? '',
      to: f.day ?? '',
    });
  }, [key, setFilter]);
}

export function RunsPage({ filter: routeFilter = {} }: { filter?: RouteFilter }) {
  const { t } = useTranslation();
  useRouteFilter(routeFilter);
  const { filter, page, setPage } = useRunsView();
  const runs = useRunsList(toInput(filter, page));
  const total = runs.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="page page-fill">
      <PageHeader title={t('Runs')} subtitle={runs.data ? t(total === 1 ? '{{count}} run' : '{{count}} runs', { count: total }) : undefined} />
      <Filters />
      {runs.isPending && <Loading label={t('Loading runs…')} />}
      {runs.isError && <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data && runs.data.items.length === 0 && <EmptyState title={t('No runs match')} />}
      {runs.data && runs.data.items.length > 0 && <RunsTable runs={runs.data.items} />}
      {pages > 1 && (
        <nav className="pager" aria-label={t('Pages')}>
          <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('Previous')}
          </button>
          <span className="muted">
            {t('Page {{page}} of {{pages}}', { page: page + 1, pages })}
          </span>
          <button type="button" className="btn btn-small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('Next')}
          </button>
        </nav>
      )}
    </div>
  );
}
