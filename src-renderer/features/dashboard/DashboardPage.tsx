import type { DashboardSummary } from '../../../src-shared/contract';
import { useDashboardSummary } from '../../api/system';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { formatCost, formatPercent, formatTokens } from '../../lib/numbers';
import { formatDuration, formatInZone, formatRelative, formatSpan } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { href } from '../../routing';
import { BarChart, type Bar } from './BarChart';

const shortDay = (day: string) => day.slice(5);
const DAYS_SHOWN = 14;

/** The summary lists only days that had runs (UTC days); quiet days are shown as empty bars. */
function fillDays(days: DashboardSummary['days'], now: number): DashboardSummary['days'] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  return Array.from({ length: DAYS_SHOWN }, (_, i) => {
    const day = new Date(now - (DAYS_SHOWN - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, succeeded: 0, failed: 0, other: 0, costUsd: 0, tokens: 0 };
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

function Charts({ days }: { days: DashboardSummary['days'] }) {
  const statusBars: Bar[] = days.map((d) => ({
    key: d.day,
    label: shortDay(d.day),
    summary: `${d.day}: ${d.succeeded} succeeded, ${d.failed} failed, ${d.other} other`,
    segments: [
      { label: 'Succeeded', value: d.succeeded, className: 'seg-ok' },
      { label: 'Failed', value: d.failed, className: 'seg-fail' },
      { label: 'Other', value: d.other, className: 'seg-other' },
    ],
  }));
  const costBars: Bar[] = days.map((d) => ({
    key: d.day,
    label: shortDay(d.day),
    summary: `${d.day}: ${formatCost(d.costUsd)}`,
    segments: [{ label: 'Cost', value: d.costUsd, className: 'seg-cost' }],
  }));
  const tokenBars: Bar[] = days.map((d) => ({
    key: d.day,
    label: shortDay(d.day),
    summary: `${d.day}: ${formatTokens(d.tokens)} tokens`,
    segments: [{ label: 'Tokens', value: d.tokens, className: 'seg-tokens' }],
  }));
  return (
    <div className="charts">
      <BarChart title="Runs per day" bars={statusBars} legend={statusBars[0]?.segments} />
      <BarChart title="Cost per day" bars={costBars} />
      <BarChart title="Tokens per day" bars={tokenBars} />
    </div>
  );
}

function Upcoming({ upcoming, now }: { upcoming: DashboardSummary['upcoming']; now: number }) {
  const soon = upcoming.filter((u) => Date.parse(u.at) - now <= 86_400_000);
  return (
    <section className="panel" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">Next 24 hours</h2>
      {soon.length === 0 ? (
        <p className="muted">Nothing scheduled in the next 24 hours.</p>
      ) : (
        <ul className="plain-list">
          {soon.map((u) => (
            <li key={`${u.jobId}-${u.at}`}>
              <a href={href.job(u.jobId)}>{u.jobName}</a>
              <span className="muted">
                <time dateTime={u.at}>{formatInZone(u.at)}</time> · {formatRelative(u.at, now)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Running({ running, now }: { running: DashboardSummary['running']; now: number }) {
  return (
    <section className="panel" aria-labelledby="running-title">
      <h2 id="running-title">Running now</h2>
      {running.length === 0 ? (
        <p className="muted">No runs in progress.</p>
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
  const summary = useDashboardSummary();
  const now = useNow(1_000);
  if (summary.isPending) return <Loading label="Loading dashboard…" />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const totalRuns = s.days.reduce((n, d) => n + d.succeeded + d.failed + d.other, 0);
  const cost = s.days.reduce((n, d) => n + d.costUsd, 0);
  const tokens = s.days.reduce((n, d) => n + d.tokens, 0);
  return (
    <div className="page">
      <PageHeader title="Dashboard" subtitle={`Last ${DAYS_SHOWN} days`} />
      <div className="stats">
        <Stat label="Success rate" value={formatPercent(s.successRate)} />
        <Stat label="p95 duration" value={formatDuration(s.p95DurationMs)} />
        <Stat label="Runs" value={String(totalRuns)} />
        <Stat label="Cost" value={formatCost(cost)} />
        <Stat label="Tokens" value={formatTokens(tokens)} />
      </div>
      {s.days.length === 0 ? (
        <EmptyState title="No runs in the last two weeks">Charts appear once jobs have run.</EmptyState>
      ) : (
        <Charts days={fillDays(s.days, now)} />
      )}
      <div className="panels">
        <Running running={s.running} now={now} />
        <Upcoming upcoming={s.upcoming} now={now} />
      </div>
    </div>
  );
}
