import type { Page } from '@playwright/test';
import { api } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';
import { screenshot } from '../fixtures/screenshots';

/**
 * Two short ways to a schedule: "Schedule this" on a library prompt opens the job editor with that
 * prompt already in it, and a template for a common nightly job is a schedule in three steps
 * (New job, the template, Save). Either way the job is on the Jobs page and in the database.
 */

interface SavedJob {
  id: number;
  name: string;
  kind: string;
  promptId: number | null;
  prompt: string | null;
  tags: string[];
  schedule: { type: string; cron?: string };
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
const jobs = async (request: Parameters<typeof api>[0], served: Parameters<typeof api>[1]) => (await api<{ items: SavedJob[] }>(request, served, 'jobs.list', {})).items;

test('Schedule this on a prompt opens the job editor prefilled with that prompt; saving creates the job', async ({ page, request, served }) => {
  const prompt = await api<{ id: number }>(request, served, 'prompts.create', { title: 'Review PRs', body: 'Review the open pull requests and list what blocks merging.', tags: ['review'] });
  await page.goto(served.url);
  await nav(page, 'Prompts');
  await page.getByRole('list', { name: 'Prompt library' }).getByRole('button', { name: /^Review PRs/ }).click();
  const editor = page.getByRole('form', { name: 'Edit Review PRs' });
  await expect(editor).toContainText('Used by 0 jobs');
  await editor.getByRole('link', { name: 'Schedule this' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'New job' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New job' });
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Review PRs');
  await expect(form.getByLabel('Kind', { exact: true })).toHaveValue('claude');
  await expect(form.getByLabel('From library', { exact: true })).toHaveValue(String(prompt.id));
  await expect(form.getByLabel('Prompt', { exact: true })).toHaveValue('Review the open pull requests and list what blocks merging.');
  await expect(form.getByLabel('Schedule type', { exact: true })).toHaveValue('cron');
  await expect(form.getByLabel('Cron expression', { exact: true })).toHaveValue('0 2 * * *');
  await expect(form.getByLabel('Tags', { exact: true })).toHaveValue('review');
  await screenshot(page, 'job-new-from-prompt');

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Review PRs' })).toBeVisible();
  const [saved] = await jobs(request, served);
  expect(saved).toMatchObject({ name: 'Review PRs', kind: 'claude', promptId: prompt.id, tags: ['review'], schedule: { type: 'cron', cron: '0 2 * * *' } });

  // The library now counts the job that uses the prompt.
  await nav(page, 'Prompts');
  await page.getByRole('list', { name: 'Prompt library' }).getByRole('button', { name: /^Review PRs/ }).click();
  await expect(page.getByRole('form', { name: 'Edit Review PRs' })).toContainText('Used by 1 job');
});

test('a template makes a nightly schedule in three steps: New job, the template, Save', async ({ page, request, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();

  // 1.
  await page.getByRole('button', { name: 'New job' }).first().click();
  // 2.
  await page.getByRole('navigation', { name: 'Templates' }).getByRole('link', { name: 'Nightly code review' }).click();
  const form = page.getByRole('form', { name: 'New job' });
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('nightly-review');
  await expect(form.getByLabel('Cron expression', { exact: true })).toHaveValue('0 2 * * *');
  await expect(page.getByRole('navigation', { name: 'Templates' })).toHaveCount(0);
  // 3.
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'nightly-review' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('switch', { name: 'Enabled: nightly-review' })).toHaveAttribute('aria-checked', 'true');
  const [saved] = await jobs(request, served);
  expect(saved).toMatchObject({ name: 'nightly-review', kind: 'claude', tags: ['nightly', 'review'], schedule: { type: 'cron', cron: '0 2 * * *' } });
  expect(saved?.prompt).toMatch(/^Review the commits of the last 24 hours/);
});
