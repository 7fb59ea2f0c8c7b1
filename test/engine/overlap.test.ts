import { afterEach, describe, expect, it } from 'vitest';
import type { OverlapPolicy, RunStatus } from '../../src-shared/domain';
import { call } from '../helpers/temp-store';
import { MINUTE, closeRig, createJob, iso, ms, newRig, runsOf, settle, type Rig } from './harness';

const T0 = '2026-01-01T00:00:00Z';
const minute = (n: number) => iso(ms(T0) + n * MINUTE);

let r: Rig | null = null;
afterEach(async () => {
  await closeRig(r);
  r = null;
});

/**
 * A slow job firing every minute: the executor holds each run open until the test releases it.
 * The clock ticks at 00:01, 00:02, 00:03 while the first runs are held; then everything held is
 * released and the engine ticks again at 00:03 and 00:04.
 */
// prettier-ignore
const cases: [policy: OverlapPolicy, maxConcurrentRuns: number, runningWhileHeld: string[], finalRows: [slot: number, status: RunStatus, reason: RegExp | null][]][] = [
  ['skip', 1, [minute(1)], [
    [1, 'succeeded', null],
    [2, 'skipped', /^Skipped: run #1 of this job was still running \(overlap policy: skip\)$/],
    [3, 'skipped', /^Skipped: run #1 of this job was still running \(overlap policy: skip\)$/],
    [4, 'succeeded', null],
  ]],
  ['queue_one', 1, [minute(1)], [
    [1, 'succeeded', null],
    [2, 'succeeded', null],
    [3, 'skipped', /^Skipped: run #2 of this job is already waiting \(overlap policy: queue one\)$/],
    [4, 'succeeded', null],
  ]],
  ['allow', 3, [minute(1), minute(2), minute(3)], [
    [1, 'succeeded', null],
    [2, 'succeeded', null],
    [3, 'succeeded', null],
    [4, 'succeeded', null],
  ]],
];

describe('overlap policies with a slow job firing every minute', () => {
  it.each(cases)('%s (maxConcurrentRuns %i)', async (overlap, maxConcurrentRuns, runningWhileHeld, finalRows) => {
    r = newRig(T0, { hold: true });
    const { clock, engine, exec, t } = r;
    await call(r.api, 'settings.set', { maxConcurrentRuns });
    await engine.start();
    const jobId = await createJob(r.api, { cron: '* * * * *', overlap });
    const startedSlots = () => exec.starts.map((s) => iso(t.store.runs.get(s.runId)!.scheduledFor));

    for (const n of [1, 2, 3]) {
      clock.now = ms(T0) + n * MINUTE;
      await engine.tick();
      await settle();
    }
    // While the first run is held, only what the policy allows has started.
    expect(startedSlots()).toEqual(runningWhileHeld);
    expect(engine.runningCount()).toBe(runningWhileHeld.length);
    expect(exec.holding()).toHaveLength(runningWhileHeld.length);

    // Release everything held so far; whatever was queued behind starts on the next tick.
    for (const now of [3, 3, 4, 4]) {
      clock.now = ms(T0) + now * MINUTE;
      exec.releaseAll();
      await engine.idle();
      await engine.tick();
      await settle();
    }
    exec.releaseAll();
    await engine.idle();

    const rows = runsOf(t, jobId);
    expect(rows.map((x) => [iso(x.scheduledFor), x.status])).toEqual(finalRows.map(([slot, status]) => [minute(slot), status]));
    rows.forEach((row, i) => expect(row.error ?? '').toMatch(finalRows[i]![2] ?? /^$/));
    expect(rows.map((x) => x.trigger)).toEqual(rows.map(() => 'schedule'));
    // Skipped slots never reached the executor; the others each ran exactly once.
    const ran = rows.filter((x) => x.status !== 'skipped').map((x) => x.id);
    expect(exec.starts.map((s) => s.runId).sort((a, b) => a - b)).toEqual(ran);
  });

  it('allow runs slots of one job side by side, up to maxConcurrentRuns', async () => {
    r = newRig(T0, { hold: true });
    const { clock, engine, exec, t } = r;
    await call(r.api, 'settings.set', { maxConcurrentRuns: 3 });
    await engine.start();
    const jobId = await createJob(r.api, { cron: '* * * * *', overlap: 'allow' });
    for (const n of [1, 2, 3, 4, 5]) {
      clock.now = ms(T0) + n * MINUTE;
      await engine.tick();
      await settle();
    }
    const status = () => runsOf(t, jobId).map((x) => x.status);
    expect(status()).toEqual(['running', 'running', 'running', 'queued', 'queued']);
    expect(exec.holding()).toHaveLength(3);

    // One finishes: exactly one queued slot takes its place, the oldest.
    exec.release(exec.holding()[0]!);
    await settle();
    await engine.tick();
    await settle();
    expect(status()).toEqual(['succeeded', 'running', 'running', 'running', 'queued']);
    expect(exec.holding()).toHaveLength(3);
  });
});
