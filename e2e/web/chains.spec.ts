import type { APIRequestContext } from '@playwright/test';
import { api } from '../fixtures/api';
import { expect, test, type Served } from '../fixtures/serve';

interface Job {
  id: number;
}
interface Run {
  id: number;
  jobId: number;
  status: string;
  trigger: string;
  finishedAt: string | null;
  upstreamRunIds: number[];
}

async function runsOf(request: APIRequestContext, served: Served): Promise<Run[]> {
  return (await api<{ items: Run[] }>(request, served, 'runs.list', { limit: 100 })).items;
}

/**
 * Issue 15's night in the browser: the summary step is made in the editor ("Runs after"), the
 * rest through the API; then the runs list shows the chain with its triggers and skips, and a run's
 * page links its upstream and downstream runs.
 */
test('a chain of jobs: picked in the editor, run by the engine, shown in the runs list and on run pages', async ({ page, request, served }) => {
  const shell = (name: string, command: string, after: { jobId: number; condition: string }[] = []) =>
    api<Job>(request, served, 'jobs.create', { name, kind: 'shell', command, schedule: { type: 'manual' }, ...(after.length ? { after } : {}) });
  const tests = await shell('tests', "echo 'FAIL parse.test.ts'; exit 1");
  const fix = await api<Job>(request, served, 'jobs.create', {
    name: 'fix',
    kind: 'claude',
    prompt: 'Fix this: {{upstream.output}}',
    schedule: { type: 'manual' },
    after: [{ jobId: tests.id, condition: 'failure' }],
  });
  const pr = await shell('open PR', 'echo "PR for $CNP_UPSTREAM_RUN_ID"', [{ jobId: fix.id, condition: 'failure' }]);

  await page.goto(served.url);
  await page.goto(`${served.origin}/#/jobs/new`);
  await page.getByLabel('Name', { exact: true }).fill('summary');
  await page.getByLabel('Kind', { exact: true }).selectOption('shell');
  await page.getByLabel('Command', { exact: true }).fill('echo "summary: $CNP_UPSTREAM_STATUS"');
  await page.getByLabel('Schedule type').selectOption('manual');
  const section = page.getByTestId('upstreams-section');
  await section.getByRole('button', { name: 'Add upstream job' }).click();
  await section.getByLabel('After job').selectOption(String(pr.id));
  await section.getByLabel('Condition').selectOption('always');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/jobs$/);
  const summary = (await api<{ items: (Job & { name: string; after: { jobId: number; condition: string }[] })[] }>(request, served, 'jobs.list', {})).items.find((j) => j.name === 'summary')!;
  expect(summary.after).toEqual([{ jobId: pr.id, jobName: 'open PR', condition: 'always' }]);

  // tests fails → fix (fake Claude) succeeds → open PR (needs fix to fail) is skipped → summary runs.
  await api(request, served, 'jobs.runNow', { id: tests.id });
  await expect.poll(async () => (await runsOf(request, served)).filter((r) => r.finishedAt).length, { timeout: 45_000 }).toBe(4);
  const runs = (await runsOf(request, served)).slice().reverse();
  expect(runs.map((r) => [r.jobId, r.trigger, r.status])).toEqual([
    [tests.id, 'manual', 'failed'],
    [fix.id, 'chain', 'succeeded'],
    [pr.id, 'chain', 'skipped'],
    [summary.id, 'chain', 'succeeded'],
  ]);
  const [, fixRun, prRun, summaryRun] = runs as [Run, Run, Run, Run];

  await page.goto(`${served.origin}/#/runs`);
  const prRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: `#${prRun.id}`, exact: true }) }).first();
  await expect(prRow).toContainText('open PR');
  await expect(prRow).toContainText(/skipped/i);
  await expect(prRow).toContainText('Chain');
  await expect(prRow.getByRole('link', { name: `after run ${fixRun.id}` })).toBeVisible();
  const summaryRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: `#${summaryRun.id}`, exact: true }) }).first();
  await expect(summaryRow).toContainText('Chain');

  // The skipped run's page: why, and where it came from and led to.
  await page.goto(`${served.origin}/#/runs/${prRun.id}`);
  await expect(page.getByText(`Skipped: needs #${fix.id} "fix" to fail, but its run #${fixRun.id} succeeded`)).toBeVisible();
  await expect(page.getByTestId('run-upstreams').getByRole('link', { name: `#${fixRun.id}` })).toHaveAttribute('href', `#/runs/${fixRun.id}`);
  await expect(page.getByTestId('run-downstreams').getByRole('link', { name: `#${summaryRun.id}` })).toBeVisible();

  // The job page shows the chain.
  await page.goto(`${served.origin}/#/jobs/${pr.id}`);
  const chain = page.getByTestId('job-chain');
  await expect(chain.getByRole('link', { name: `#${fix.id} fix` })).toBeVisible();
  await expect(chain.getByRole('link', { name: `#${summary.id} summary` })).toBeVisible();
});
