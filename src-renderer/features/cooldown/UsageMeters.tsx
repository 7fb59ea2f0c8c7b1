import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/call';
import { formatPercent } from '../../lib/numbers';
import { formatInZone } from '../../lib/time';
import { limitName } from './limit-names';

/** One meter per limit the CLI reported: five-hour, weekly, and model-scoped weekly ones. */
export function UsageMeters() {
  const { t } = useTranslation();
  const meters = useCallQuery('cooldown.meters', {}, { refetchInterval: 60_000 }).data ?? [];
  const shown = meters.filter((m) => m.utilization !== null || m.status !== 'allowed');
  if (shown.length === 0) return null;
  return (
    <ul className="usage-meters" aria-label={t('Claude limits')}>
      {shown.map((m) => {
        const name = limitName(t, m.limitType);
        const value = m.status === 'rejected' ? 1 : (m.utilization ?? 0);
        return (
          <li key={m.limitType}>
            <span className="meter-name">{t('{{name}} limit', { name })}</span>
            <meter min={0} max={1} low={0.7} high={0.9} optimum={0} value={value} aria-label={t('{{name}} limit', { name })}>
              {formatPercent(value)}
            </meter>
            <span className="small">
              {m.status === 'rejected' ? t('reached') : formatPercent(m.utilization)}
              {m.resetsAt && ` · ${t('resets {{time}}', { time: formatInZone(m.resetsAt) })}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
