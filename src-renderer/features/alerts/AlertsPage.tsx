import './ops-pages.css';
import { useState } from 'react';
import type { Alert } from '../../../src-shared/ops';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { href } from '../../routing';
import { useAcknowledgeAlert, useAlertsList } from './use-alerts';

type Status = 'open' | 'resolved' | 'all';

const KIND_LABELS: Record<Alert['kind'], string> = {
  consecutive_failures: 'Failures in a row',
  scheduler_stalled: 'Scheduler stalled',
  claude_auth: 'Claude login',
  usage_limit: 'Spend limit',
  cooldown: 'Cooldown',
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function Deliveries({ alert }: { alert: Alert }) {
  if (!alert.deliveries.length) return <span className="muted">No channel</span>;
  return (
    <ul className="alert-deliveries">
      {alert.deliveries.map((d) => (
        <li key={`${d.channelId}-${d.event}`} title={d.error ?? undefined} className={`delivery delivery-${d.status}`}>
          {d.channelName ?? `#${d.channelId}`} · {d.event} · {d.status.replace('_', ' ')}
          {d.error && <span className="delivery-error">: {d.error}</span>}
        </li>
      ))}
    </ul>
  );
}

function AlertCard({ alert }: { alert: Alert }) {
  const ack = useAcknowledgeAlert();
  const state = alert.resolvedAt ? 'Resolved' : alert.acknowledgedAt ? 'Acknowledged' : 'Open';
  return (
    <article className={`card alert-card alert-card-${alert.resolvedAt ? 'resolved' : 'open'}`} aria-label={alert.title}>
      <header className="alert-card-header">
        <span className={`badge badge-${alert.resolvedAt ? 'succeeded' : 'failed'}`}>{state}</span>
        <span className="alert-kind">{KIND_LABELS[alert.kind]}</span>
        <h2 className="alert-title">{alert.title}</h2>
      </header>
      <p className="alert-cause">{alert.cause}</p>
      <dl className="alert-facts">
        <dt>Opened</dt>
        <dd>{when(alert.openedAt)}</dd>
        {alert.resolvedAt && (
          <>
            <dt>Resolved</dt>
            <dd>
              {when(alert.resolvedAt)} — {alert.resolution}
            </dd>
          </>
        )}
        {alert.jobId !== null && (
          <>
            <dt>Job</dt>
            <dd>
              <a href={href.editJob(alert.jobId)}>{alert.jobName ?? `#${alert.jobId}`}</a>
            </dd>
          </>
        )}
        {alert.runIds.length > 0 && (
          <>
            <dt>Runs</dt>
            <dd>
              {alert.runIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <a href={href.run(id)}>#{id}</a>
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>Delivered</dt>
        <dd>
          <Deliveries alert={alert} />
        </dd>
      </dl>
      {!alert.resolvedAt && !alert.acknowledgedAt && (
        <button type="button" className="btn btn-small" disabled={ack.isPending} onClick={() => ack.mutate({ id: alert.id })}>
          Acknowledge
        </button>
      )}
      <ErrorAlert error={ack.error} />
    </article>
  );
}

export function AlertsPage() {
  const [status, setStatus] = useState<Status>('open');
  const alerts = useAlertsList({ status, limit: 200 });
  return (
    <div className="page">
      <PageHeader title="Alerts" subtitle={alerts.data ? `${alerts.data.total} ${status === 'all' ? '' : `${status} `}alert${alerts.data.total === 1 ? '' : 's'}` : undefined} />
      <div className="toolbar" role="group" aria-label="Which alerts">
        {(['open', 'resolved', 'all'] as const).map((s) => (
          <button key={s} type="button" className={`btn btn-small${s === status ? ' btn-primary' : ''}`} aria-pressed={s === status} onClick={() => setStatus(s)}>
            {s[0]!.toUpperCase() + s.slice(1)}
          </button>
        ))}
      </div>
      {alerts.isPending && <Loading label="Loading alerts…" />}
      {alerts.isError && <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data && alerts.data.items.length === 0 && (
        <EmptyState title={status === 'open' ? 'No open alerts' : 'No alerts'}>
          Alerts open when a job fails several times in a row, the scheduler stalls, or Claude needs you. Choose where they go under{' '}
          <a href={href.notifications()}>Notifications</a>.
        </EmptyState>
      )}
      <div className="alert-list">{alerts.data?.items.map((a) => <AlertCard key={a.id} alert={a} />)}</div>
    </div>
  );
}
