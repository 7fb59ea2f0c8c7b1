export interface BarSegment {
  label: string;
  value: number;
  className: string;
}

export interface Bar {
  key: string;
  label: string;
  segments: BarSegment[];
  /** What the bar says to a screen reader and in its tooltip. */
  summary: string;
}

/** Stacked columns drawn with plain elements: a handful of days needs no chart library. */
export function BarChart({ title, bars, legend }: { title: string; bars: Bar[]; legend?: BarSegment[] }) {
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((sum, s) => sum + s.value, 0)));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {legend && (
        <ul className="chart-legend" aria-hidden="true">
          {legend.map((s) => (
            <li key={s.label}>
              <span className={`swatch ${s.className}`} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <ul className="chart-bars" aria-label={title}>
        {bars.map((bar) => (
          <li key={bar.key} className="chart-col" title={bar.summary} aria-label={bar.summary}>
            <div className="chart-stack" aria-hidden="true">
              {bar.segments.map((s) =>
                s.value > 0 ? <div key={s.label} className={`chart-seg ${s.className}`} style={{ height: `${(s.value / max) * 100}%` }} /> : null,
              )}
            </div>
            <span className="chart-x" aria-hidden="true">
              {bar.label}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
