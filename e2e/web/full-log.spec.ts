import fs from 'node:fs';
import { api, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';

/**
 * The full log: a run whose output outgrew what the database keeps still has every line in its
 * file, and the run page downloads it beside the kept lines' download.
 */
test('Download full log saves every line of a 100,000-line run, ending with 100000', async ({ page, request, served }) => {
  test.setTimeout(120_000);
  // The database keeps a small head and tail; the full log keeps everything.
  await api(request, served, 'settings.set', { maxOutputBytesPerRun: 256 * 1024 });
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'count', kind: 'shell', command: 'seq 1 100000', schedule: { type: 'manual', timezone: 'UTC' } });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  await waitForRun(request, served, run.id);
  await page.goto(served.url);
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);
  const toolbar = page.getByRole('toolbar', { name: 'Log tools' });
  await expect(toolbar.getByRole('button', { name: 'Download log' })).toBeVisible({ timeout: 30_000 });
  const full = toolbar.getByRole('link', { name: 'Download full log' });
  await expect(full).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), full.click()]);
  expect(download.suggestedFilename()).toBe(`run-${run.id}-full.log`);
  const lines = fs.readFileSync(await download.path(), 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  expect(lines).toHaveLength(100_000);
  expect(lines.at(-1)).toBe('100000');
});

test('a run without a full log offers only the kept lines', async ({ page, request, served }) => {
  await api(request, served, 'settings.set', { keepRawLogs: false });
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'short', kind: 'shell', command: 'echo hello', schedule: { type: 'manual', timezone: 'UTC' } });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  await waitForRun(request, served, run.id);
  await page.goto(served.url);
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);
  const toolbar = page.getByRole('toolbar', { name: 'Log tools' });
  await expect(page.getByRole('region', { name: 'Live log' }).getByText('hello', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(toolbar.getByRole('button', { name: 'Download log' })).toBeVisible();
  await expect(toolbar.getByRole('link', { name: 'Download full log' })).toHaveCount(0);
});
