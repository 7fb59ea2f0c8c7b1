import { useTranslation } from 'react-i18next';
import type { Route } from '../routing';
import { href } from '../routing';

const LINKS: { label: string; to: string; pages: Route['page'][] }[] = [
  { label: 'Since you left', to: href.since(), pages: ['since'] },
  { label: 'Jobs', to: href.jobs(), pages: ['jobs', 'job', 'job-new', 'job-edit'] },
  { label: 'Prompts', to: href.prompts(), pages: ['prompts'] },
  { label: 'Runs', to: href.runs(), pages: ['runs', 'run'] },
  { label: 'Dashboard', to: href.dashboard(), pages: ['dashboard'] },
  { label: 'Alerts', to: href.alerts(), pages: ['alerts'] },
  { label: 'Audit', to: href.audit(), pages: ['audit'] },
  { label: 'Notifications', to: href.notifications(), pages: ['notifications'] },
  { label: 'Import & export', to: href.files(), pages: ['files'] },
  { label: 'Settings', to: href.settings(), pages: ['settings'] },
];

export function Nav({ route }: { route: Route }) {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label={t('Main')}>
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">☾</span>
        <span className="brand-name">Night Pilot</span>
      </div>
      <ul>
        {LINKS.map((link) => (
          <li key={link.label}>
            <a href={link.to} aria-current={link.pages.includes(route.page) ? 'page' : undefined}>
              {t(link.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
