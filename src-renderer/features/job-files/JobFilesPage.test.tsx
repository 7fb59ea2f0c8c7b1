// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/domain';
import type { JobsImportReport } from '../../../src-shared/files-types';
import { AppError } from '../../../src-shared/errors';
import { fakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render';
import { JobFilesPage } from './JobFilesPage';
import { LegacyImportBanner } from './LegacyImportBanner';

afterEach(cleanup);

const report = (dryRun: boolean): JobsImportReport => ({
  file: 'night.yaml',
  dryRun,
  prompts: { created: [], updated: [], unchanged: [] },
  jobs: { created: ['nightly'], updated: ['backup'], unchanged: [], deleted: [] },
  notes: [],
});

function chooseFile(text: string) {
  const input = screen.getByLabelText('YAML file') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([text], 'night.yaml', { type: 'application/yaml' })] } });
}

describe('Import & export page', () => {
  it('checks a file first (a dry run), then imports it for real', async () => {
    const api = fakeApi({
      'legacy.discover': () => ({ candidates: [] }),
      'jobFiles.import': (i) => report(i.dryRun ?? false),
    });
    renderWithApi(<JobFilesPage />, api);
    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    chooseFile('jobs: []\n');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    await screen.findByText(/Checked night.yaml/);
    expect(screen.getByText(/would be created/)).toBeTruthy();
    fireEvent.click(importButton);
    await screen.findByText('Imported night.yaml.');
    const imports = api.calls.filter((c) => c.channel === 'jobFiles.import').map((c) => c.input);
    expect(imports).toEqual([
      { text: 'jobs: []\n', fileName: 'night.yaml', dryRun: true, prune: false },
      { text: 'jobs: []\n', fileName: 'night.yaml', dryRun: false, prune: false },
    ]);
  });

  it('shows the file:line errors of a bad file', async () => {
    const api = fakeApi({
      'legacy.discover': () => ({ candidates: [] }),
      'jobFiles.import': () => {
        throw new AppError('VALIDATION', 'night.yaml:4: jobs[0].colour: unknown field "colour"\nNothing was imported.', { field: 'jobs[0].colour' });
      },
    });
    renderWithApi(<JobFilesPage />, api);
    chooseFile('jobs:\n  - colour: red\n');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect((await screen.findByRole('alert')).textContent).toContain('night.yaml:4: jobs[0].colour');
  });
});

describe('Automatic backups', () => {
  it('turns the daily backup on and saves how many copies to keep', async () => {
    let settings = { ...DEFAULT_SETTINGS };
    const api = fakeApi({
      'legacy.discover': () => ({ candidates: [] }),
      'settings.get': () => settings,
      'settings.set': (patch) => {
        settings = { ...settings, ...patch } as typeof settings;
        return settings;
      },
    });
    renderWithApi(<JobFilesPage />, api);
    const toggle = (await screen.findByLabelText('Back up daily')) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    await waitFor(() => expect((screen.getByLabelText('Back up daily') as HTMLInputElement).checked).toBe(true));
    fireEvent.change(screen.getByLabelText('Copies to keep'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(api.calls.filter((c) => c.channel === 'settings.set').map((c) => c.input)).toEqual([{ autoBackup: true }, { autoBackupKeep: 3 }]);
  });
});

describe('LegacyImportBanner', () => {
  it('offers an old database found on start, and goes away when dismissed', async () => {
    let candidates = [{ path: '/home/u/.local/share/app/claude-night-pilot.db', layouts: ['layout 3'], prompts: 2, jobs: 5, imported: false }];
    const api = fakeApi({
      'legacy.discover': () => ({ candidates }),
      'legacy.dismiss': () => {
        candidates = [];
        return { dismissed: true as const };
      },
    });
    renderWithApi(<LegacyImportBanner />, api);
    await screen.findByText('Found a database of the original Claude Night Pilot');
    expect(screen.getByRole('link', { name: 'Review and import' }).getAttribute('href')).toBe('#/files');
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(screen.queryByText('Found a database of the original Claude Night Pilot')).toBeNull());
    expect(api.calls.some((c) => c.channel === 'legacy.dismiss')).toBe(true);
  });
});
