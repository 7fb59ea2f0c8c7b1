import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/core/db/store';
import { Engine } from '../../src-main/core/engine';
import type { ExecutionResult } from '../../src-main/core/executors/types';
import { EventSink } from '../../src-main/core/executors/event-sink';
import { apiFor, call, tempStore, waitFor, type TempStore } from '../helpers/temp-store';
import { TestExecutor, type FakeClock } from './harness';

/**
 * The engine sleeps between passes (issue 14): these run it on its own timers (autoTick on) and
 * check what wakes it — the due instant, another process's commit, a clock jump, a finished run, a
 * retry's delay — and that nothing else does.
 */
let t: TempStore | null = null;
let engine: Engine | null = null;
let other: Store | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  other?.close();
  other = null;
  t?.cleanup();
  t = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(opts: { clock?: FakeClock; outcome?: () => ExecutionResult; pollMs?: number; heartbeatMs?: number } = {}) {
  t = tempStore();
  const clock = opts.clock ?? null;
  const exec = new TestExecutor(clock ?? { now: 0 }, opts.outcome ? { outcome: opts.outcome } : {});
  engine = new Engine({
    store: t.store,
    version: 'test',
    executors: { shell: exec },
    env: { ...process.env, CNP_LOGIN_PATH: '0' },
    pollMs: opts.pollMs ?? 100,
    ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
    ...(clock ? { now: () => clock.now } : {}),
  });
  return { t, engine, exec, api: engine.api('ui') };
}

/** The first attempt fails (transiently), every later one succeeds. */
function failsOnce(): () => ExecutionResult {
  let calls = 0;
  return () => (++calls === 1 ? { status: 'failed', exitCode: 1, error: 'boom', errorKind: 'transient' } : { status: 'succeeded', exitCode: 0, error: null, errorKind: null });
}

/** A manual job retried once, a second after it fails. */
function createRetriedJob(api: ReturnType<typeof start>['api']) {
  return call(api, 'jobs.create', {
    name: 'flaky',
    kind: 'shell',
    command: 'true',
    schedule: { type: 'manual', timezone: 'UTC' },
    retry: { maxRetries: 1, backoff: 'fixed', delaySeconds: 1, jitter: 0 },
  });
}

