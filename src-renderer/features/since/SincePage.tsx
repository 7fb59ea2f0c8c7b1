import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SinceLastVisit } from '../../../src-shared/contract';
import { useSinceLastVisit } from '../../api/overview';
import { useCooldownStatus } from '../../api/system';
import { useAlertsList } from '../alerts/use-alerts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCost, formatTokens } from '../../lib/numbers';
import { formatInZone } from '../../lib/time';
import { href } from '../../routing';
import { previousVisit } from '../../state/last-visit';
import { renderMarkdown } from '../run-log/markdown';
import { alertTitle } from '../alerts/alert-title';

type Span = 'visit' | 'day' | 'week';
const HOUR = 3_600_000;

function sinceOf(span: Span, now: number): string | undefined {
  const visit = previousVisit();
  if (span === 'visit') return visit !== null ? new Date(visit).toISOString() : undefined;
  return new Date(now - (span === 'day' ? 24 : 7 * 24) * HOUR).toISOString();
}

function JobLink({ jobId, name }: { jobId: number; name: string }) {
  return <a href={href.job(jobId)}>{name}</a>;
}

function Problems({ data }: { data: SinceLastVisit['problems'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="since-problems" className="card since-section">
      <h2 id="since-problems">{t('Failed, timed out or interrupted')} <span className="count">{data.total}</span></h2>
      {data.items.length === 0 ? (
        <p className="muted">{t('Nothing went wrong.')}</p>
      ) : (
        <ul className="since-list">
          {data.items.map((p) => (
            <li key={p.runId}>
              <div className="since-line">
                <StatusBadge status={p.status} /> <JobLink jobId={p.jobId} name={p.jobName} />{' '}
                <a href={href.run(p.runId)} aria-label={t('Open run {{id}} of {{name}}', { id: p.runId, name: p.jobName })}>
                  #{p.runId}
                </a>{' '}
                <span className="muted small">{formatInZone(p.at)}</span>
              </div>
              {p.excerpt && <pre className="since-excerpt">{p.excerpt}</pre>}
            </li>
          ))}
        </ul>
      )}
      {data.total > data.items.length && <p className="muted small">{t('{{count}} more in Runs.', { count: data.total - data.items.length })}</p>}
    </section>
  );
}

function Waiting({ data }: { data: SinceLastVisit['waiting'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="since-waiting" className="card since-section">
      <h2 id="since-waiting">{t('Deferred or skipped')} <span className="count">{data.total}</span></h2>
      {data.items.length === 0 ? (
        <p className="muted">{t('Every slot ran.')}</p>
      ) : (
        <ul className="since-list">
          {data.items.map((w) => (
            <li key={w.runId} className="since-line">
              <StatusBadge status={w.status} /> <JobLink jobId={w.jobId} name={w.jobName} />{' '}
              <a href={href.run(w.runId)} aria-label={t('Open run {{id}} of {{name}}', { id: w.runId, name: w.jobName })}>
                #{w.runId}
              </a>{' '}
              <span className="muted small">{w.scheduledFor ? formatInZone(w.scheduledFor) : formatInZone(w.at)}</span>
              <div className="small">{w.reason ?? t('No reason recorded.')}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Answers({ data }: { data: SinceLastVisit['answers'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="since-answers" className="card since-section">
      <h2 id="since-answers">{t("Claude's answers")} <span className="count">{data.length}</span></h2>
      {data.length === 0 ? (
        <p className="muted">{t('No Claude run finished.')}</p>
      ) : (
        <ul className="since-list">
          {data.map((a) => (
            <li key={a.runId}>
              <div className="since-line">
                <JobLink jobId={a.jobId} name={a.jobName} />{' '}
                <a href={href.run(a.runId)} aria-label={t('Open run {{id}} of {{name}}', { id: a.runId, name: a.jobName })}>
                  #{a.runId}
                </a>{' '}
                <span className="muted small">{formatInZone(a.at)}</span>
              </div>
              {/* Safe: renderMarkdown escapes raw HTML and drops unsafe links. */}
              <div className="markdown since-answer" dangerouslySetInnerHTML={{ __html: renderMarkdown(a.text) }} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Spend({ data }: { data: SinceLastVisit['spend'] }) {
  const { t } = useTranslation();
  const tk = data.tokens;
  return (
    <section aria-labelledby="since-spend" className="card since-section">
      <h2 id="since-spend">{t('Spend and tokens')}</h2>
      <dl className="stats">
        <div className="stat"><dt>{t('Runs')}</dt><dd>{data.runs.toLocaleString()}</dd></div>
        <div className="stat"><dt>{t('Succeeded')}</dt><dd>{data.succeeded.toLocaleString()}</dd></div>
        <div className="stat"><dt>{t('Failed')}</dt><dd>{data.failed.toLocaleString()}</dd></div>
        <div className="stat"><dt>{t('Cost')}</dt><dd>{formatCost(data.costUsd)}</dd></div>
        <div className="stat"><dt>{t('Tokens in / out')}</dt><dd>{formatTokens(tk.input)} / {formatTokens(tk.output)}</dd></div>
      </dl>
    </section>
  );
}

/** Open alerts (core/alerts), each with its latest run; a cooldown shows here too while it holds. */
function Alerts() {
  const { t } = useTranslation();
  const alerts = useAlertsList({ status: 'open', limit: 20 }).data;
  const cooldown = useCooldownStatus().data;
  // The alerts module may raise the cooldown itself; then it is not listed twice.
  const cooling = cooldown?.cooling === true && !alerts?.items.some((a) => a.kind === 'cooldown' || a.kind === 'usage_limit');
  const count = (alerts?.total ?? 0) + (cooling ? 1 : 0);
  return (
    <section aria-labelledby="since-alerts" className="card since-section">
      <h2 id="since-alerts">
        {t('Open alerts')} <span className="count">{count}</span>
      </h2>
      {count === 0 ? (
        <p className="muted">{t('No open alerts.')}</p>
      ) : (
        <ul className="since-list">
          {alerts?.items.map((a) => {
            const run = a.runIds.at(-1);
            return (
              <li key={a.id}>
                <div className="since-line">
                  <strong>{alertTitle(t, a)}</strong>
                  {a.jobId !== null && a.jobName && <JobLink jobId={a.jobId} name={a.jobName} />}
                  {run !== undefined && (
                    <a href={href.run(run)} aria-label={t('Open run {{id}} of {{name}}', { id: run, name: a.jobName ?? alertTitle(t, a) })}>
                      #{run}
                    </a>
                  )}
                  <span className="muted small">{formatInZone(a.openedAt)}</span>
                </div>
                <div className="small">{a.cause}</div>
              </li>
            );
          })}
          {cooling && cooldown && (
            <li key="cooldown">
              {t('Claude usage limit: cooling down until {{time}}; {{count}} runs deferred.', {
                time: cooldown.resetsAt ? formatInZone(cooldown.resetsAt) : t('an unknown time'),
                count: cooldown.deferredRuns,
              })}{' '}
              <a href={href.runs({ status: 'deferred_cooldown' })}>{t('See deferred runs')}</a>
            </li>
          )}
        </ul>
      )}
      {(alerts?.total ?? 0) > 0 && <a href={href.alerts()}>{t('All alerts')}</a>}
    </section>
  );
}

/** The morning review: everything that needs a look, each item one click from its run. */
export function SincePage() {
  const { t } = useTranslation();
  const [span, setSpan] = useState<Span>(previousVisit() !== null ? 'visit' : 'day');
  const [now] = useState(() => Date.now());
  const since = sinceOf(span, now);
  const view = useSinceLastVisit(since);
  return (
    <div className="page">
      <PageHeader
        title={t('Since you left')}
        subtitle={view.data ? t('From {{from}} to now', { from: formatInZone(view.data.since) }) : undefined}
        actions={
          <label className="inline-field">
            {t('Period')}
            <select value={span} onChange={(e) => setSpan(e.target.value as Span)}>
              {previousVisit() !== null && <option value="visit">{t('Since my last visit')}</option>}
              <option value="day">{t('Last 24 hours')}</option>
              <option value="week">{t('Last 7 days')}</option>
            </select>
          </label>
        }
      />
      {view.isPending && <Loading label={t('Loading…')} />}
      {view.isError && <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />}
      {view.data && (
        <div className="since-grid">
          <Problems data={view.data.problems} />
          <Alerts />
          <Waiting data={view.data.waiting} />
          <Spend data={view.data.spend} />
          <Answers data={view.data.answers} />
        </div>
      )}
    </div>
  );
}
