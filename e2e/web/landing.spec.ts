import type { Page } from '@playwright/test';
import { api, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';
import { screenshot } from '../fixtures/screenshots';

/**
 * The morning landing: the app remembers when it was last open (localStorage `cnp.lastSeenAt`, see
 * src-renderer/state/last-visit.ts). Away four hours or more and it opens on "Since you left";
 * back after a short break it opens where it always does (Jobs).
 */

const HOUR = 3_600_000;

/** Pretends the last visit was `agoMs` ago, before any of the app's own scripts run. */
async function lastVisitAgo(page: Page, agoMs: number) {
  await page.addInitScript((at) => localStorage.setItem('cnp.lastSeenAt', String(at)), Date.now() - agoMs);
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('after a gap of more than 4 hours the app opens on Since you left, with the failed run, its error and a link to it', async ({ page, request, served }) => {
  const job = await api<{ id: number }>(request, served, 'jobs.create', {
    name: 'backup',
    kind: 'shell',
    command: 'echo "copying…"; echo "tar: /backup: No space left on device" >&2; exit 2',
    schedule: { type: 'manual', timezone: 'UTC' },
  });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  expect((await waitForRun(request, served, run.id)).status).toBe('failed');

  await lastVisitAgo(page, 5 * HOUR);
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Since you left' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Since you left' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('visit');

  const problems = page.getByRole('region', { name: /^Failed, timed out or interrupted/ });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems.getByRole('listitem')).toContainText('No space left on device');
  await expect(problems.getByRole('link', { name: 'backup', exact: true })).toBeVisible();
  await screenshot(page, 'since-landing');

  await problems.getByRole('link', { name: `Open run ${run.id} of backup` }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${run.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Run #${run.id}`);
});

test('after a short break (1 hour) the app opens on Jobs as usual', async ({ page, request, served }) => {
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'backup', kind: 'shell', command: 'exit 2', schedule: { type: 'manual', timezone: 'UTC' } });
  await waitForRun(request, served, (await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id })).id);

  await lastVisitAgo(page, 1 * HOUR);
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Jobs' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Since you left' })).toHaveCount(0);
});

test('the first visit ever (nothing stored) opens on Jobs and starts remembering the visit', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => Number(localStorage.getItem('cnp.lastSeenAt')))).toBeGreaterThan(Date.now() - 60_000);
});
