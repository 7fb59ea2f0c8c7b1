import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { RetryPolicy, RunStatus } from '../../src-shared/domain';
import type { ExecutionResult } from '../../src-main/core/executors/types';
import { call } from '../helpers/temp-store';
import { SECOND, closeRig, createJob, iso, ms, newRig, runsOf, type Rig } from './harness';

const T0 = '2026-01-01T00:00:00Z';
const sec = (n: number) => iso(ms(T0) + n * SECOND);

let r: Rig | null = null;
afterEach(async () => {
  await closeRig(r);
  r = null;
});

const result = (status: ExecutionResult['status'], errorKind: ExecutionResult['errorKind']): ExecutionResult => ({
  status,
  exitCode: status === 'failed' ? 1 : null,
  error: status === 'succeeded' ? null : `it ${status}`,
  errorKind,
});

/**
 * A manual shell job is run once (jobs.runNow) and its executor always ends the same way. The
 * fake clock then steps five seconds at a time (every delay here is a multiple of 5 s) for `horizon`
 * seconds, ticking at each step, so a retry that started early or late would show in its start time.
 */
// prettier-ignore
const cases: [name: string, retry: Partial<RetryPolicy>, outcome: ExecutionResult, horizon: number, startsAtSeconds: number[]][] = [
  ['transient failure, fixed 60 s, 2 retries: three attempts a minute apart',
    { maxRetries: 2, backoff: 'fixed', delaySeconds: 60, jitter: 0 }, result('failed', 'transient'), 300, [0, 60, 120]],
  ['transient failure, linear 10 s, 3 retries',
    { maxRetries: 3, backoff: 'linear', delaySeconds: 10, jitter: 0 }, result('failed', 'transient'), 120, [0, 10, 30, 60]],
  ['transient failure, exponential 15 s capped at 40 s, 4 retries',
    { maxRetries: 4, backoff: 'exponential', delaySeconds: 15, maxDelaySeconds: 40, jitter: 0 }, result('failed', 'transient'), 300, [0, 15, 45, 85, 125]],
  ['transient failure, a ladder of 5 s, 10 s, 30 s: each step in turn, the last repeating',
    { maxRetries: 4, backoff: 'ladder', delaysSeconds: [5, 10, 30], jitter: 0 }, result('failed', 'transient'), 200, [0, 5, 15, 45, 75]],
  ['exponential with multiplier 3: 5 s, 15 s, 45 s',
    { maxRetries: 3, backoff: 'exponential', multiplier: 3, delaySeconds: 5, jitter: 0 }, result('failed', 'transient'), 200, [0, 5, 20, 65]],
  ['a timeout is retried like a failure',
    { maxRetries: 1, backoff: 'fixed', delaySeconds: 5, jitter: 0 }, result('timed_out', 'transient'), 60, [0, 5]],
  ['a permanent failure is not retried',
    { maxRetries: 2, backoff: 'fixed', delaySeconds: 60, jitter: 0 }, result('failed', 'permanent'), 300, [0]],
  ['a cancelled run is not retried',
    { maxRetries: 2, backoff: 'fixed', delaySeconds: 60, jitter: 0 }, result('cancelled', null), 300, [0]],
  ['a success is not retried',
    { maxRetries: 2, backoff: 'fixed', delaySeconds: 60, jitter: 0 }, result('succeeded', null), 300, [0]],
  ['no retries configured',
    { maxRetries: 0, backoff: 'fixed', delaySeconds: 60, jitter: 0 }, result('failed', 'transient'), 300, [0]],
];

