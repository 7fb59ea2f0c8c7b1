import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../src-shared/contract';
import { AUDIT_ACTORS, type AuditActor } from '../../../src-shared/ops';
import { useCallQuery } from '../../api/call';
import { useJobsList } from '../../api/jobs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { formatInZone } from '../../lib/time';
import '../alerts/ops-pages.css';

const PAGE_SIZE = 100;

/** The contract's actor names are what English shows (and what `cnp audit --actor` takes); other languages get words. */
const ACTOR_LABELS: Record<AuditActor, string> = { ui: 'ui', cli: 'cli', system: 'system' };

interface Filter {
  jobId: number | null;
  actor: AuditActor | '';
  action: string;
  from: string;
  to: string;
}

/** Date inputs give local days; the contract wants instants, `to` including the whole day. */
function toInput(f: Filter, page: number): CallInput<'audit.list'> {
  const input: CallInput<'audit.list'> = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  if (f.jobId !== null) input.jobId = f.jobId;
  if (f.actor) input.actor = f.actor;
  if (f.action.trim()) input.action = f.action.trim();
  if (f.from) input.since = new Date(`${f.from}T00:00:00`).toISOString();
  if (f.to) input.until = new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000 - 1).toISOString();
  return input;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filter, setFilterState] = useState<Filter>({ jobId: null, actor: '', action: '', from: '', to: '' });
  const [page, setPage] = useState(0);
  const setFilter = (patch: Partial<Filter>) => {
    setFilterState((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const jobs = useJobsList();
  const audit = useCallQuery('audit.list', toInput(filter, page));
  const total = audit.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const jobName = new Map(jobs.data?.items.map((j) => [j.id, j.name]) ?? []);
  return (
    <div className="page page-fill">
      <PageHeader title="Audit log" subtitle={audit.data ? (total === 1 ? t('{{count}} entry', { count: total }) : t('{{count}} entries', { count: total })) : undefined} />
      <div className="toolbar">
        <select aria-label={t('Job')} value={filter.jobId ?? ''} onChange={(e) => setFilter({ jobId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">{t('All jobs')}</option>
          {jobs.data?.items.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
        <select aria-label={t('Actor')} value={filter.actor} onChange={(e) => setFilter({ actor: e.target.value as AuditActor | '' })}>
          <option value="">{t('Anyone')}</option>
          {AUDIT_ACTORS.map((a) => (
            <option key={a} value={a}>
              {t(ACTOR_LABELS[a])}
            </option>
          ))}
        </select>
        <input aria-label={t('Action')} placeholder={t('Action, e.g. job.update or job.*')} value={filter.action} onChange={(e) => setFilter({ action: e.target.value })} />
        <label className="inline-field">
          {t('From')}
          <input type="date" value={filter.from} onChange={(e) => setFilter({ from: e.target.value })} />
        </label>
        <label className="inline-field">
          {t('To')}
          <input type="date" value={filter.to} onChange={(e) => setFilter({ to: e.target.value })} />
        </label>
      </div>
      {audit.isPending && <Loading label="Loading the audit log…" />}
      {audit.isError && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && audit.data.items.length === 0 && <EmptyState title="No entries match" />}
      {audit.data && audit.data.items.length > 0 && (
        // Focusable so keyboard users can scroll a wide log: its cells hold no links to tab to.
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('Audit log')}>
          <table className="data-table" aria-label={t('Audit entries')}>
            <thead>
              <tr>
                <th>{t('When')}</th>
                <th>{t('Actor')}</th>
                <th>{t('Action')}</th>
                <th>{t('Job')}</th>
                <th>{t('Details')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatInZone(e.ts, undefined, { seconds: true })}</td>
                  <td>{t(ACTOR_LABELS[e.actor])}</td>
                  <td className="mono">{e.action}</td>
                  <td>{e.jobId === null ? '—' : (jobName.get(e.jobId) ?? `#${e.jobId}`)}</td>
                  <td className="audit-details">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('Pages')}>
          <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('Previous')}
          </button>
          <span>{t('Page {{page}} of {{pages}}', { page: page + 1, pages })}</span>
          <button type="button" className="btn btn-small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('Next')}
          </button>
        </nav>
      )}
    </div>
  );
}
