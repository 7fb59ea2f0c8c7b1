import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardSummary } from '../../../src-shared/contract';
import { formatCost, formatTokens } from '../../lib/numbers';
import { formatDuration } from '../../lib/time';
import { href, navigate } from '../../routing';

type Day = DashboardSummary['days'][number];

const axis = { fill: 'var(--text-muted)', fontSize: 11 };
const tooltipStyle = { background: 'var(--bg-elevated)', border: '1px solid var(--border-strong)', color: 'var(--text)' };
/** "12-01" would be ambiguous across a year end: days read as "Dec 1" in the UI's language. */
const dayLabel = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));

/** Opens Runs filtered to what a bar shows: that day, and that status when the bar has one. */
const openRuns = (day: string, status?: string) => navigate(href.runs({ day, ...(status ? { status } : {}) }));

function ChartCard({ title, summary, children }: { title: string; summary: string; children: React.ReactNode }) {
  return (
    <figure className="chart card">
      <figcaption>{title}</figcaption>
      <div className="chart-box" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={220}>
          {children as React.ReactElement}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Runs, cost and p95 duration per day, with axes, values on the bars and tooltips. */
export function DayCharts({ days }: { days: Day[] }) {
  const { t, i18n } = useTranslation();
  const data = days.map((d) => ({ ...d, label: dayLabel(d.day, i18n.language), p95s: d.p95DurationMs === null ? null : d.p95DurationMs / 1000 }));
  const total = (d: Day) => d.succeeded + d.failed + d.other;
  const click = (status?: string) => (entry: { payload?: { day?: string } }) => entry.payload?.day && openRuns(entry.payload.day, status);
  return (
    <div className="charts">
      <ChartCard title={t('Runs per day')} summary={data.map((d) => `${d.day}: ${d.succeeded} ${t('succeeded')}, ${d.failed} ${t('failed')}, ${d.other} ${t('other')}`).join('; ')}>
        <BarChart data={data} margin={{ top: 18, right: 28, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axis} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={axis} width={36} label={{ value: t('runs'), angle: -90, position: 'insideLeft', fill: 'var(--text-muted)', fontSize: 11 }} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--bg-hover)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="succeeded" name={t('Succeeded')} stackId="s" fill="var(--chart-ok)" cursor="pointer" onClick={click('succeeded')} isAnimationActive={false} />
          <Bar dataKey="failed" name={t('Failed')} stackId="s" fill="var(--chart-fail)" cursor="pointer" onClick={click('failed')} isAnimationActive={false} />
          <Bar dataKey="other" name={t('Other')} stackId="s" fill="var(--seg-other)" cursor="pointer" onClick={click()} isAnimationActive={false}>
            <LabelList valueAccessor={(entry: { payload?: Day }) => (entry.payload && total(entry.payload) > 0 ? total(entry.payload) : '')} position="top" fill="var(--text)" fontSize={11} />
          </Bar>
        </BarChart>
      </ChartCard>
      <ChartCard title={t('Cost per day')} summary={data.map((d) => `${d.day}: ${formatCost(d.costUsd)}`).join('; ')}>
        <BarChart data={data} margin={{ top: 18, right: 28, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axis} interval="preserveStartEnd" />
          <YAxis tick={axis} width={56} tickFormatter={(v: number) => formatCost(v)} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--bg-hover)' }} formatter={(v) => [formatCost(Number(v)), t('Cost')]} />
          <Bar dataKey="costUsd" name={t('Cost')} fill="var(--seg-cost)" cursor="pointer" onClick={click()} isAnimationActive={false}>
            <LabelList dataKey="costUsd" position="top" formatter={(v: unknown) => (Number(v) > 0 ? formatCost(Number(v)) : '')} fill="var(--text)" fontSize={10} />
          </Bar>
        </BarChart>
      </ChartCard>
      <ChartCard title={t('p95 duration per day')} summary={data.map((d) => `${d.day}: ${formatDuration(d.p95DurationMs)}`).join('; ')}>
        <LineChart data={data} margin={{ top: 18, right: 32, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axis} interval="preserveStartEnd" />
          <YAxis tick={axis} width={56} tickFormatter={(s: number) => formatDuration(s * 1000)} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => [formatDuration(Number(v) * 1000), t('p95 duration')]} />
          <Line type="monotone" dataKey="p95s" name={t('p95 duration')} stroke="var(--chart-p95)" strokeWidth={2} connectNulls dot={{ r: 3 }} isAnimationActive={false}>
            <LabelList dataKey="p95s" position="top" formatter={(v: unknown) => (v === null || v === undefined ? '' : formatDuration(Number(v) * 1000))} fill="var(--text)" fontSize={10} />
          </Line>
        </LineChart>
      </ChartCard>
      <ChartCard title={t('Tokens per day')} summary={data.map((d) => `${d.day}: ${formatTokens(d.tokens)}`).join('; ')}>
        <BarChart data={data} margin={{ top: 18, right: 28, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axis} interval="preserveStartEnd" />
          <YAxis tick={axis} width={48} tickFormatter={(v: number) => formatTokens(v)} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--bg-hover)' }} formatter={(v) => [formatTokens(Number(v)), t('Tokens')]} />
          <Bar dataKey="tokens" name={t('Tokens')} fill="var(--seg-tokens)" cursor="pointer" onClick={click()} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
    </div>
  );
}