describe('an engine that sleeps until something is due', () => {
  it('fires a one-time job at its instant, and makes no pass while nothing is due', async () => {
    const { engine: e, exec, api, t: ts } = start();
    await e.start();
    // Enabled jobs far in the future: the engine has nothing to do and must not look at them.
    for (let i = 0; i < 20; i++) await call(api, 'jobs.create', { name: `later ${i}`, kind: 'shell', command: 'true', schedule: { type: 'cron', cron: '0 0 1 1 *', timezone: 'UTC' } });
    const at = Date.now() + 3500;
    const job = await call(api, 'jobs.create', { name: 'soon', kind: 'shell', command: 'true', schedule: { type: 'once', at: new Date(at).toISOString(), timezone: 'UTC' } });
    await sleep(200);
    const passesBefore = e.passCount();
    await sleep(800);
    expect(Date.now()).toBeLessThan(at);
    expect(e.passCount()).toBe(passesBefore);

    await waitFor(() => exec.starts.length === 1, 15_000);
    const run = ts.store.runs.lastRunOfJob(job.id)!;
    expect(run.scheduledFor).toBe(at);
    expect(run.startedAt! - at).toBeGreaterThanOrEqual(0);
    await e.idle();
    await sleep(100);
    const passesAfterFire = e.passCount();
    await sleep(600);
    expect(e.passCount()).toBe(passesAfterFire);
  });

  it('notices a run queued by another process (the CLI) within a second', async () => {
    const { engine: e, exec, t: ts } = start();
    await e.start();
    other = openStore(ts.dbPath);
    const cli = apiFor(other, { actor: 'cli' });
    const job = await call(cli, 'jobs.create', { name: 'from cli', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    const queuedAt = Date.now();
    await call(cli, 'jobs.runNow', { id: job.id });
    await waitFor(() => exec.starts.length === 1, 15_000);
    // Generous for a loaded machine: the folder watch wakes it at once (a 100 ms poll where it cannot
    // watch), and nothing else would ever wake an engine with no job due.
    expect(Date.now() - queuedAt).toBeLessThan(3000);
  });

  it('is woken by another process’s commit itself, through the database folder, not by a poll', async () => {
    // Neither the poll nor the heartbeat comes round within this test: only the file watch can wake it.
    const { engine: e, exec, t: ts } = start({ pollMs: 60_000, heartbeatMs: 60_000 });
    await e.start();
    other = openStore(ts.dbPath);
    const cli = apiFor(other, { actor: 'cli' });
    const job = await call(cli, 'jobs.create', { name: 'from cli', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    await sleep(300);
    const queuedAt = Date.now();
    await call(cli, 'jobs.runNow', { id: job.id });
    await waitFor(() => exec.starts.length === 1, 10_000);
    expect(Date.now() - queuedAt).toBeLessThan(1000);
  });

  it('takes a flood stored by its own background writer for no change, yet notices the CLI meanwhile', async () => {
    const { engine: e, exec, api, t: ts } = start({ pollMs: 60_000, heartbeatMs: 60_000 });
    await e.start();
    const job = await call(api, 'jobs.create', { name: 'chatty', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    const runId = ts.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: 0 }, 0)!;
    const sink = new EventSink(ts.store, e.bus, runId, { maxBytes: 1024 ** 3, maxEvents: 1_000_000 });
    const line = (i: number) => JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: `${i} ${'y'.repeat(1024)}` }] } });
    let seq = 0;
    const flood = (lines: number) => {
      for (let i = 0; i < lines; i++) sink.addJson('assistant', line(++seq), null);
      sink.flush();
    };
    flood(3000);
    // Past its first megabyte the run's batches go to the background writer.
    await waitFor(() => (ts.store.events as unknown as { background: { takesAppends: boolean } }).background.takesAppends);
    // Its first answer may count the engine's own commits from before it started: one look more.
    flood(2000);
    await sleep(300);
    let changes = 0;
    e.bus.on('job.changed', () => (changes += 1));
    const passes = e.passCount();
    for (let round = 0; round < 10; round++) {
      flood(2000);
      await sleep(30);
    }
    await sleep(300);
    // Twenty thousand lines in twenty commits of another connection: none of them is news.
    expect(changes).toBe(0);
    expect(e.passCount()).toBe(passes);

    other = openStore(ts.dbPath);
    const cli = apiFor(other, { actor: 'cli' });
    const fromCli = await call(cli, 'jobs.create', { name: 'from cli', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    const queuedAt = Date.now();
    flood(2000);
    await call(cli, 'jobs.runNow', { id: fromCli.id });
    flood(2000);
    await waitFor(() => exec.starts.length === 1, 10_000);
    expect(Date.now() - queuedAt).toBeLessThan(1000);
    await sink.close();
  });

  it('wakes for a retry when its delay is over, without a tick in between', async () => {
    const { engine: e, exec, api } = start({ outcome: failsOnce() });
    await e.start();
    const job = await createRetriedJob(api);
    await call(api, 'jobs.runNow', { id: job.id });
    await waitFor(() => exec.starts.length === 2, 15_000);
    expect(exec.starts.map((s) => s.attempt)).toEqual([1, 2]);
  });

  it('starts a retry whose delay ends while a pass is under way (the CI flake of a loaded machine)', async () => {
    // A loaded machine: the timer fires a moment before the retry's instant, and the instant passes
    // while that pass is still at work. The pass saw nothing runnable; what it arms next must still
    // be that retry, not the next thing due after it.
    const clock: FakeClock = { now: Date.parse('2026-03-01T09:00:00Z') };
    // No heartbeat: its clock-jump look would notice the frozen fake clock and wake the engine.
    const { engine: e, exec, api, t: ts } = start({ clock, heartbeatMs: 60_000, outcome: failsOnce() });
    await e.start();
    const job = await createRetriedJob(api);
    await call(api, 'jobs.runNow', { id: job.id });
    const notBefore = await waitFor(() => ts.store.runs.lastRunOfJob(job.id)?.notBefore ?? null, 5_000);
    const runs = ts.store.runs;
    const runnable = runs.runnable.bind(runs);
    runs.runnable = (now, limit) => {
      const found = runnable(now, limit);
      // The clock reaches the retry's instant while this pass is still looking.
      if (now === notBefore - 1) clock.now = notBefore + 1;
      return found;
    };
    clock.now = notBefore - 1;
    await waitFor(() => exec.starts.length === 2, 10_000);
    expect(exec.starts.map((s) => s.attempt)).toEqual([1, 2]);
  });

  it('catches up after the wall clock jumps forward (a sleep), noticed by the clock watch', async () => {
    const clock: FakeClock = { now: Date.parse('2026-01-01T00:00:30Z') };
    const { engine: e, exec, api, t: ts } = start({ clock });
    await e.start();
    const job = await call(api, 'jobs.create', { name: 'hourly', kind: 'shell', command: 'true', schedule: { type: 'cron', cron: '0 * * * *', timezone: 'UTC' } });
    await sleep(300);
    expect(exec.starts).toHaveLength(0);
    // The machine "slept" three hours: the wall clock moves, the monotonic one did not.
    clock.now = Date.parse('2026-01-01T03:00:10Z');
    await waitFor(() => exec.starts.length === 1, 15_000);
    const runs = ts.store.db.prepare('SELECT status, trigger, scheduled_for FROM runs WHERE job_id = ? ORDER BY scheduled_for').all(job.id) as { status: string; trigger: string; scheduled_for: number }[];
    expect(runs.map((r) => [new Date(r.scheduled_for).toISOString(), r.trigger, r.status === 'skipped' ? 'skipped' : 'ran'])).toEqual([
      ['2026-01-01T01:00:00.000Z', 'catch_up', 'skipped'],
      ['2026-01-01T02:00:00.000Z', 'catch_up', 'skipped'],
      ['2026-01-01T03:00:00.000Z', 'schedule', 'ran'],
    ]);
  });
});
