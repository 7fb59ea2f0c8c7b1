import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';
import { closedPort, startWebhookReceiver } from './receivers';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  tmp?.cleanup();
});
const cli = (...args: string[]) => runCli(['--db', tmp.db, '--json', ...args]);
const email = (name: string, host: string, port: string) =>
  cli('notify', 'channel', 'add', '--type', 'email', '--name', name, '--host', host, '--port', port, '--security', 'none', '--from', 'a@example.com', '--to', 'b@example.com');

describe('notification channel settings', { timeout: 120_000 }, () => {
  it('refuses invalid settings with a specific message and changes nothing', async () => {
    tmp = tempDir();
    expect((await cli('notify', 'channel', 'add', '--type', 'os', '--name', 'desk')).exitCode).toBe(0);
    const before = snapshot(tmp.db);
    const cases: [string[], RegExp][] = [
      [['--type', 'webhook', '--name', 'w', '--url', 'not a url'], /url: must be an http:\/\/ or https:\/\/ URL/],
      [['--type', 'webhook', '--name', 'w', '--url', 'ftp://example.com/x'], /url: must be an http:\/\/ or https:\/\/ URL/],
      [['--type', 'webhook', '--name', 'w'], /a webhook channel needs --url/],
      [['--type', 'email', '--name', 'e', '--host', 'smtp.example.com', '--port', '70000', '--from', 'a@example.com', '--to', 'b@example.com'], /port: must be a port number, 1-65535/],
      [['--type', 'email', '--name', 'e', '--host', 'smtp.example.com', '--from', 'nobody', '--to', 'b@example.com'], /from: must be an email address/],
      [['--type', 'email', '--name', 'e', '--host', 'smtp.example.com', '--from', 'a@example.com'], /needs at least one recipient/],
      [['--type', 'email', '--name', 'e', '--host', 'bad host!', '--from', 'a@example.com', '--to', 'b@example.com'], /host: must be a host name or IP address/],
      [['--type', 'webhook', '--name', 'desk', '--url', 'http://127.0.0.1:1/x'], /A channel named "desk" exists already/],
      [['--type', 'webhook', '--name', 'w', '--url', 'http://127.0.0.1:1/x', '--host', 'smtp.example.com'], /host does not apply to a webhook channel/],
    ];
    for (const [args, message] of cases) {
      const res = await cli('notify', 'channel', 'add', ...args);
      expect(res.exitCode, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toMatch(message);
    }
    expect(snapshot(tmp.db)?.equals(before!)).toBe(true);
    expect(((await cli('notify', 'channel', 'list')).json as unknown[]).length).toBe(1);
  });

  it('reports an unreachable SMTP host, a wrong port and a failing webhook on the test action, changing nothing', async () => {
    tmp = tempDir();
    const port = await closedPort();
    const hook = await startWebhookReceiver();
    cleanups.push(() => hook.close());
    hook.status.code = 404;
    expect((await email('nowhere', 'smtp.nowhere.invalid', '25')).exitCode).toBe(0);
    expect((await email('wrong-port', '127.0.0.1', String(port))).exitCode).toBe(0);
    expect((await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'w404', '--url', hook.url)).exitCode).toBe(0);
    expect((await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'wdead', '--url', `http://127.0.0.1:${port}/x?token=abcd1234`)).exitCode).toBe(0);
    const listed = (await cli('notify', 'channel', 'list')).stdout;

    const expectations: [string, RegExp][] = [
      ['1', /The SMTP host "smtp.nowhere.invalid" cannot be found: check the host name/],
      ['2', new RegExp(`Connection to 127.0.0.1:${port} was refused: nothing listens there; check the host and the port`)],
      ['3', /The webhook at 127.0.0.1:\d+ answered HTTP 404/],
      ['4', new RegExp(`Connection to 127.0.0.1:${port} was refused`)],
    ];
    for (const [id, message] of expectations) {
      const res = await cli('notify', 'channel', 'test', id);
      expect(res.exitCode, id).toBe(1);
      expect(res.stderr, id).toMatch(message);
      expect(res.stderr).not.toContain('abcd1234');
    }
    expect((await cli('notify', 'channel', 'list')).stdout).toBe(listed);
    expect(((await cli('alerts', 'list')).json as { total: number }).total).toBe(0);
    expect(hook.hooks).toHaveLength(1);
    expect(hook.hooks[0]!.body).toMatchObject({ event: 'test' });
  });

  it('masks secrets when listing and keeps them on update unless replaced', async () => {
    tmp = tempDir();
    await cli('notify', 'channel', 'add', '--type', 'email', '--name', 'm', '--host', 'smtp.example.com', '--user', 'u', '--password', 'hunter2-pw', '--from', 'a@example.com', '--to', 'b@example.com');
    await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'slack', '--format', 'slack', '--url', 'https://hooks.slack.com/services/T000/B000/XXXXSECRET', '--header', 'X-Key: k3y-value');
    const list = await runCli(['--db', tmp.db, 'notify', 'channel', 'list']);
    const json = await cli('notify', 'channel', 'list');
    for (const out of [list.stdout, json.stdout]) {
      expect(out).not.toMatch(/hunter2-pw|XXXXSECRET|k3y-value/);
    }
    expect(json.json).toMatchObject([
      { type: 'email', config: { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'u', password: '••••' } },
      { type: 'webhook', config: { url: 'https://hooks.slack.com/••••', format: 'slack', headers: { 'X-Key': '••••' } } },
    ]);
    expect((await cli('notify', 'channel', 'update', '1', '--port', '2525')).exitCode).toBe(0);
    const { openStore } = await import('../../src-main/core/db/store');
    const store = openStore(tmp.db);
    expect(store.channels.get(1)!.config).toMatchObject({ port: 2525, password: 'hunter2-pw', username: 'u' });
    store.close();
  });
});
