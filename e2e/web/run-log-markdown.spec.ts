import { api, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';
import { screenshot } from '../fixtures/screenshots';

/**
 * Claude's answer in the run log is Markdown: a GFM table in the final answer becomes a real table
 * (header cells and data cells a screen reader can walk), and "Copy log" puts the log's text, the
 * table's Markdown source included, on the clipboard.
 */

const ANSWER = [
  'Two upgrades are due:',
  '',
  '| Package | From | To |',
  '| --- | --- | --- |',
  '| react | 18.2.0 | 19.1.0 |',
  '| vite | 5.4.0 | 7.0.0 |',
  '',
  'Nothing else is **outdated**.',
].join('\n');

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a Markdown table in Claude’s answer renders as a table in the log, and Copy log copies the log', async ({ page, request, served }) => {
  // The fake CLI answers with FAKE_CLAUDE_TEXT; a job's environment reaches the CLI it starts.
  const job = await api<{ id: number }>(request, served, 'jobs.create', {
    name: 'dependency-audit',
    kind: 'claude',
    prompt: 'Check the dependencies and answer with a table.',
    schedule: { type: 'manual', timezone: 'UTC' },
    options: { env: { FAKE_CLAUDE_TEXT: ANSWER } },
  });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  expect((await waitForRun(request, served, run.id)).status).toBe('succeeded');

  await page.goto(served.url);
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run.id);
  const log = page.getByRole('region', { name: 'Live log' });
  const table = log.getByRole('table');
  await expect(table).toHaveCount(1);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('columnheader')).toHaveText(['Package', 'From', 'To']);
  await expect(table.getByRole('row').filter({ hasText: 'react' }).getByRole('cell')).toHaveText(['react', '18.2.0', '19.1.0']);
  await expect(table.getByRole('row').filter({ hasText: 'vite' }).getByRole('cell')).toHaveText(['vite', '5.4.0', '7.0.0']);
  // The rest of the answer is Markdown too, and no pipe of the source is left on screen.
  await expect(log.getByText('outdated', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
  await expect(log.getByText('| react |')).toHaveCount(0);
  await screenshot(page, 'run-markdown-table');

  await log.getByRole('button', { name: 'Copy log' }).click();
  await expect(log.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('| react | 18.2.0 | 19.1.0 |');
  expect(copied).toContain('Two upgrades are due:');
  // The whole log, not only the answer: the run's start is in it too.
  expect(copied.split('\n').length).toBeGreaterThan(ANSWER.split('\n').length);
  await expect(log.getByRole('button', { name: 'Copy log' })).toBeVisible();
});
