import { useTranslation } from 'react-i18next';
import { useEngineStatus } from '../../api/system';
import { formatInZone } from '../../lib/time';

/** One line saying which process schedules the jobs of this database (the engine lease holder). */
export function EngineHolder() {
  const { t } = useTranslation();
  const { data } = useEngineStatus();
  if (!data) return null;
  if (!data.running) {
    return <p className="check-bad">{t('No engine is scheduling: jobs run only while the app or `cnp serve` is running.')}</p>;
  }
  const who = data.inThisProcess ? t('this app') : t('another process');
  const where = { who, pid: data.pid ?? '?', host: data.hostname ?? t('unknown host') };
  return (
    <p className="check-ok">
      {data.since
        ? t('Scheduling: {{who}} (pid {{pid}} on {{host}}, since {{since}})', { ...where, since: formatInZone(data.since) })
        : t('Scheduling: {{who}} (pid {{pid}} on {{host}})', where)}
    </p>
  );
}
