import { href } from '../../routing';
import { useOpenAlertCount } from './use-alerts';

/** A quiet line above every page while alerts are open; it links to the alerts page. */
export function AlertsIndicator() {
  const open = useOpenAlertCount();
  const count = open.data?.total ?? 0;
  if (count === 0) return null;
  const first = open.data?.items[0];
  return (
    <div className="banner banner-warn banner-alerts" role="status" aria-label="Open alerts">
      <span className="alerts-indicator-count">
        {count} open alert{count === 1 ? '' : 's'}
      </span>
      {first && <span className="alerts-indicator-title">{first.title}</span>}
      <a href={href.alerts()}>See alerts</a>
    </div>
  );
}
