import { useTranslation } from 'react-i18next';
import { formatInZone, formatRelative, localZone } from '../../lib/time';
import { useNow } from '../../lib/use-now';

interface NextRunsProps {
  runs: readonly string[] | undefined;
  timezone: string;
  pending?: boolean;
}

/** The coming fire times as a wall clock in the job's zone reads them, and in the viewer's own. */
export function NextRuns({ runs, timezone, pending }: NextRunsProps) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const here = localZone();
  return (
    <section aria-label={t('Next runs')} className={`next-runs${pending ? ' is-pending' : ''}`} aria-busy={pending || undefined}>
      <h3>
        {t('Next runs')} <span className="muted">({timezone})</span>
      </h3>
      {runs === undefined ? (
        <p className="muted">{pending ? t('Calculating…') : '—'}</p>
      ) : runs.length === 0 ? (
        <p className="muted">{t('No upcoming runs.')}</p>
      ) : (
        <ol>
          {runs.map((iso) => (
            <li key={iso}>
              <time dateTime={iso}>{formatInZone(iso, timezone)}</time>
              <span className="muted"> · {formatRelative(iso, now)}</span>
              {here !== timezone && <span className="muted small next-local"> · {t('your time')} {formatInZone(iso)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
