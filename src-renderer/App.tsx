import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import './i18n';
import { useLiveUpdates } from './api/live-updates';
import { useSettings } from './api/system';
import { Nav } from './components/Nav';
import { EmptyState } from './components/States';
import { AlertsIndicator } from './features/alerts/AlertsIndicator';
import { AlertsPage } from './features/alerts/AlertsPage';
import { AuditPage } from './features/audit/AuditPage';
import { CooldownBanner } from './features/cooldown/CooldownBanner';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { JobFilesPage } from './features/job-files/JobFilesPage';
import { LegacyImportBanner } from './features/job-files/LegacyImportBanner';
import { JobEditorPage } from './features/job-editor/JobEditorPage';
import { JobPage } from './features/job-page/JobPage';
import { JobsPage } from './features/jobs/JobsPage';
import { SincePage } from './features/since/SincePage';
import { PromptsPage } from './features/prompts/PromptsPage';
import { RunPage } from './features/runs/RunPage';
import { RunsPage } from './features/runs/RunsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { href, navigate, useRoute, type Route } from './routing';
import { markSeen, shouldLandOnSince } from './state/last-visit';
import { useTheme } from './state/theme';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'jobs':
      return <JobsPage />;
    case 'since':
      return <SincePage />;
    case 'job':
      return <JobPage key={route.id} jobId={route.id} />;
    case 'job-new':
      return <JobEditorPage key={`new-${JSON.stringify(route.prefill)}`} jobId={null} prefill={route.prefill} />;
    case 'job-edit':
      return <JobEditorPage key={route.id} jobId={route.id} />;
    case 'prompts':
      return <PromptsPage />;
    case 'runs':
      return <RunsPage filter={route.filter} />;
    case 'run':
      return <RunPage key={route.id} runId={route.id} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'settings':
      return <SettingsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'audit':
      return <AuditPage />;
    case 'notifications':
      return <NotificationsPage />;
    case 'files':
      return <JobFilesPage />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('Page not found')}>
      <a href={href.jobs()}>{t('Go to Jobs')}</a>
    </EmptyState>
  );
}

/**
 * After a gap (the morning), the app opens on "Since you left" unless a page was asked for; while it
 * is open, the visit is marked every minute so the next gap is measured from the last look.
 */
function useLanding() {
  useEffect(() => {
    const empty = window.location.hash === '' || window.location.hash === '#' || window.location.hash === '#/';
    if (empty && shouldLandOnSince()) navigate(href.since());
    markSeen();
    const timer = setInterval(() => markSeen(), 60_000);
    return () => clearInterval(timer);
  }, []);
}

/** The stored theme wins over the local copy, which only exists for a fast first paint. */
function useStoredTheme() {
  const theme = useSettings().data?.theme;
  useEffect(() => {
    if (theme && theme !== useTheme.getState().preference) useTheme.getState().setPreference(theme);
  }, [theme]);
}

const TITLES: Record<Route['page'], string> = {
  since: 'Since you left',
  job: 'Job',
  jobs: 'Jobs',
  'job-new': 'New job',
  'job-edit': 'Edit job',
  prompts: 'Prompts',
  runs: 'Runs',
  run: 'Run',
  dashboard: 'Dashboard',
  settings: 'Settings',
  alerts: 'Alerts',
  audit: 'Audit log',
  notifications: 'Notifications',
  files: 'Import & export',
  'not-found': 'Not found',
};

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  useLiveUpdates();
  useStoredTheme();
  useLanding();
  const title = t(TITLES[route.page]);
  useEffect(() => {
    document.title = `${title} · Claude Night Pilot`;
  }, [title]);
  return (
    <div className="app">
      <a className="skip-link" href="#main-content" onClick={(e) => {
        // A hash link would change the route: move focus instead.
        e.preventDefault();
        document.getElementById('main-content')?.focus();
      }}>
        {t('Skip to content')}
      </a>
      <Nav route={route} />
      <div className="main-column">
        <AlertsIndicator />
        <CooldownBanner />
        <LegacyImportBanner />
        <main className="content" id="main-content" tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
    </div>
  );
}
