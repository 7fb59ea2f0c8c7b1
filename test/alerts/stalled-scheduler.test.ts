import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/db/store';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';
import { startWebhookReceiver } from './receivers';
import { startServe, type ServeProcess } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

let dir: string;
const serves: ServeProcess[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of serves.splice(0)) {
    s.child.kill('SIGKILL');
    await s.child;
  }
  for (const c of closers.splice(0)) await c();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface AlertPage {
  items: { id: number; kind: string; cause: string; resolvedAt: string | null; resolution: string | null }[];
}

describe('the stalled-scheduler alert', { timeout: 120_000 }, () => {
  it('opens when the engine is killed while jobs are due, and resolves when an engine is back', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-stall-'));
    const db = path.join(dir, 's.db');
    const hook = await startWebhookReceiver();
    closers.push(() => hook.close());
    const cli = (...args: string[]) => runCli(['--db', db, '--json', ...args]);
    expect((await cli('notify', 'channel', 'add', '--type', 'webhook', '--name', 'ops', '--url', hook.url)).exitCode).toBe(0);
    expect((await cli('job', 'create', '--name', 'tick', '--command', 'true', '--every', '1s')).exitCode).toBe(0);
    const store = openStore(db);
    store.settings.setMany({ stallThresholdSeconds: 5 });
    store.close();

    const first = await startServe(db);
    serves.push(first);
    const runs = () => {
      const s = openStore(db);
      try {
        return (s.db.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'succeeded'").get() as { n: number }).n;
      } finally {
        s.close();
      }
    };
    await waitFor(() => runs() >= 2, 20_000, 200);
    first.child.kill('SIGKILL');
    await first.child;

    // Any CLI command notices it once the job is overdue past the threshold, and delivers the alert.
    let opened = hook.hooks.find((x) => x.body.event === 'alert.opened');
    for (const until = Date.now() + 40_000; !opened && Date.now() < until; ) {
      await cli('job', 'list');
      opened = hook.hooks.find((x) => x.body.event === 'alert.opened');
      if (!opened) await new Promise((r) => setTimeout(r, 1000));
    }
    if (!opened) throw new Error('no stalled-scheduler alert was delivered');
    expect(opened.body).toMatchObject({ event: 'alert.opened', alert: { kind: 'scheduler_stalled' } });
    const open = (await cli('alerts', 'list', '--open')).json as AlertPage;
    expect(open.items.map((a) => a.kind)).toEqual(['scheduler_stalled']);
    expect(open.items[0]!.cause).toMatch(/overdue/);

    // A new engine takes over, fires what is due, and its own check resolves the alert.
    const second = await startServe(db);
    serves.push(second);
    const deadline = Date.now() + 40_000;
    while (!hook.hooks.some((h) => h.body.event === 'alert.resolved') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(hook.hooks.map((h) => `${h.body.event}`)).toEqual(['alert.opened', 'alert.resolved']);
    const all = (await cli('alerts', 'list')).json as AlertPage;
    expect(all.items).toHaveLength(1);
    expect(all.items[0]!.resolvedAt).not.toBeNull();
    expect(all.items[0]!.resolution).toMatch(/scheduling again/);
  });
});
