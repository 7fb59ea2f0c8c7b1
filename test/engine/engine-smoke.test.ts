import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { call, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
});

describe('engine with the shell executor', () => {
  it('runs a queued shell run and records its output and exit code', async () => {
    t = tempStore();
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    const job = await call(api, 'jobs.create', { name: 'echo', kind: 'shell', command: 'echo hello; echo oops >&2; exit 3', schedule: { type: 'manual', timezone: 'UTC' } });
    const run = await call(api, 'jobs.runNow', { id: job.id });
    const done = await waitFor(() => {
      const r = t.store.runs.view(run.id);
      return r && r.finishedAt ? r : null;
    });
    expect(done.status).toBe('failed');
    expect(done.exitCode).toBe(3);
    const events = t.store.events.list(run.id, 0, 100);
    expect(events.map((e) => [e.kind, (e.payload as { text: string }).text])).toEqual([
      ['stdout', 'hello'],
      ['stderr', 'oops'],
    ]);
  });
});
