import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Run } from '../../../src-shared/domain';
import { formatDuration } from '../../lib/time';
import { navigate, href } from '../../routing';

const OK = new Set(['succeeded']);

/** Duration of each recent run, oldest first, coloured by how it ended; a bar opens its run. */
export function DurationTrend({ runs }: { runs: Run[] }) {
  const { t } = useTranslation();
  const data = runs
    .filter((r) => r.durationMs !== null)
    .slice()
    .reverse()
    .map((r) => ({ id: r.id, label: `#${r.id}`, seconds: (r.durationMs ?? 0) / 1000, status: r.status }));
  return (
    <section aria-labelledby="job-trend" className="card">
      <h2 id="job-trend">{t('Duration trend')}</h2>
      {data.length === 0 ? (
        <p className="muted">{t('No finished runs yet.')}</p>
      ) : (
        <div className="chart-box" role="img" aria-label={t('Duration of the last {{count}} runs', { count: data.length })}>
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="label" tick={{ fill: 'var(--text-muted)', fontSize: 11 }} interval="preserveStartEnd" />
              <YAxis tick={{ fill: 'var(--text-muted)', fontSize: 11 }} tickFormatter={(s: number) => formatDuration(s * 1000)} width={56} />
              <Tooltip formatter={(v) => formatDuration(Number(v) * 1000)} contentStyle={{ background: 'var(--surface)', color: 'var(--text)' }} />
              <Bar dataKey="seconds" name={t('Duration')} onClick={(d: { payload?: { id?: number } }) => d.payload?.id && navigate(href.run(d.payload.id))} cursor="pointer" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.id} fill={OK.has(d.status) ? 'var(--chart-ok)' : 'var(--chart-fail)'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
