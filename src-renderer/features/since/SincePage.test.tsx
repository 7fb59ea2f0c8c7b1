// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SinceLastVisit } from '../../../src-shared/contract';
import { fakeApi } from '../../test-support/fake-api';
import { NOT_COOLING } from '../../test-support/fixtures';
import { renderWithApi } from '../../test-support/render';
import { SincePage } from './SincePage';

afterEach(cleanup);

const VIEW: SinceLastVisit = {
  since: '2026-12-01T00:00:00.000Z',
  until: '2026-12-01T08:00:00.000Z',
  problems: { total: 1, items: [{ runId: 7, jobId: 2, jobName: 'backup', status: 'failed', at: '2026-12-01T03:00:05.000Z', excerpt: 'No space left on device' }] },
  waiting: { total: 1, items: [{ runId: 8, jobId: 3, jobName: 'review', status: 'deferred_cooldown', at: '2026-12-01T02:00:00.000Z', scheduledFor: '2026-12-01T02:00:00.000Z', reason: 'Waiting for the usage limit' }] },
  answers: [{ runId: 9, jobId: 3, jobName: 'review', at: '2026-12-01T02:10:00.000Z', text: '| PR | Verdict |\n|---|---|\n| #12 | ok |' }],
  spend: { runs: 3, succeeded: 1, failed: 1, costUsd: 0.25, tokens: { input: 1200, output: 300, cacheRead: 0, cacheCreation: 0 } },
};

describe('Since you left', () => {
  it('shows failures with their error, waits with their reason, answers as Markdown tables, spend, and open alerts, each linked to its run', async () => {
    const api = fakeApi({
      'overview.sinceLastVisit': () => VIEW,
      'cooldown.status': () => NOT_COOLING,
      'alerts.list': () => ({
        total: 1,
        items: [{ id: 1, kind: 'consecutive_failures', jobId: 2, jobName: 'backup', title: 'backup failed 3 times in a row', cause: 'exit code 2', runIds: [5, 6, 7], openedAt: '2026-12-01T03:00:06.000Z', resolvedAt: null, resolution: null, acknowledgedAt: null, deliveries: [] }],
      }),
    });
    renderWithApi(<SincePage />, api);
    const problems = await screen.findByRole('region', { name: /Failed, timed out or interrupted/ });
    expect(problems.textContent).toContain('No space left on device');
    expect(within(problems).getByRole('link', { name: 'Open run 7 of backup' }).getAttribute('href')).toBe('#/runs/7');
    expect(within(problems).getByRole('link', { name: 'backup' }).getAttribute('href')).toBe('#/jobs/2');
    expect(screen.getByRole('region', { name: /Deferred or skipped/ }).textContent).toContain('Waiting for the usage limit');
    expect(screen.getByRole('region', { name: /Claude's answers/ }).querySelector('table td')?.textContent).toBe('#12');
    expect(screen.getByRole('region', { name: 'Spend and tokens' }).textContent).toContain('$0.2500');
    const alerts = screen.getByRole('region', { name: /Open alerts/ });
    expect(await within(alerts).findByText('"backup" failed 3 times in a row')).toBeTruthy();
    expect(within(alerts).getByRole('link', { name: 'Open run 7 of backup' }).getAttribute('href')).toBe('#/runs/7');
  });
});
