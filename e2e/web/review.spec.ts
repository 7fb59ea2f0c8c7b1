import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { api, reportFigure, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: /Main|主選單/ }).getByRole('link', { name, exact: true }).click();

/** The morning after: a failed shell job, a finished Claude job, and a paused nightly job. */
async function seed(request: Parameters<typeof api>[0], served: Parameters<typeof api>[1]) {
  const broken = await api<{ id: number }>(request, served, 'jobs.create', { name: 'backup', kind: 'shell', command: 'echo "tar: /backup: No space left on device" >&2; exit 2', schedule: { type: 'cron', cron: '0 3 * * *', timezone: 'Europe/London' }, tags: ['ops'] });
  const review = await api<{ id: number }>(request, served, 'jobs.create', { name: 'nightly-review', kind: 'claude', prompt: 'Review the open pull requests.', schedule: { type: 'cron', cron: '0 2 * * *', timezone: 'Asia/Taipei' }, tags: ['review'] });
  await api(request, served, 'jobs.create', { name: 'poll', kind: 'http', http: { url: 'http://127.0.0.1:9/x' }, schedule: { type: 'interval', everySeconds: 300, timezone: 'UTC' }, tags: ['ops'] });
  const failedRun = await api<{ id: number }>(request, served, 'jobs.runNow', { id: broken.id });
  const reviewRun = await api<{ id: number }>(request, served, 'jobs.runNow', { id: review.id });
  await waitForRun(request, served, failedRun.id);
  await waitForRun(request, served, reviewRun.id);
  return { broken, review, failedRun, reviewRun };
}

test('Since you left lists the failure with its error and Claude’s answer, each linked to its run; Schedule this reaches a saved schedule in three steps', async ({ page, request, served }) => {
  const { failedRun } = await seed(request, served);
  await page.goto(served.url);
  await nav(page, 'Since you left');
  const problems = page.getByRole('region', { name: /Failed, timed out or interrupted/ });
  await expect(problems).toContainText('No space left on device');
  await expect(page.getByRole('region', { name: /Claude's answers/ })).toContainText('Hello from fake claude');
  await expect(page.getByRole('region', { name: 'Spend and tokens' })).toContainText('$0.0123');
  await problems.getByRole('link', { name: `Open run ${failedRun.id} of backup` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Run #${failedRun.id}`);

  // Schedule this: 1) the button, 2) a name, 3) Save.
  await page.getByRole('link', { name: 'Schedule this' }).click();
  await expect(page.getByLabel('Command', { exact: true })).toHaveValue(/No space left/);
  await page.getByLabel('Name', { exact: true }).fill('backup again');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('link', { name: 'backup again' })).toBeVisible();

  // A job name opens the job's page: runs, next runs in its zone and the viewer's, last output.
  await page.getByRole('link', { name: 'backup', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'backup' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent runs' })).toContainText('failed');
  await expect(page.getByRole('region', { name: 'Next runs' })).toContainText('Europe/London');
  await expect(page.getByRole('region', { name: 'Last output' })).toContainText('No space left on device');
  await expect(page.getByRole('button', { name: 'Run backup now' })).toBeVisible();
});

test('the job form shows every problem at once in plain words, focuses the first, clears as fixed, hides what does not apply, and guards unsaved changes', async ({ page, served }) => {
  await page.goto(served.url);
  await nav(page, 'Jobs');
  await page.getByRole('button', { name: 'New job' }).first().click();
  await page.getByLabel('Timeout', { exact: true }).fill('banana');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(page.getByText('Give the job a name.')).toBeVisible();
  await expect(page.getByText(/Write the timeout as a duration/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /--|timeoutSeconds|Too small/ })).toHaveCount(0);
  await page.getByLabel('Name', { exact: true }).fill('tidy');
  await expect(page.getByText('Give the job a name.')).toHaveCount(0);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'HTTP request' });
  await expect(page.getByLabel('Working directory')).toHaveCount(0);
  await page.getByLabel('Schedule type', { exact: true }).selectOption({ label: 'Manual' });
  await expect(page.getByLabel('Timezone', { exact: true })).toHaveCount(0);
  await nav(page, 'Prompts');
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  // Focus stays inside the dialog.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
  await leave.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prompts' })).toBeVisible();
});

test('the jobs table: named actions, a row menu, bulk select, clickable tags, no overflow at 1360 or 900 px; the dashboard charts open filtered runs and the next 24 h is one line per job', async ({ page, request, served }) => {
  await seed(request, served);
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.goto(served.url);
  // Before anything is paused: the 5-minute poll collapses into one line and the nightly job keeps its own.
  await nav(page, 'Dashboard');
  const upcomingAll = page.getByRole('region', { name: 'Next 24 hours' });
  const pollLine = upcomingAll.getByRole('listitem').filter({ hasText: 'poll' });
  await expect(pollLine).toHaveCount(1);
  await expect(pollLine).toContainText(/\d+\+? runs · next/);
  await expect(upcomingAll.getByRole('listitem').filter({ hasText: 'nightly-review' })).toHaveCount(1);
  await nav(page, 'Jobs');
  await expect(page.getByRole('button', { name: 'Run nightly-review now' })).toBeVisible();
  await page.getByRole('button', { name: 'More actions for backup' }).click();
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeVisible();
  await page.keyboard.press('Escape');
  const overflow = () => page.evaluate(() => {
    const el = document.querySelector('.table-scroll')!;
    return el.scrollWidth - el.clientWidth;
  });
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 900, height: 800 });
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'More actions for poll' })).toBeInViewport();
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.getByRole('checkbox', { name: 'Select backup' }).check();
  await page.getByRole('checkbox', { name: 'Select poll' }).check();
  await page.getByRole('region', { name: 'Selected jobs' }).getByRole('button', { name: 'Pause selected' }).click();
  await expect(page.getByRole('switch', { name: 'Enabled: poll' })).toHaveAttribute('aria-checked', 'false');
  await page.getByRole('button', { name: 'Show jobs tagged review' }).click();
  await expect(page.getByRole('link', { name: 'backup', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'nightly-review', exact: true })).toBeVisible();

  await nav(page, 'Dashboard');
  const upcoming = page.getByRole('region', { name: 'Next 24 hours' });
  await expect(upcoming.getByRole('listitem')).toHaveCount(1); // poll is paused; nightly-review once
  await expect(upcoming).toContainText('nightly-review');
  await expect(page.getByRole('figure').filter({ hasText: 'p95 duration per day' })).toBeVisible();
  await page.locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/#\/runs\?.*day=/);
});

