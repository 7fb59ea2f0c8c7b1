import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, type Served } from '../fixtures/serve';

/** A contract call straight to the server, with the token, to set up data for a UI check. */
async function api<T>(request: APIRequestContext, served: Served, channel: string, input: unknown): Promise<T> {
  const res = await request.post(`${served.origin}/api/${channel}`, { data: input, headers: { authorization: `Bearer ${served.token}` } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

/** A plain webhook receiver on 127.0.0.1 that records each JSON body. */
async function receiver(): Promise<{ url: string; bodies: Record<string, unknown>[]; close(): Promise<void> }> {
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hook/s3cr3t`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function runAndWait(request: APIRequestContext, served: Served, jobId: number): Promise<string> {
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: jobId });
  for (let i = 0; i < 200; i++) {
    const r = await api<{ status: string; finishedAt: string | null }>(request, served, 'runs.get', { id: run.id });
    if (r.finishedAt) return r.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${run.id} did not finish`);
}

test('notification channels: add a webhook, Send test reaches it, bad settings are refused or reported', async ({ page, request, served }) => {
  const hook = await receiver();
  try {
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Add a channel' });

    // An invalid URL is refused with the field named; no channel appears.
    await form.getByLabel('Name', { exact: true }).fill('broken');
    await form.getByLabel('URL').fill('not a url');
    await form.getByRole('button', { name: 'Add channel' }).click();
    await expect(form.getByRole('alert')).toContainText('must be an http:// or https:// URL');
    await expect(page.getByRole('article')).toHaveCount(0);

    await form.getByLabel('Name', { exact: true }).fill('team hook');
    await form.getByLabel('URL').fill(hook.url);
    await form.getByRole('button', { name: 'Add channel' }).click();
    const card = page.getByRole('article', { name: 'Channel team hook' });
    await expect(card).toBeVisible();
    // The token in the URL path is masked.
    await expect(card).not.toContainText('s3cr3t');
    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(card.getByRole('status')).toContainText('Test sent through "team hook"');
    expect(hook.bodies.map((b) => b.event)).toEqual(['test']);

    // An SMTP server on a port where nothing listens: the test says so.
    await form.getByRole('combobox', { name: 'Type' }).selectOption('email');
    await form.getByLabel('Name', { exact: true }).fill('mail');
    await form.getByLabel('SMTP host').fill('127.0.0.1');
    await form.getByLabel('Port').fill('1');
    await form.getByRole('combobox', { name: 'Security' }).selectOption('none');
    await form.getByLabel('From').fill('pilot@example.com');
    await form.getByLabel('To', { exact: true }).fill('me@example.com');
    await form.getByRole('button', { name: 'Add channel' }).click();
    const mail = page.getByRole('article', { name: 'Channel mail' });
    await mail.getByRole('button', { name: 'Send test' }).click();
    await expect(mail.getByRole('alert')).toContainText('Connection to 127.0.0.1:1 was refused');
    await expect(page.getByRole('article')).toHaveCount(2);

    // The global alert rules: a bad value is refused with the contract's sentence, a good one saved.
    const rules = page.getByRole('form', { name: 'Alert rules' });
    const threshold = rules.getByLabel('Failures in a row before an alert');
    await expect(threshold).toHaveValue('3');
    await threshold.fill('0');
    await rules.getByRole('button', { name: 'Save alert rules' }).click();
    await expect(rules.getByRole('alert')).toContainText('must be 1-100');
    await threshold.fill('2');
    await rules.getByRole('button', { name: 'Save alert rules' }).click();
    await expect(rules.getByRole('status')).toContainText('Alert rules saved');
    expect((await api<{ alertFailureThreshold: number }>(request, served, 'settings.get', {})).alertFailureThreshold).toBe(2);
  } finally {
    await hook.close();
  }
});

test('alerts: three failures in a row show the indicator and the alert, which can be acknowledged and resolves on success', async ({ page, request, served }) => {
  const hook = await receiver();
  try {
    await api(request, served, 'channels.add', { type: 'webhook', name: 'ops', url: hook.url });
    const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'flaky', kind: 'shell', command: 'exit 1', schedule: { type: 'manual', timezone: 'UTC' } });
    for (let i = 0; i < 3; i++) expect(await runAndWait(request, served, job.id)).toBe('failed');

    await page.goto(served.url);
    const indicator = page.getByRole('status', { name: 'Open alerts' });
    await expect(indicator).toContainText('1 open alert');
    await indicator.getByRole('link', { name: 'See alerts' }).click();
    const card = page.getByRole('article', { name: '"flaky" failed 3 times in a row' });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Open');
    await expect(card).toContainText('ops · opened · sent');
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(card).toContainText('Acknowledged');
    await expect(card.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

    await api(request, served, 'jobs.update', { id: job.id, patch: { command: 'true' } });
    expect(await runAndWait(request, served, job.id)).toBe('succeeded');
    await expect(page.getByText('No open alerts')).toBeVisible();
    await expect(indicator).toHaveCount(0);
    await page.getByRole('button', { name: 'Resolved' }).click();
    await expect(page.getByRole('article', { name: '"flaky" failed 3 times in a row' })).toContainText(/Resolved.*succeeded/);
    expect(hook.bodies.map((b) => b.event)).toEqual(['alert.opened', 'alert.resolved']);
  } finally {
    await hook.close();
  }
});

test('audit log: every change is listed and filters by job and action', async ({ page, request, served }) => {
  const a = await api<{ id: number }>(request, served, 'jobs.create', { name: 'alpha', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
  await api(request, served, 'jobs.create', { name: 'beta', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
  await api(request, served, 'jobs.pause', { id: a.id });
  await api(request, served, 'settings.set', { alertFailureThreshold: 4 });

  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const rows = page.getByRole('table', { name: 'Audit entries' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('settings.set');
  await page.getByLabel('Job').selectOption({ label: 'alpha' });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('job.pause');
  await expect(rows.nth(1)).toContainText('job.create');
  await page.getByLabel('Job').selectOption({ label: 'All jobs' });
  await page.getByLabel('Action').fill('job.create');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Actor').selectOption('cli');
  await expect(page.getByText('No entries match')).toBeVisible();
});
