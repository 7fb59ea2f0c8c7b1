import type { APIRequestContext } from '@playwright/test';
import { api, waitForRun } from '../fixtures/api';
import { expect, test, type Served } from '../fixtures/serve';
import { screenshot } from '../fixtures/screenshots';

/**
 * A limit on one model family: the fake CLI answers every Opus run with 2.1's "You've hit your Opus
 * limit · resets …" (a `rate_limit_event` rejected for `seven_day_opus` first) while Sonnet runs go
 * through. The banner says the cooldown holds back Opus only, Opus runs are deferred and Sonnet runs
 * keep running; the meters show the 5-hour, weekly and weekly-Opus windows the CLI reported.
 */

test.use({
  serveEnv: {
    FAKE_CLAUDE_SCENARIO: 'usage_limit',
    FAKE_CLAUDE_LIMIT_FORMAT: 'v2-opus',
    FAKE_CLAUDE_LIMIT_MODEL: 'opus',
    FAKE_CLAUDE_RESETS_IN_SECONDS: String(2 * 86_400),
  },
});

interface Run {
  id: number;
  status: string;
}

async function claudeJob(request: APIRequestContext, served: Served, name: string, model: string, env: Record<string, string> = {}) {
  return api<{ id: number }>(request, served, 'jobs.create', { name, kind: 'claude', prompt: 'Review the open pull requests.', schedule: { type: 'manual', timezone: 'UTC' }, options: { model, env } });
}

async function runOnce(request: APIRequestContext, served: Served, jobId: number): Promise<Run> {
  const run = await api<Run>(request, served, 'jobs.runNow', { id: jobId });
  return waitForRun(request, served, run.id);
}

test('an Opus limit cools down Opus only: the banner says so, Opus runs wait, Sonnet runs go on; the meters show the 5-hour and weekly windows', async ({ page, request, served }) => {
  // Two Sonnet runs where the CLI warned about its windows: 75% of the 5-hour one, 91% of the week.
  const fiveHour = await claudeJob(request, served, 'sonnet-triage', 'sonnet', { FAKE_CLAUDE_SCENARIO: 'usage_warning', FAKE_CLAUDE_LIMIT_TYPE: 'five_hour', FAKE_CLAUDE_UTILIZATION: '0.75' });
  const weekly = await claudeJob(request, served, 'sonnet-summary', 'sonnet', { FAKE_CLAUDE_SCENARIO: 'usage_warning', FAKE_CLAUDE_LIMIT_TYPE: 'seven_day', FAKE_CLAUDE_UTILIZATION: '0.91' });
  expect((await runOnce(request, served, fiveHour.id)).status).toBe('succeeded');
  expect((await runOnce(request, served, weekly.id)).status).toBe('succeeded');

  // The Opus run meets the Opus limit and is deferred to the reset.
  const opus = await claudeJob(request, served, 'opus-review', 'opus');
  expect((await runOnce(request, served, opus.id)).status).toBe('deferred_cooldown');
  const status = await api<{ cooling: boolean; model: string | null; limitType: string | null }>(request, served, 'cooldown.status', {});
  expect(status).toMatchObject({ cooling: true, model: 'opus', limitType: 'seven_day_opus' });

  await page.goto(served.url);
  const banner = page.getByRole('region', { name: 'Claude usage' });
  const cooling = banner.getByRole('status').filter({ hasText: 'Cooling down' });
  // Two days away: the reset names its day, not only a time of day that reads as today.
  await expect(cooling).toContainText(/^Cooling down \(Opus only\) — resets at \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2} /);
  await expect(cooling).toContainText('Deferred runs waiting: 1.');
  await expect(cooling).toContainText('Runs of other models and non-Claude jobs keep running.');
  await expect(banner.getByRole('timer')).toHaveText(/^in (1d 23h|2d 0h)$/);

  const meters = banner.getByRole('list', { name: 'Claude limits' });
  await expect(meters.getByRole('meter', { name: '5-hour limit' })).toHaveAttribute('value', '0.75');
  await expect(meters.getByRole('listitem').filter({ hasText: '5-hour limit' })).toContainText('75%');
  await expect(meters.getByRole('meter', { name: 'Weekly limit', exact: true })).toHaveAttribute('value', '0.91');
  await expect(meters.getByRole('listitem').filter({ hasText: /^Weekly limit/ })).toContainText('91%');
  await expect(meters.getByRole('meter', { name: 'Weekly (Opus) limit' })).toHaveAttribute('value', '1');
  await expect(meters.getByRole('listitem').filter({ hasText: 'Weekly (Opus) limit' })).toContainText('reached');
  await screenshot(page, 'cooldown-opus');

  // From the Jobs page: a Sonnet job runs at once, with no "will be deferred" warning.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'Run sonnet-summary now' }).click();
  await expect(page.getByRole('dialog', { name: 'Claude is cooling down' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Live log' })).toContainText('Hello from fake claude', { timeout: 30_000 });

  // An Opus job is warned about, and if queued anyway it waits with the others.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'Run opus-review now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Claude is cooling down' });
  await expect(dialog).toContainText('“opus-review” will not start now');
  await dialog.getByRole('button', { name: 'Queue it anyway' }).click();
  await expect(cooling).toContainText('Deferred runs waiting: 2.', { timeout: 20_000 });

  const runs = (await api<{ items: (Run & { jobName: string })[] }>(request, served, 'runs.list', { limit: 20 })).items;
  expect(runs.filter((r) => r.jobName === 'opus-review').map((r) => r.status)).toEqual(['deferred_cooldown', 'deferred_cooldown']);
  expect(runs.filter((r) => r.jobName === 'sonnet-summary').every((r) => r.status === 'succeeded')).toBe(true);
});
