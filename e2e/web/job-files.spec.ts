import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, type Served } from '../fixtures/serve';

async function api<T>(request: APIRequestContext, served: Served, channel: string, input: unknown): Promise<T> {
  const res = await request.post(`${served.origin}/api/${channel}`, { data: input, headers: { authorization: `Bearer ${served.token}` } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

test('Import & export: export downloads YAML; a bad file shows file:line; a good file is checked, then imported', async ({ page, request, served }) => {
  await api(request, served, 'jobs.create', { name: 'nightly', kind: 'shell', command: 'echo hi', schedule: { type: 'cron', cron: '0 2 * * *', timezone: 'UTC' }, tags: ['night'] });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import & export' }).click();
  await expect(page.getByRole('heading', { name: 'Import & export', level: 1 })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const file = await download;
  const exported = fs.readFileSync((await file.path())!, 'utf8');
  expect(file.suggestedFilename()).toBe('jobs.yaml');
  expect(exported).toContain('name: nightly');
  expect(exported).toContain('expression: 0 2 * * *');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-e2e-files-'));
  try {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'jobs:\n  - name: x\n    command: ls\n    schedule: {type: cron, expression: "0 25 * * *"}\n');
    await page.getByLabel('YAML file').setInputFiles(bad);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByRole('alert')).toContainText('bad.yaml:4: jobs[0].schedule.expression');

    const good = path.join(dir, 'good.yaml');
    fs.writeFileSync(good, exported.replace('name: nightly', 'name: morning'));
    await page.getByLabel('YAML file').setInputFiles(good);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByText('Checked good.yaml: nothing is written until you import.')).toBeVisible();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText('Imported good.yaml.')).toBeVisible();
    const jobs = await api<{ items: { name: string }[] }>(request, served, 'jobs.list', {});
    expect(jobs.items.map((j) => j.name).sort()).toEqual(['morning', 'nightly']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
