import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from '@playwright/test';
import { createAndRunClaudeJob } from '../flows/core-flow';
import { expect, test, type Served } from '../fixtures/serve';

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** A contract call straight to the server, with the token, to set up data for a UI check. */
async function api<T>(request: APIRequestContext, served: Served, channel: string, input: unknown): Promise<T> {
  const res = await request.post(`${served.origin}/api/${channel}`, { data: input, headers: { authorization: `Bearer ${served.token}` } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

test('creates a Claude job in the editor, runs it, and streams its live log to success with its cost', async ({ page, served }) => {
  await page.goto(served.url);
  await createAndRunClaudeJob(page);
});

test('an invalid cron shows the field alert and blocks Save', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('button', { name: 'New job' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('broken');
  await page.getByLabel('Schedule type', { exact: true }).selectOption({ label: 'Cron' });
  await page.getByLabel('Cron expression', { exact: true }).fill('61 * * * *');
  await expect(page.getByRole('alert').filter({ hasText: /minute/i })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
});

test.describe('usage limit', () => {
  test.use({ serveEnv: { FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_RESETS_IN_SECONDS: '7200' } });

  test('a usage-limit run shows the cooldown banner with the reset time', async ({ page, request, served }) => {
    const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'limited', kind: 'claude', prompt: 'hi', schedule: { type: 'manual', timezone: 'UTC' } });
    await api(request, served, 'jobs.runNow', { id: job.id });
    await page.goto(served.url);
    const banner = page.getByRole('region', { name: 'Claude usage' });
    await expect(banner.getByRole('status').filter({ hasText: /Cooling down/ })).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText(/resets at \d{1,2}:\d{2}/);
    await expect(banner.getByRole('timer')).toHaveText(/in 1h 5\dm|in 2h|in 1h 59m/);
  });
});

test('writes a screenshot of every page in light and dark', async ({ page, request, served }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'Nightly backup', kind: 'shell', command: 'echo backed up', schedule: { type: 'cron', cron: '0 3 * * *', timezone: 'Europe/London' }, tags: ['ops'] });
  await api(request, served, 'prompts.create', { title: 'Review PRs', body: 'Review the open pull requests.', tags: ['review'] });
  await api(request, served, 'jobs.runNow', { id: job.id });
  await page.goto(served.url);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const name of ['Jobs', 'Prompts', 'Runs', 'Dashboard', 'Settings']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const file = path.join(SCREENSHOTS, `${name.toLowerCase()}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    }
  }
});
