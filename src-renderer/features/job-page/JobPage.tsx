import { useTranslation } from 'react-i18next';
import type { Job, Run } from '../../../src-shared/domain';
import { useJob } from '../../api/jobs';
import { useRunsList } from '../../api/runs';
import { useSchedulePreview } from '../../api/schedule-preview';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCost, formatPercent } from '../../lib/numbers';
import { describeJobSchedule } from '../../lib/schedule-words';
import { formatDuration, formatInZone, localZone } from '../../lib/time';
import { href, navigate } from '../../routing';
import { useJobsView } from '../../state/jobs-view';
import { RunNowButton } from '../jobs/RunNowButton';
import { useJobActions } from '../jobs/use-job-actions';
import { DurationTrend } from './DurationTrend';
import { LastOutput } from './LastOutput';
import { JobChainCard } from '../job-chain/JobChainCard';

const RECENT = 30;

function NextRunsBoth({ job }: { job: Job }) {
  const { t } = useTranslation();
  const zone = job.schedule.timezone;
  const preview = useSchedulePreview(job.enabled && job.schedule.type !== 'manual' ? { ...job.schedule } : null, 5, 0);
  const here = localZone();
  return (
    <section aria-labelledby="job-next" className="card">
      <h2 id="job-next">{t('Next runs')}</h2>
      {!job.enabled ? (
        <p className="muted">{t('Paused: nothing will run until it is resumed.')}</p>
      ) : job.schedule.type === 'manual' ? (
        <p className="muted">{t('Manual: runs only when started.')}</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('In the job’s zone')}</th>
              {here !== zone && <th scope="col">{t('Your local time')}</th>}
            </tr>
          </thead>
          <tbody>
            {(preview.data?.nextRuns ?? []).map((iso) => (
              <tr key={iso}>
                <td><time dateTime={iso}>{formatInZone(iso, zone)}</time></td>
                {here !== zone && <td><time dateTime={iso}>{formatInZone(iso)}</time></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RecentRuns({ runs }: { runs: Run[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="job-recent" className="card">
      <h2 id="job-recent">{t('Recent runs')}</h2>
      {runs.length === 0 ? (
        <p className="muted">{t('No runs yet.')}</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('Run')}</th>
              <th scope="col">{t('Status')}</th>
              <th scope="col">{t('Started')}</th>
              <th scope="col">{t('Duration')}</th>
              <th scope="col" className="cell-num">{t('Cost')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td><a href={href.run(r.id)}>#{r.id}</a></td>
                <td><StatusBadge status={r.status} /></td>
                <td className="small">{formatInZone(r.startedAt ?? r.createdAt)}</td>
                <td>{formatDuration(r.durationMs)}</td>
                <td className="cell-num">{formatCost(r.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One job: how it has been doing, when it runs next, what it said last, and its controls. */
export function JobPage({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  const runs = useRunsList({ jobId, limit: RECENT, offset: 0 });
  const actions = useJobActions();
  if (job.isPending) return <Loading label={t('Loading…')} />;
  if (job.isError) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  const items = runs.data?.items ?? [];
  const finished = items.filter((r) => r.status === 'succeeded' || r.status === 'failed' || r.status === 'timed_out' || r.status === 'interrupted');
  const rate = finished.length ? finished.filter((r) => r.status === 'succeeded').length / finished.length : null;
  return (
    <div className="page">
      <PageHeader
        title={j.name}
        subtitle={
          <>
            {describeJobSchedule(j.schedule)} · {j.schedule.timezone} · {j.enabled ? t('Enabled') : t('Paused')}
            {j.tags.map((tag) => (
              <button
                key={tag}
                type="button"
                className="tag tag-button"
                aria-label={t('Show jobs tagged {{tag}}', { tag })}
                onClick={() => {
                  useJobsView.getState().setTag(tag);
                  navigate(href.jobs());
                }}
              >
                {tag}
              </button>
            ))}
          </>
        }
        actions={
          <>
            <RunNowButton job={j} busy={actions.busy(j)} onRunNow={actions.runNow} />
            <button type="button" className="btn" disabled={actions.busy(j)} onClick={() => actions.setEnabled(j, !j.enabled)}>
              {j.enabled ? t('Pause') : t('Resume')}
            </button>
            <button type="button" className="btn" onClick={() => navigate(href.editJob(j.id))}>
              {t('Edit')}
            </button>
            <a className="btn" href={href.runs({ jobId: j.id })}>{t('All runs')}</a>
          </>
        }
      />
      <ErrorAlert error={actions.error} />
      <dl className="stats">
        <div className="stat"><dt>{t('Success rate')}</dt><dd>{formatPercent(rate ?? j.successRate)}</dd></div>
        <div className="stat"><dt>{t('Last run')}</dt><dd><StatusBadge status={j.lastStatus} /></dd></div>
        <div className="stat"><dt>{t('Next run')}</dt><dd className="small">{j.enabled && j.nextRunAt ? formatInZone(j.nextRunAt, j.schedule.timezone) : '—'}</dd></div>
      </dl>
      <div className="job-page-grid">
        <DurationTrend runs={items} />
        <NextRunsBoth job={j} />
        <JobChainCard job={j} />
        <LastOutput run={items.find((r) => r.status !== 'queued' && r.status !== 'deferred_cooldown' && r.status !== 'skipped') ?? null} />
        <RecentRuns runs={items} />
      </div>
    </div>
  );
}
