import { useTranslation } from 'react-i18next';
import { ScheduleThisLabel } from '../job-editor/ScheduleThisLabel';
import { FINAL_RUN_STATUSES } from '../../../src-shared/domain';
import { useRunEvents } from '../../api/run-events';
import { useCancelRun, useRetryRun, useRun } from '../../api/runs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { href, navigate } from '../../routing';
import { FullLogDownload } from '../run-log/FullLogDownload';
import { LiveLog } from '../run-log/LiveLog';
import { RunDetails } from './RunDetails';
import { runErrorWords } from './run-error-words';

export function RunPage({ runId }: { runId: number }) {
  const { t } = useTranslation();
  const run = useRun(runId);
  const finished = run.data ? FINAL_RUN_STATUSES.includes(run.data.status) : false;
  const log = useRunEvents(runId, finished);
  const cancel = useCancelRun();
  const retry = useRetryRun();

  if (run.isPending) return <Loading label={t('Loading run…')} />;
  if (run.isError) return <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  const cancellable = r.status === 'queued' || r.status === 'running' || r.status === 'deferred_cooldown';

  return (
    <div className="page page-fill">
      <PageHeader
        title={
          <>
            {t('Run #{{id}}', { id: r.id })} <StatusBadge status={r.status} />
          </>
        }
        subtitle={
          <>
            <a href={href.job(r.jobId)}>{r.jobName}</a> · <a href={href.runs()}>{t('All runs')}</a>
          </>
        }
        actions={
          <>
            <button type="button" className="btn" disabled={!cancellable || cancel.isPending} onClick={() => cancel.mutate({ id: r.id })}>
              {t('Cancel')}
            </button>
            <a className="btn" href={href.newJob({ fromRun: r.id })}>
              <ScheduleThisLabel />
            </a>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!finished || retry.isPending}
              onClick={() => retry.mutate({ id: r.id }, { onSuccess: (next) => navigate(href.run(next.id)) })}
            >
              {t('Retry')}
            </button>
          </>
        }
      />
      <ErrorAlert error={cancel.error ?? retry.error} />
      {r.error && (
        <div className={`alert ${r.status === 'deferred_cooldown' ? 'alert-info' : 'alert-error'}`}>
          <strong>{r.status === 'deferred_cooldown' ? t('Deferred: ') : t('Error: ')}</strong>
          {runErrorWords(r.error)}
        </div>
      )}
      <RunDetails run={r} />
      <ErrorAlert error={log.error} />
      <LiveLog events={log.events} loading={log.loading} truncated={log.truncated || r.eventsTruncated} live={!finished} runId={r.id} fullLog={<FullLogDownload run={r} />} />
    </div>
  );
}
