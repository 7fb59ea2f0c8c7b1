import { useEffect } from 'react';
import { useLiveUpdates } from './api/live-updates';
import { useSettings } from './api/system';
import { Nav } from './components/Nav';
import { EmptyState } from './components/States';
import { CooldownBanner } from './features/cooldown/CooldownBanner';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { JobEditorPage } from './features/job-editor/JobEditorPage';
import { JobsPage } from './features/jobs/JobsPage';
import { PromptsPage } from './features/prompts/PromptsPage';
import { RunPage } from './features/runs/RunPage';
import { RunsPage } from './features/runs/RunsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { href, useRoute, type Route } from './routing';
import { useTheme } from './state/theme';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'jobs':
      return <JobsPage />;
    case 'job-new':
      return <JobEditorPage key="new" jobId={null} />;
    case 'job-edit':
      return <JobEditorPage key={route.id} jobId={route.id} />;
    case 'prompts':
      return <PromptsPage />;
    case 'runs':
      return <RunsPage />;
    case 'run':
      return <RunPage key={route.id} runId={route.id} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'settings':
      return <SettingsPage />;
    case 'not-found':
      return (
        <EmptyState title="Page not found">
          <a href={href.jobs()}>Go to Jobs</a>
        </EmptyState>
      );
  }
}

/** The stored theme wins over the local copy, which only exists for a fast first paint. */
function useStoredTheme() {
  const theme = useSettings().data?.theme;
  useEffect(() => {
    if (theme && theme !== useTheme.getState().preference) useTheme.getState().setPreference(theme);
  }, [theme]);
}

const TITLES: Record<Route['page'], string> = {
  jobs: 'Jobs',
  'job-new': 'New job',
  'job-edit': 'Edit job',
  prompts: 'Prompts',
  runs: 'Runs',
  run: 'Run',
  dashboard: 'Dashboard',
  settings: 'Settings',
  'not-found': 'Not found',
};

export function App() {
  const route = useRoute();
  useLiveUpdates();
  useStoredTheme();
  useEffect(() => {
    document.title = `${TITLES[route.page]} · Claude Night Pilot`;
  }, [route.page]);
  return (
    <div className="app">
      <Nav route={route} />
      <div className="main-column">
        <CooldownBanner />
        <main className="content">
          <Page route={route} />
        </main>
      </div>
    </div>
  );
}