describe('retries in the engine', () => {
  it.each(cases)('%s', async (_name, retry, outcome, horizon, startsAtSeconds) => {
    r = newRig(T0, { outcome: () => outcome });
    const { clock, engine, exec, t } = r;
    await engine.start();
    const jobId = await createJob(r.api, { manual: true, retry });
    const first = await call(r.api, 'jobs.runNow', { id: jobId });

    // not_before is cleared when a run starts, so note it while the retry waits.
    const notBefore = new Map<number, number | null>();
    for (let s = 0; s <= horizon; s += 5) {
      clock.now = ms(T0) + s * SECOND;
      await engine.tick();
      await engine.idle();
      for (const run of runsOf(t, jobId)) if (run.status === 'queued' && !notBefore.has(run.id)) notBefore.set(run.id, run.notBefore);
    }

    const runs = runsOf(t, jobId);
    const n = startsAtSeconds.length;
    expect(exec.starts.map((s) => iso(s.at))).toEqual(startsAtSeconds.map(sec));
    expect(runs.map((x) => x.attempt)).toEqual(startsAtSeconds.map((_, i) => i + 1));
    expect(runs.map((x) => x.trigger)).toEqual(startsAtSeconds.map((_, i) => (i === 0 ? 'manual' : 'retry')));
    // Every retry links to the first attempt, not to the one before it.
    expect(runs.map((x) => x.retryOf)).toEqual(startsAtSeconds.map((_, i) => (i === 0 ? null : first.id)));
    expect(runs.map((x) => x.status)).toEqual(startsAtSeconds.map(() => outcome.status));
    expect(runs.map((x) => x.errorKind)).toEqual(startsAtSeconds.map(() => outcome.errorKind));
    // Each retry waited for its not_before and started the moment it came.
    const retries = runs.slice(1);
    expect(retries.map((x) => iso(notBefore.get(x.id) ?? null))).toEqual(startsAtSeconds.slice(1).map(sec));
    expect(retries.map((x) => iso(x.startedAt))).toEqual(startsAtSeconds.slice(1).map(sec));
    expect(runs).toHaveLength(n);
  });
});

describe('recovery at start-up', () => {
  const deadEngine = `engine:${os.hostname()}/999999/abcd1234`;
  const liveEngine = `engine:${os.hostname()}/${process.pid}/0badcafe`;

  // prettier-ignore
  const cases: [name: string, engineId: string, retry: Partial<RetryPolicy>, leftRunning: RunStatus, retryAtSeconds: number | null][] = [
    ['a run of a dead engine becomes interrupted and is retried when the job allows',
      deadEngine, { maxRetries: 1, backoff: 'fixed', delaySeconds: 30, jitter: 0 }, 'interrupted', 30],
    ['a run of a dead engine becomes interrupted, and stays so when the job has no retries',
      deadEngine, { maxRetries: 0 }, 'interrupted', null],
    ['a run of a live engine is left alone',
      liveEngine, { maxRetries: 1, backoff: 'fixed', delaySeconds: 30, jitter: 0 }, 'running', null],
  ];

  it.each(cases)('%s', async (_name, engineId, retry, leftRunning, retryAtSeconds) => {
    r = newRig(T0);
    const { clock, engine, exec, t } = r;
    const jobId = await createJob(r.api, { manual: true, retry });
    // What a killed engine leaves behind: a run claimed by it, started a minute ago, never finished.
    const startedAt = ms(T0) - 60 * SECOND;
    const orphan = t.store.runs.insert({ jobId, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: startedAt }, startedAt)!;
    expect(t.store.runs.markRunning(orphan, engineId, startedAt)).toBe(true);

    await engine.start();
    const after = t.store.runs.get(orphan)!;
    expect(after.status).toBe(leftRunning);
    if (leftRunning === 'interrupted') {
      expect(after.error).toBe('Interrupted: the process running it stopped unexpectedly');
      expect(iso(after.finishedAt)).toBe(T0);
    }

    for (let s = 0; s <= 60; s += 5) {
      clock.now = ms(T0) + s * SECOND;
      await engine.tick();
      await engine.idle();
    }
    const runs = runsOf(t, jobId);
    if (retryAtSeconds === null) {
      expect(runs.map((x) => x.id)).toEqual([orphan]);
      expect(exec.starts).toEqual([]);
    } else {
      expect(runs.slice(1).map((x) => [x.trigger, x.attempt, x.retryOf, x.status, iso(x.startedAt)])).toEqual([
        ['retry', 2, orphan, 'succeeded', sec(retryAtSeconds)],
      ]);
      expect(exec.starts.map((s) => [s.runId, iso(s.at)])).toEqual([[runs[1]!.id, sec(retryAtSeconds)]]);
    }
  });

  it('queued runs left by a stopped engine are resumed at start', async () => {
    r = newRig(T0);
    const { engine, exec, t } = r;
    const jobId = await createJob(r.api, { manual: true });
    const waiting = t.store.runs.insert({ jobId, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: ms(T0) - 60 * SECOND }, ms(T0))!;
    await engine.start();
    await engine.idle();
    expect(exec.starts.map((s) => s.runId)).toEqual([waiting]);
    expect(t.store.runs.get(waiting)?.status).toBe('succeeded');
  });
});
