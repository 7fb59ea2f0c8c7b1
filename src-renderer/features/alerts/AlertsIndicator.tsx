import { useTranslation } from 'react-i18next';
import { href } from '../../routing';
import { useOpenAlertCount } from './use-alerts';
import { alertTitle } from './alert-title';

/** A quiet line above every page while alerts are open; it links to the alerts page. */
export function AlertsIndicator() {
  const { t } = useTranslation();
  const open = useOpenAlertCount();
  const count = open.data?.total ?? 0;
  if (count === 0) return null;
  const first = open.data?.items[0];
  return (
    <div className="banner banner-warn banner-alerts" role="status" aria-label={t('Open alerts')}>
      <span className="alerts-indicator-count">{count === 1 ? t('{{count}} open alert', { count }) : t('{{count}} open alerts', { count })}</span>
      {first && <span className="alerts-indicator-title">{alertTitle(t, first)}</span>}
      <a href={href.alerts()}>{t('See alerts')}</a>
    </div>
  );
}