test.describe('cooldown', () => {
  test.use({ serveEnv: { FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_RESETS_IN_SECONDS: '1800' } });

  test('the banner counts deferred runs live, counts down in seconds in the last hour, warns before Run now, and Clear says what will run', async ({ page, request, served }) => {
    const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'limited', kind: 'claude', prompt: 'hi', schedule: { type: 'manual', timezone: 'UTC' } });
    await api(request, served, 'jobs.runNow', { id: job.id });
    await page.goto(served.url);
    const banner = page.getByRole('region', { name: 'Claude usage' });
    await expect(banner.getByRole('status').filter({ hasText: 'Cooling down' })).toBeVisible({ timeout: 30_000 });
    await expect(banner.getByRole('timer')).toHaveText(/^in (29|30)m \d+s$/);
    await expect(banner).toContainText('Deferred runs waiting: 1.');
    // Two more deferred runs arrive while the page is open: the count follows without a reload.
    await api(request, served, 'jobs.runNow', { id: job.id });
    await api(request, served, 'jobs.runNow', { id: job.id });
    await expect(banner).toContainText('Deferred runs waiting: 3.', { timeout: 20_000 });

    await nav(page, 'Jobs');
    await page.getByRole('button', { name: 'Run limited now' }).click();
    await expect(page.getByRole('dialog', { name: 'Claude is cooling down' })).toContainText('will be deferred');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await banner.getByRole('button', { name: 'Clear cooldown' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear the cooldown?' });
    await expect(dialog).toContainText('These deferred runs start now (3)');
    await expect(dialog.getByRole('link', { name: /limited #/ })).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

test('in 繁體中文: chosen in Settings, the navigation, pages, dates and cron descriptions follow', async ({ page, request, served }) => {
  await api(request, served, 'jobs.create', { name: 'nightly-review', kind: 'claude', prompt: 'x', schedule: { type: 'cron', cron: '0 2 * * *', timezone: 'Asia/Taipei' } });
  await page.goto(served.url);
  await nav(page, 'Settings');
  await page.getByLabel('Language').selectOption({ label: '繁體中文' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await nav(page, '排程工作');
  await expect(page.getByRole('heading', { level: 1, name: '排程工作' })).toBeVisible();
  await expect(page.getByRole('button', { name: '立即執行 nightly-review' })).toBeVisible();
  // cronstrue's zh_TW: "在 02:00"; the weekday of the next run in Chinese.
  await expect(page.getByRole('row').filter({ hasText: 'nightly-review' })).toContainText('02:00');
  await expect(page.getByRole('row').filter({ hasText: 'nightly-review' })).toContainText(/週|周/);
  await nav(page, '離開後的動態');
  await expect(page.getByRole('heading', { level: 1, name: '離開後的動態' })).toBeVisible();
  await nav(page, '設定');
  await page.getByLabel('語言').selectOption({ label: 'English' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('every page passes axe (no serious or critical violations) in light and dark, has a skip link, and is screenshotted', async ({ page, request, served }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const { broken, failedRun } = await seed(request, served);
  await page.goto(served.url);
  const favicon = page.waitForRequest((r) => r.url().endsWith('/favicon.ico'), { timeout: 1500 }).then(() => true, () => false);
  await page.reload();
  expect(await favicon).toBe(false);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

  const pages: [string, string][] = [
    ['since', '#/since'],
    ['jobs', '#/jobs'],
    ['job', `#/jobs/${broken.id}`],
    ['job-new', '#/jobs/new'],
    ['prompts', '#/prompts'],
    ['runs', '#/runs'],
    ['run', `#/runs/${failedRun.id}`],
    ['dashboard', '#/dashboard'],
    ['settings', '#/settings'],
    ['job-edit', `#/jobs/${broken.id}/edit`],
    ['alerts', '#/alerts'],
    ['audit', '#/audit'],
    ['notifications', '#/notifications'],
    ['files', '#/files'],
  ];
  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash] of pages) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await page.waitForTimeout(300);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        problems.push(`${name} (${scheme}): ${v.id} — ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`), fullPage: true });
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

test('the Jobs page renders 10,000 jobs quickly (measured in the browser)', async ({ page, request, served }) => {
  test.setTimeout(120_000);
  const first = await api<{ id: number }>(request, served, 'jobs.create', { name: 'job-00001', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' }, tags: ['bulk'] });
  // 9,999 copies straight into the database file (the server reads it like any other row).
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(served.dbPath);
  db.pragma('busy_timeout = 5000');
  const cols = (db.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
  const select = cols.map((c) => (c === 'name' ? "'job-' || printf('%05d', n + 1)" : c)).join(', ');
  db.prepare(`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 9999) INSERT INTO jobs (${cols.join(', ')}) SELECT ${select} FROM jobs, seq WHERE jobs.id = ?`).run(first.id);
  db.close();
  const t0 = Date.now();
  await api(request, served, 'jobs.list', { limit: 100_000 });
  const apiMs = Date.now() - t0;
  await page.goto(served.url);
  await nav(page, 'Settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  /** From the route change to the frame after the first rows are in the DOM. */
  const openJobs = () =>
    page.evaluate(async () => {
      const start = performance.now();
      window.location.hash = '#/jobs';
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (document.querySelectorAll('.jobs-table tbody tr[data-index]').length > 0) break;
      }
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    });
  const ms = await openJobs();
  await expect(page.getByText('10000 jobs')).toBeVisible();
  // Again with the list already loaded (the usual case: it is cached): the render on its own.
  await nav(page, 'Settings');
  const warm = await openJobs();
  reportFigure('Jobs page render, 10,000 jobs already loaded', warm, 300);
  reportFigure('Jobs page first render, 10,000 jobs (data fetch included)', ms, 300, `jobs.list of 10,000 alone took ${apiMs} ms from the test process`);
});
