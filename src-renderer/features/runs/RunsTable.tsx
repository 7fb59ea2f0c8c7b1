import { useTranslation } from 'react-i18next';
import type { Run } from '../../../src-shared/domain';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCost } from '../../lib/numbers';
import { formatDuration, formatInZone } from '../../lib/time';
import { href } from '../../routing';
import { runErrorWords } from './run-error-words';

/** English keys: shown through t() in the UI's language. */
export const TRIGGER_LABELS: Record<Run['trigger'], string> = {
  schedule: 'Schedule',
  manual: 'Manual',
  retry: 'Retry',
  catch_up: 'Catch-up',
  cli: 'CLI',
  chain: 'Chain',
};

export function RunsTable({ runs }: { runs: readonly Run[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table runs-table">
        <thead>
          <tr>
            <th scope="col">{t('Run')}</th>
            <th scope="col">{t('Job')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col">{t('Trigger')}</th>
            <th scope="col">{t('Scheduled')}</th>
            <th scope="col">{t('Started')}</th>
            <th scope="col">{t('Duration')}</th>
            <th scope="col" className="cell-num">
              {t('Cost')}
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <a href={href.run(run.id)}>#{run.id}</a>
                {run.attempt > 1 && <span className="muted small"> {t('attempt {{n}}', { n: run.attempt })}</span>}
              </td>
              <td>
                <a href={href.job(run.jobId)}>{run.jobName}</a>
              </td>
              <td title={run.status === 'skipped' && run.error ? runErrorWords(run.error) : undefined}>
                <StatusBadge status={run.status} />
              </td>
              <td>
                {t(TRIGGER_LABELS[run.trigger])}
                {run.upstreamRunIds.map((id) => (
                  <span key={id} className="muted small">
                    {' ← '}
                    <a href={href.run(id)} aria-label={t('after run {{id}}', { id })}>#{id}</a>
                  </span>
                ))}
              </td>
              <td className="small">{run.scheduledFor ? formatInZone(run.scheduledFor) : '—'}</td>
              <td className="small">{run.startedAt ? formatInZone(run.startedAt) : '—'}</td>
              <td>{formatDuration(run.durationMs)}</td>
              <td className="cell-num">{formatCost(run.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
