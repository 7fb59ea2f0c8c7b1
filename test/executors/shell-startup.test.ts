import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { call, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

/**
 * `bash -c` whose stdin is a socket (what Node's 'pipe' is) sources ~/.bashrc when SHLVL is unset,
 * as for an app started from a desktop launcher. A shell job must not get one: it would run the
 * user's whole .bashrc first and print what it prints.
 */
let t: TempStore | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
  t = null;
});

const BASH = '/bin/bash';

describe.skipIf(process.platform === 'win32' || !fs.existsSync(BASH))("what a shell job's bash reads before its command", () => {
  it('runs the command without sourcing ~/.bashrc, with SHLVL unset as a desktop launcher leaves it', async () => {
    t = tempStore();
    const home = path.join(t.dir, 'home');
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, '.bashrc'), 'echo FROM-BASHRC\n');
    const env: NodeJS.ProcessEnv = { ...process.env, CNP_LOGIN_PATH: '0', HOME: home, SHELL: BASH };
    delete env.SHLVL;
    engine = new Engine({ store: t.store, version: 'test', env });
    await engine.start();
    const api = engine.api('ui');
    const job = await call(api, 'jobs.create', { name: 'level', kind: 'shell', command: 'echo "level $SHLVL"', schedule: { type: 'manual', timezone: 'UTC' } });
    const started = await call(api, 'jobs.runNow', { id: job.id });
    const run = await waitFor(() => {
      const v = t!.store.runs.view(started.id);
      return v?.finishedAt ? v : null;
    }, 20_000);
    expect(run.status).toBe('succeeded');
    expect(t.store.events.list(run.id, 0, 100).map((e) => e.payload)).toEqual([{ text: 'level 1' }]);
  });
});
