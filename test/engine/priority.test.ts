import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/temp-store';
import { closeRig, createJob, newRig, settle, type Rig } from './harness';

let r: Rig | null = null;
afterEach(async () => {
  await closeRig(r);
  r = null;
});

/**
 * Runs queued (jobs.runNow, all at the same instant) for jobs of these priorities while the engine
 * is not started; then it starts. The executor holds every run until the test releases it, so
 * "started before any finished" is observed, not inferred.
 */
// prettier-ignore
const cases: [name: string, jobs: [job: string, priority: number][], maxConcurrentRuns: number, waves: string[][]][] = [
  ['one at a time: strictly by priority, 10 first',
    [['p3', 3], ['p10', 10], ['p1', 1], ['p7', 7], ['p5', 5]], 1,
    [['p10'], ['p7'], ['p5'], ['p3'], ['p1']]],
  ['three at a time: the best three start together, before any finishes',
    [['p3', 3], ['p10', 10], ['p1', 1], ['p7', 7], ['p5', 5]], 3,
    [['p10', 'p7', 'p5'], ['p3', 'p1']]],
  ['equal priorities: in the order they were queued',
    [['first', 5], ['second', 5], ['urgent', 9], ['third', 5]], 2,
    [['urgent', 'first'], ['second', 'third']]],
];

describe('priority ordering under maxConcurrentRuns', () => {
  it.each(cases)('%s', async (_name, jobs, maxConcurrentRuns, waves) => {
    r = newRig('2026-01-01T00:00:00Z', { hold: true });
    const { engine, exec, api } = r;
    await call(api, 'settings.set', { maxConcurrentRuns });
    const queued: number[] = [];
    const jobName = (runId: number) => exec.starts.find((s) => s.runId === runId)?.jobName;
    for (const [name, priority] of jobs) {
      const jobId = await createJob(api, { name, manual: true, priority });
      queued.push((await call(api, 'jobs.runNow', { id: jobId })).id);
    }
    expect(exec.starts).toHaveLength(0);

    await engine.start();
    for (const wave of waves) {
      await settle();
      // Ticking again while the wave runs starts nothing more: the limit is full.
      await engine.tick();
      await settle();
      expect(exec.holding().map(jobName)).toEqual(wave);
      expect(engine.runningCount()).toBe(wave.length);
      exec.releaseAll();
      await engine.idle();
      await engine.tick();
    }
    await settle();
    expect(exec.holding()).toEqual([]);
    expect(exec.starts.map((s) => s.jobName)).toEqual(waves.flat());
    // Each wave finished before the next started: the finishes come wave by wave too.
    expect(exec.finishes.map(jobName).map((name) => waves.findIndex((w) => name !== undefined && w.includes(name)))).toEqual(
      waves.flatMap((w, i) => w.map(() => i)),
    );
    expect(exec.starts.map((s) => s.runId).sort((a, b) => a - b)).toEqual(queued);
  });
});
