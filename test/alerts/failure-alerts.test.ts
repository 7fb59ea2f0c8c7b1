import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';
import { startSmtp, startWebhookReceiver } from './receivers';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  tmp?.cleanup();
});

const cli = (...args: string[]) => runCli(['--db', tmp.db, '--json', ...args]);

describe('alerts for a job failing N times in a row, delivered by email and webhook', { timeout: 120_000 }, () => {
  it('emails the "3 failures in a row" alert exactly once, and the webhook gets the alert and its resolution', async () => {
    tmp = tempDir();
    const smtp = await startSmtp({ user: 'night', pass: 's3cret-pass' });
    cleanups.push(() => smtp.close());
    const hook = await startWebhookReceiver();
    cleanups.push(() => hook.close());

    const email = await cli(
      'notify', 'channel', 'add', '--type', 'email', '--name', 'mail', '--host', '127.0.0.1', '--port', String(smtp.port), '--security', 'none',
      '--user', 'night', '--password', 's3cret-pass', '--from', 'pilot@example.com', '--to', 'me@example.com',
    );
    expect(email.exitCode, email.stderr).toBe(0);
    // The password is stored but never shown.
    expect(email.stdout).not.toContain('s3cret-pass');
    const webhook = await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'hook', '--url', hook.url);
    expect(webhook.exitCode, webhook.stderr).toBe(0);
    expect(webhook.stdout).not.toContain('secret-token-123');

    const job = await cli('job', 'create', '--name', 'flaky', '--command', 'echo boom >&2; exit 1', '--manual');
    expect(job.exitCode, job.stderr).toBe(0);
    const jobId = String((job.json as { id: number }).id);

    // Two failures: no alert yet.
    for (let i = 0; i < 2; i++) expect((await cli('job', 'run', jobId, '--wait')).exitCode).toBe(1);
    expect(((await cli('alerts', 'list', '--open')).json as { total: number }).total).toBe(0);
    expect(smtp.mails).toHaveLength(0);

    // The third opens the alert; the CLI that saw it delivers it (no engine runs here).
    expect((await cli('job', 'run', jobId, '--wait')).exitCode).toBe(1);
    await waitFor(() => smtp.mails.length >= 1 && hook.hooks.length >= 1, 10_000);
    // A fourth failure while it is open neither opens a second alert nor sends again.
    expect((await cli('job', 'run', jobId, '--wait')).exitCode).toBe(1);

    const open = (await cli('alerts', 'list', '--open')).json as { total: number; items: { kind: string; runIds: number[]; cause: string; deliveries: { channelName: string; event: string; status: string }[] }[] };
    expect(open.total).toBe(1);
    const alert = open.items[0]!;
    expect(alert.kind).toBe('consecutive_failures');
    expect(alert.runIds).toHaveLength(3);
    expect(alert.deliveries.map((d) => `${d.channelName}:${d.event}:${d.status}`).sort()).toEqual(['hook:opened:sent', 'mail:opened:sent']);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.subject).toContain('failed 3 times in a row');
    expect(mail.to).toEqual(['me@example.com']);
    expect(mail.user).toBe('night');
    expect(hook.hooks).toHaveLength(1);
    expect(hook.hooks[0]!.body).toMatchObject({ event: 'alert.opened', alert: { kind: 'consecutive_failures', jobId: Number(jobId) } });

    // A success clears the condition: the alert resolves, and both channels hear so once.
    expect((await cli('job', 'update', jobId, '--command', 'true')).exitCode).toBe(0);
    expect((await cli('job', 'run', jobId, '--wait')).exitCode).toBe(0);
    await waitFor(() => hook.hooks.length >= 2 && smtp.mails.length >= 2, 10_000);
    expect(hook.hooks[1]!.body).toMatchObject({ event: 'alert.resolved', alert: { kind: 'consecutive_failures' } });
    expect(smtp.mails.filter((m) => m.subject.includes('Alert:'))).toHaveLength(1);
    expect(smtp.mails[1]!.subject).toContain('Resolved:');
    const after = (await cli('alerts', 'list')).json as { items: { resolvedAt: string | null; resolution: string }[] };
    expect(after.items[0]!.resolvedAt).not.toBeNull();
    expect(after.items[0]!.resolution).toMatch(/succeeded/);
  });

  it('honours a per-job threshold and the job’s choice of channels', async () => {
    tmp = tempDir();
    const a = await startWebhookReceiver();
    const b = await startWebhookReceiver();
    cleanups.push(() => a.close(), () => b.close());
    const chA = (await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'a', '--url', a.url)).json as { id: number };
    await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'b', '--url', b.url, '--format', 'slack');
    const job = (await cli('job', 'create', '--name', 'twice', '--command', 'exit 3', '--manual', '--alert-after', '2', '--notify-channel', String(chA.id))).json as {
      id: number;
      notify: Record<string, unknown>;
    };
    expect(job.notify).toMatchObject({ failureThreshold: 2, channels: [chA.id] });
    for (let i = 0; i < 2; i++) expect((await cli('job', 'run', String(job.id), '--wait')).exitCode).toBe(1);
    // Channel a also gets the job's own failure notices (run.failed); the alert opens once among them.
    await waitFor(() => a.hooks.some((h) => h.body.event === 'alert.opened'), 10_000);
    const opened = a.hooks.filter((h) => h.body.event === 'alert.opened');
    expect(opened).toHaveLength(1);
    expect(String(opened[0]!.body.subject)).toContain('failed 2 times in a row');
    expect(a.hooks.filter((h) => h.body.event === 'run.failed')).toHaveLength(2);
    expect(b.hooks).toHaveLength(0);
  });

  it('words a threshold of one as a failure, not "1 times in a row"', async () => {
    tmp = tempDir();
    const job = (await cli('job', 'create', '--name', 'once', '--command', 'echo broke >&2; exit 4', '--manual', '--alert-after', '1')).json as { id: number };
    expect((await cli('job', 'run', String(job.id), '--wait')).exitCode).toBe(1);
    const open = (await cli('alerts', 'list', '--open')).json as { items: { title: string; cause: string; runIds: number[] }[] };
    expect(open.items).toHaveLength(1);
    expect(open.items[0]!.title).toBe('"once" failed');
    expect(open.items[0]!.cause).toMatch(new RegExp(`^Run #${open.items[0]!.runIds[0]} failed: `));
  });

  it('records a delivery that could not be made, with the reason, and still opens the alert', async () => {
    tmp = tempDir();
    // A receiver that is closed again at once: its port on 127.0.0.1 now refuses connections.
    const gone = await startWebhookReceiver();
    await gone.close();
    const ch = (await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'gone', '--url', gone.url)).json as { id: number };
    const job = (await cli('job', 'create', '--name', 'doomed', '--command', 'exit 1', '--manual', '--alert-after', '1', '--notify-channel', String(ch.id))).json as { id: number };
    expect((await cli('job', 'run', String(job.id), '--wait')).exitCode).toBe(1);
    // The CLI that saw the alert delivers it before it exits; give a slow machine a moment anyway.
    for (let i = 0; i < 40; i++) {
      const r = (await cli('alerts', 'list', '--open')).json as { items: { deliveries: { status: string }[] }[] };
      if (r.items[0]?.deliveries.some((d) => d.status !== 'pending')) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const open = (await cli('alerts', 'list', '--open')).json as { items: { kind: string; deliveries: { channelName: string; status: string; error: string | null }[] }[] };
    expect(open.items[0]!.kind).toBe('consecutive_failures');
    const d = open.items[0]!.deliveries.find((x) => x.channelName === 'gone')!;
    expect(d.status).toBe('failed');
    expect(d.error).toMatch(/ECONNREFUSED|refused|connect/i);
  });

  it('an inline `job run --wait` (no engine) delivers the run to the channels the job picked, Slack format included', async () => {
    tmp = tempDir();
    const plain = await startWebhookReceiver();
    const slack = await startWebhookReceiver();
    cleanups.push(() => plain.close(), () => slack.close());
    const chPlain = (await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'plain', '--url', plain.url)).json as { id: number };
    const chSlack = (await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'slack', '--url', slack.url, '--format', 'slack')).json as { id: number };
    const job = (await cli('job', 'create', '--name', 'nightly-report', '--command', 'echo done', '--manual', '--notify-on', 'success,failure', '--notify-channel', String(chPlain.id), '--notify-channel', String(chSlack.id))).json as { id: number };
    const run = await cli('job', 'run', String(job.id), '--wait');
    expect(run.exitCode, run.stderr).toBe(0);
    // The command returns only once the deliveries were made: nothing is left to a process that has exited.
    expect(plain.hooks).toHaveLength(1);
    expect(plain.hooks[0]!.body).toMatchObject({ event: 'run.succeeded' });
    expect(String(plain.hooks[0]!.body.subject)).toContain('nightly-report');
    expect(slack.hooks).toHaveLength(1);
    expect(Object.keys(slack.hooks[0]!.body)).toEqual(['text']);
    expect(String(slack.hooks[0]!.body.text)).toContain('nightly-report');
  });

  it('sets a job’s notification rules from flags and refuses unknown channels or events', async () => {
    tmp = tempDir();
    await cli('notify', 'channel', 'add', '--type', 'os', '--name', 'desk');
    const created = await cli('job', 'create', '--name', 'j', '--command', 'true', '--manual', '--notify-on', 'success,failure', '--alerts', 'off', '--notify-channel', '1');
    expect(created.exitCode, created.stderr).toBe(0);
    expect((created.json as { notify: unknown }).notify).toEqual({ onSuccess: true, onFailure: true, onAlert: false, channels: [1] });
    const updated = await cli('job', 'update', '1', '--all-channels', '--alerts', 'on', '--notify-on', 'none');
    expect((updated.json as { notify: unknown }).notify).toEqual({ onSuccess: false, onFailure: false, onAlert: true });

    const unknown = await cli('job', 'update', '1', '--notify-channel', '9');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/Channel 9 does not exist/);
    const events = await cli('job', 'update', '1', '--notify-on', 'sometimes');
    expect(events.exitCode).toBe(2);
    expect(events.stderr).toMatch(/--notify-on: "sometimes" is not a list of events/);

    // Removing a channel takes it off the jobs that named it.
    await cli('job', 'update', '1', '--notify-channel', '1');
    expect((await cli('notify', 'channel', 'rm', '1')).exitCode).toBe(0);
    expect(((await cli('job', 'show', '1')).json as { notify: { channels?: number[] } }).notify.channels).toBeUndefined();
  });
});
