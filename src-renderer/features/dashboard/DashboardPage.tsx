import type { DashboardSummary } from '../../../src-shared/contract';
import { useDashboardSummary } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { formatCost, formatPercent, formatTokens } from '../../lib/numbers';
import { formatDuration, formatInZone, formatRelative, formatSpan } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { href } from '../../routing';
import { useTranslation } from 'react-i18next';
import { DayCharts } from './DayCharts';

const DAYS_SHOWN = 14;

/** The summary lists only days that had runs (UTC days); quiet days are shown as empty bars. */
function fillDays(days: DashboardSummary['days'], now: number): DashboardSummary['days'] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  return Array.from({ length: DAYS_SHOWN }, (_, i) => {
    const day = new Date(now - (DAYS_SHOWN - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, succeeded: 0, failed: 0, other: 0, costUsd: 0, tokens: 0, p95DurationMs: null };
  });
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}

function Upcoming({ groups, now }: { groups: DashboardSummary['upcomingByJob']; now: number }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{t('Next 24 hours')}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t('Nothing scheduled in the next 24 hours.')}</p>
      ) : (
        <ul className="plain-list">
          {groups.map((g) => (
            <li key={g.jobId}>
              <a href={href.job(g.jobId)}>{g.jobName}</a>
              <span className="muted">
                {g.count > 1 && <strong className="upcoming-count">{t(g.more ? '{{count}}+ runs' : '{{count}} runs', { count: g.count })} · </strong>}
                {g.count > 1 ? `${t('next')} ` : ''}
                <time dateTime={g.first}>{formatInZone(g.first, g.timezone)}</time> · {formatRelative(g.first, now)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Running({ running, now }: { running: DashboardSummary['running']; now: number }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="running-title">
      <h2 id="running-title">{t('Running now')}</h2>
      {running.length === 0 ? (
        <p className="muted">{t('No runs in progress.')}</p>
      ) : (
        <ul className="plain-list">
          {running.map((r) => (
            <li key={r.runId}>
              <a href={href.run(r.runId)}>
                {r.jobName} <span className="muted">#{r.runId}</span>
              </a>
              <span className="elapsed">{formatSpan(now - Date.parse(r.startedAt))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const summary = useDashboardSummary();
  const now = useNow(1_000);
  if (summary.isPending) return <Loading label={t('Loading…')} />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const totalRuns = s.days.reduce((n, d) => n + d.succeeded + d.failed + d.other, 0);
  const cost = s.days.reduce((n, d) => n + d.costUsd, 0);
  const tokens = s.days.reduce((n, d) => n + d.tokens, 0);
  return (
    <div className="page">
      <PageHeader title={t('Dashboard')} subtitle={t('Last {{count}} days', { count: DAYS_SHOWN })} />
      <div className="stats">
        <Stat label={t('Success rate')} value={formatPercent(s.successRate)} />
        <Stat label={t('p95 duration')} value={formatDuration(s.p95DurationMs)} />
        <Stat label={t('Runs')} value={String(totalRuns)} />
        <Stat label={t('Cost')} value={formatCost(cost)} />
        <Stat label={t('Tokens')} value={formatTokens(tokens)} />
      </div>
      {s.days.length === 0 ? (
        <EmptyState title={t('No runs in the last two weeks')}>{t('Charts appear once jobs have run.')}</EmptyState>
      ) : (
        <DayCharts days={fillDays(s.days, now)} />
      )}
      <div className="panels">
        <Running running={s.running} now={now} />
        <Upcoming groups={s.upcomingByJob} now={now} />
      </div>
    </div>
  );
}
