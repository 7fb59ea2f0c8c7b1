import './ops-pages.css';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Alert } from '../../../src-shared/ops';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { formatInZone } from '../../lib/time';
import { href } from '../../routing';
import { useAcknowledgeAlert, useAlertsList } from './use-alerts';
import { alertTitle } from './alert-title';

type Status = 'open' | 'resolved' | 'all';

const KIND_LABELS: Record<Alert['kind'], string> = {
  consecutive_failures: 'Failures in a row',
  scheduler_stalled: 'Scheduler stalled',
  claude_auth: 'Claude login',
  usage_limit: 'Spend limit',
  cooldown: 'Cooldown',
};

const when = (iso: string | null) => (iso ? formatInZone(iso) : '—');

/** Delivery words as the contract spells them ("rate_limited"), shown as English keys in words. */
const DELIVERY_WORDS: Record<string, string> = {
  opened: 'opened',
  resolved: 'resolved',
  pending: 'pending',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  rate_limited: 'rate limited',
};

function Deliveries({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const word = (w: string) => t(DELIVERY_WORDS[w] ?? w);
  if (!alert.deliveries.length) return <span className="muted">{t('No channel')}</span>;
  return (
    <ul className="alert-deliveries">
      {alert.deliveries.map((d) => (
        <li key={`${d.channelId}-${d.event}`} title={d.error ?? undefined} className={`delivery delivery-${d.status}`}>
          {d.channelName ?? `#${d.channelId}`} · {word(d.event)} · {word(d.status)}
          {d.error && <span className="delivery-error">: {d.error}</span>}
        </li>
      ))}
    </ul>
  );
}

function AlertCard({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const ack = useAcknowledgeAlert();
  // "Open" here is a state (unresolved), not the verb the table's "Open" key means: a context tells them apart.
  const title = alertTitle(t, alert);
  const state = alert.resolvedAt ? t('Resolved') : alert.acknowledgedAt ? t('Acknowledged') : t('Open', { context: 'alert' });
  return (
    <article className={`card alert-card alert-card-${alert.resolvedAt ? 'resolved' : 'open'}`} aria-label={title}>
      <header className="alert-card-header">
        <span className={`badge badge-${alert.resolvedAt ? 'succeeded' : 'failed'}`}>{state}</span>
        <span className="alert-kind">{t(KIND_LABELS[alert.kind])}</span>
        <h2 className="alert-title">{title}</h2>
      </header>
      <p className="alert-cause">{alert.cause}</p>
      <dl className="alert-facts">
        <dt>{t('Opened')}</dt>
        <dd>{when(alert.openedAt)}</dd>
        {alert.resolvedAt && (
          <>
            <dt>{t('Resolved')}</dt>
            <dd>
              {when(alert.resolvedAt)} — {alert.resolution}
            </dd>
          </>
        )}
        {alert.jobId !== null && (
          <>
            <dt>{t('Job')}</dt>
            <dd>
              <a href={href.editJob(alert.jobId)}>{alert.jobName ?? `#${alert.jobId}`}</a>
            </dd>
          </>
        )}
        {alert.runIds.length > 0 && (
          <>
            <dt>{t('Runs')}</dt>
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
        <dt>{t('Delivered')}</dt>
        <dd>
          <Deliveries alert={alert} />
        </dd>
      </dl>
      {!alert.resolvedAt && !alert.acknowledgedAt && (
        <button type="button" className="btn btn-small" disabled={ack.isPending} onClick={() => ack.mutate({ id: alert.id })}>
          {t('Acknowledge')}
        </button>
      )}
      <ErrorAlert error={ack.error} />
    </article>
  );
}

/** The subtitle's sentence: each filter and number has its own English wording. */
function countLine(t: TFunction, status: Status, count: number): string {
  const one = count === 1;
  if (status === 'open') return one ? t('{{count}} open alert', { count }) : t('{{count}} open alerts', { count });
  if (status === 'resolved') return one ? t('{{count}} resolved alert', { count }) : t('{{count}} resolved alerts', { count });
  return one ? t('{{count}} alert', { count }) : t('{{count}} alerts', { count });
}

const FILTER_LABELS: Record<Status, string> = { open: 'Open', resolved: 'Resolved', all: 'All' };

export function AlertsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('open');
  const alerts = useAlertsList({ status, limit: 200 });
  return (
    <div className="page">
      <PageHeader title="Alerts" subtitle={alerts.data ? countLine(t, status, alerts.data.total) : undefined} />
      <div className="toolbar" role="group" aria-label={t('Which alerts')}>
        {(['open', 'resolved', 'all'] as const).map((s) => (
          <button key={s} type="button" className={`btn btn-small${s === status ? ' btn-primary' : ''}`} aria-pressed={s === status} onClick={() => setStatus(s)}>
            {t(FILTER_LABELS[s], { context: 'alert' })}
          </button>
        ))}
      </div>
      {alerts.isPending && <Loading label="Loading alerts…" />}
      {alerts.isError && <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data && alerts.data.items.length === 0 && (
        <EmptyState title={status === 'open' ? 'No open alerts' : 'No alerts'}>
          {t('Alerts open when a job fails several times in a row, the scheduler stalls, or Claude needs you.')}{' '}
          <Trans i18nKey="Choose where they go under <1>Notifications</1>.">
            Choose where they go under <a href={href.notifications()}>Notifications</a>.
          </Trans>
        </EmptyState>
      )}
      <div className="alert-list">{alerts.data?.items.map((a) => <AlertCard key={a.id} alert={a} />)}</div>
    </div>
  );
}
