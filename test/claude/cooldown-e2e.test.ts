import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { call, FAKE_CLAUDE, tempStore, waitFor, type TempStore } from '../helpers/temp-store';
import { ensureCliBuilt, runCli } from '../helpers/cli';

let t: TempStore;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
});

describe('usage-limit cooldown end to end', () => {
  it('defers due Claude runs while cooling, keeps shell jobs running, and runs them by priority at reset', async () => {
    t = tempStore();
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE, cooldownMarginSeconds: 0, maxConcurrentRuns: 1 });
    const limitFile = path.join(t.dir, 'limit-resets-at');
    const env = { FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_LIMIT_STATE_FILE: limitFile, FAKE_CLAUDE_RESETS_IN_SECONDS: '3' };
    const at = new Date(Date.now() + 1500).toISOString();
    const claudeJobs = [];
    for (const [name, priority] of [['low', 2], ['high', 9], ['mid', 5]] as const) {
      claudeJobs.push(await call(api, 'jobs.create', { name, kind: 'claude', prompt: `job ${name}`, priority, schedule: { type: 'once', at, timezone: 'UTC' }, options: { env } }));
    }
    const shell = await call(api, 'jobs.create', { name: 'shell', kind: 'shell', command: 'echo still running', priority: 1, schedule: { type: 'once', at, timezone: 'UTC' } });

    // During the cooldown: all three Claude runs wait, the shell job has run.
    const during = await waitFor(() => {
      const runs = t.store.runs.list({ limit: 100, offset: 0 }).items;
      const deferred = runs.filter((r) => r.status === 'deferred_cooldown');
      const shellDone = runs.find((r) => r.jobId === shell.id && r.status === 'succeeded');
      return deferred.length === 3 && shellDone ? runs : null;
    });
    expect(during.filter((r) => r.jobKind === 'claude').every((r) => r.status === 'deferred_cooldown')).toBe(true);
    const cooling = await call(api, 'cooldown.status', {});
    expect(cooling.cooling).toBe(true);
    expect(cooling.deferredRuns).toBe(3);
    // The CLI, a separate process on the same database, sees the same cooldown.
    ensureCliBuilt();
    const cliDuring = (await runCli(['--db', t.dbPath, '--json', 'cooldown', 'status'])).json as { cooling: boolean; resetsAt: string };
    expect(cliDuring.cooling).toBe(true);
    expect(cliDuring.resetsAt).toBe(cooling.resetsAt);
    expect(Math.abs(Date.parse(cooling.resetsAt!) - Number((await import('node:fs')).readFileSync(limitFile, 'utf8')))).toBeLessThan(1000);

    // After the reset: the three run in priority order and succeed, with no attempt used.
    const after = await waitFor(() => {
      const runs = t.store.runs.list({ limit: 100, offset: 0 }).items.filter((r) => r.jobKind === 'claude');
      return runs.length === 3 && runs.every((r) => r.status === 'succeeded') ? runs : null;
    }, 20_000);
    const order = [...after].sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!)).map((r) => r.jobName);
    expect(order).toEqual(['high', 'mid', 'low']);
    expect(after.every((r) => r.attempt === 1)).toBe(true);
    expect((await call(api, 'cooldown.status', {})).cooling).toBe(false);
    const cliAfter = (await runCli(['--db', t.dbPath, '--json', 'cooldown', 'status'])).json as { cooling: boolean };
    expect(cliAfter.cooling).toBe(false);
  });

  it('keeps the cooldown across a restart', async () => {
    t = tempStore();
    const now = Date.now();
    t.store.cooldowns.start({ startedAt: now, resetsAt: now + 3_600_000, source: 'rate_limit_event', message: "You've hit your limit", runId: null });
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const status = await call(engine.api('ui'), 'cooldown.status', {});
    expect(status.cooling).toBe(true);
    const cleared = await call(engine.api('ui'), 'cooldown.clear', {});
    expect(cleared.cooling).toBe(false);
  });

  it('sums usage by day to the total of the runs costs', async () => {
    t = tempStore();
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE, maxConcurrentRuns: 2 });
    const costs = ['0.0100', '0.0250', '0.1234'];
    const ids: number[] = [];
    for (const cost of costs) {
      const job = await call(api, 'jobs.create', { name: `c${cost}`, kind: 'claude', prompt: 'p', schedule: { type: 'manual', timezone: 'UTC' }, options: { env: { FAKE_CLAUDE_SCENARIO: 'success', FAKE_CLAUDE_COST: cost } } });
      ids.push((await call(api, 'jobs.runNow', { id: job.id })).id);
    }
    await waitFor(() => ids.every((id) => t.store.runs.view(id)?.status === 'succeeded'));
    const byDay = await call(api, 'usage.summary', { by: 'day' });
    const total = byDay.reduce((a, r) => a + r.costUsd, 0);
    expect(total).toBeCloseTo(0.1584, 6);
    const byModel = await call(api, 'usage.summary', { by: 'model' });
    expect(byModel.reduce((a, r) => a + r.runs, 0)).toBe(3);
  });
});
