// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../src-shared/domain';
import { App } from './App';
import { fakeApi } from './test-support/fake-api';
import { NOT_COOLING } from './test-support/fixtures';
import { renderWithApi } from './test-support/render';
import { bootTheme } from './state/theme';

function appApi(settings: Settings = DEFAULT_SETTINGS) {
  let current = settings;
  return fakeApi({
    'cooldown.status': () => NOT_COOLING,
    'settings.get': () => current,
    'settings.set': (patch) => (current = { ...current, ...patch } as Settings),
    'jobs.list': () => ({ items: [], total: 0 }),
    'prompts.list': () => [],
    'runs.list': () => ({ items: [], total: 0 }),
    'dashboard.summary': () => ({ days: [], successRate: null, p95DurationMs: null, upcoming: [], upcomingByJob: [], running: [] }),
    'system.health': () => ({
      ok: true,
      version: '0.1.0',
      dbPath: '/tmp/db',
      schemaVersion: 1,
      engine: { running: true, holder: null, pid: null, hostname: null, since: null, heartbeatAt: null, inThisProcess: true },
      claude: { path: '/usr/bin/claude', version: '2.1.50', error: null },
    }),
  });
}

beforeEach(() => {
  localStorage.clear();
  window.location.hash = '';
  bootTheme();
});
afterEach(cleanup);

describe('app shell', () => {
  it('navigates with the named links', async () => {
    renderWithApi(<App />, appApi());
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const names = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names).toEqual(['Since you left', 'Jobs', 'Prompts', 'Runs', 'Dashboard', 'Alerts', 'Audit', 'Notifications', 'Import & export', 'Settings']);
    expect(await screen.findByRole('heading', { name: 'Jobs' })).toBeTruthy();
    for (const [link, heading] of [
      ['Prompts', 'Prompts'],
      ['Runs', 'Runs'],
      ['Dashboard', 'Dashboard'],
      ['Alerts', 'Alerts'],
      ['Audit', 'Audit log'],
      ['Notifications', 'Notifications'],
      ['Settings', 'Settings'],
    ] as const) {
      act(() => {
        window.location.hash = within(nav).getByRole('link', { name: link }).getAttribute('href') ?? '';
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      });
      expect(await screen.findByRole('heading', { name: heading, level: 1 })).toBeTruthy();
      expect(within(nav).getByRole('link', { name: link }).getAttribute('aria-current')).toBe('page');
    }
  });

  it('applies the theme to <html> at once, stores it, and checks the Claude CLI', async () => {
    const api = appApi();
    window.location.hash = '#/settings';
    renderWithApi(<App />, api);
    const theme = (await screen.findByLabelText('Theme')) as HTMLSelectElement;
    fireEvent.change(theme, { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('cnp.theme')).toBe('dark');
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'settings.set')).toBe(true));
    fireEvent.change(theme, { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');

    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Found Claude CLI 2.1.50 at /usr/bin/claude')).toBeTruthy();
  });

  it('takes the stored theme over the local copy', async () => {
    localStorage.setItem('cnp.theme', 'light');
    renderWithApi(<App />, appApi({ ...DEFAULT_SETTINGS, theme: 'dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });
});
