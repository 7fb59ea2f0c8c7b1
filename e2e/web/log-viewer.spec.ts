import { api, percentile, reportFigure, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';

/**
 * The log viewer on real runs: a 100,000-line run keeps its tail with a visible marker, search steps
 * through highlighted matches, timestamps show on demand, and scrolling 100,000 lines stays within
 * a frame. Figures are measured in the browser and printed.
 */
test('a 100,000-line run shows its last line and the marker of what was not kept', async ({ page, request, served }) => {
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'count', kind: 'shell', command: 'seq 1 100000', schedule: { type: 'manual', timezone: 'UTC' } });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  await waitForRun(request, served, run.id);
  await page.goto(served.url);
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);
  const log = page.getByRole('region', { name: 'Live log' });
  // Follow is on: the view ends at the run's last line.
  await expect(log.getByText('100000', { exact: true })).toBeVisible({ timeout: 30_000 });
  await log.getByRole('checkbox', { name: 'Follow' }).uncheck();
  await log.getByRole('searchbox', { name: 'Search log' }).fill('dropped here');
  await expect(log.getByRole('note').filter({ hasText: 'dropped here' })).toContainText(/^✂ Not kept: 50,000 lines \(.*\) dropped here/);
  await expect(log.getByText('Match 1 of 1')).toBeVisible();
});

test('search highlights matches with next and previous; timestamps on demand; scrolling 100,000 lines stays within a frame', async ({ page, request, served }) => {
  test.setTimeout(120_000);
  await api(request, served, 'settings.set', { maxEventsPerRun: 300_000 });
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'count-all', kind: 'shell', command: 'seq 1 100000', schedule: { type: 'manual', timezone: 'UTC' } });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  const done = await waitForRun(request, served, run.id);
  expect(done.eventCount).toBeGreaterThanOrEqual(100_000);
  await page.goto(served.url);
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);
  const log = page.getByRole('region', { name: 'Live log' });
  await expect(log.getByText('100000', { exact: true })).toBeVisible({ timeout: 30_000 });

  await log.getByRole('searchbox', { name: 'Search log' }).fill('9999');
  // 9999, 19999, 29999, … 99990–99999: 19 lines contain "9999".
  await expect(log.getByText('Match 1 of 19')).toBeVisible();
  await expect(log.locator('.log-row-current mark')).toHaveText('9999');
  await log.getByRole('button', { name: 'Next match' }).click();
  await expect(log.getByText('Match 2 of 19')).toBeVisible();
  await expect(log.locator('.log-row-current')).toContainText('19999');
  await log.getByRole('button', { name: 'Previous match' }).click();
  await log.getByRole('button', { name: 'Previous match' }).click();
  await expect(log.getByText('Match 19 of 19')).toBeVisible();
  await log.getByRole('searchbox', { name: 'Search log' }).fill('');

  await log.getByRole('checkbox', { name: 'Timestamps' }).check();
  await expect(log.locator('.log-ts').first()).toHaveText(/^\w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /);
  await log.getByRole('checkbox', { name: 'Timestamps' }).uncheck();

  // Frame work per scroll step: from the scroll event (a capturing listener runs before the
  // virtualiser's) to the first task after that frame's rendering. 240 frames of a fast fling
  // (600 px a frame, a screenful of new rows each time) from the middle of the log.
  const frames = await page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>('[role="log"]')!;
    el.scrollTop = Math.floor(el.scrollHeight / 2);
    await new Promise((r) => setTimeout(r, 200));
    const times: number[] = [];
    const handler: number[] = [];
    const channel = new MessageChannel();
    let started = 0;
    channel.port1.onmessage = () => {
      if (started) times.push(performance.now() - started);
      started = 0;
    };
    el.addEventListener(
      'scroll',
      () => {
        started = performance.now();
        requestAnimationFrame(() => setTimeout(() => channel.port2.postMessage(0), 0));
      },
      { capture: true },
    );
    el.addEventListener('scroll', () => handler.push(performance.now() - started));
    const step = 600;
    for (let i = 0; i < 240; i++) {
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          el.scrollTop += step;
          resolve();
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 300));
    (window as unknown as { handlerTimes: number[] }).handlerTimes = handler;
    return times;
  });
  const handler = await page.evaluate(() => (window as unknown as { handlerTimes: number[] }).handlerTimes);
  console.log(`[perf] scroll handlers (React render included) p50 ${percentile(handler, 50).toFixed(1)} ms, p95 ${percentile(handler, 95).toFixed(1)} ms`);
  expect(frames.length).toBeGreaterThan(100);
  const p50 = percentile(frames, 50);
  const p95 = percentile(frames, 95);
  reportFigure('log scroll frame work p95, 100,000 lines', p95, 16.7, `${frames.length} frames, p50 ${p50.toFixed(1)} ms`);
});
