import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE, closeRig, createJob, iso, ms, newRig, runsOf, stepTo, type Rig } from './harness';

/**
 * What the engine fires while a fake clock walks through a window: the exact UTC slots, each once,
 * each on time. The clock starts at the window start (the job is created then) and steps to its end,
 * ticking at every step: each minute for fixed times across a DST change, coarser where every slot
 * falls on a step anyway (a slot off the steps would show as fired late: created ≠ scheduled).
 */
// prettier-ignore
const cases: [name: string, cron: string, timezone: string, from: string, to: string, stepMinutes: number, expected: string[]][] = [
  // New York springs forward 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist that day.
  ['New York spring gap: a fixed time runs once, right after the gap (03:00 EDT)', '30 2 * * *', 'America/New_York',
    '2026-03-08T01:00:00Z', '2026-03-09T07:00:00Z', 1,
    ['2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z']],
  ['New York spring gap: a stepped job skips the missing hour', '*/30 2 * * *', 'America/New_York',
    '2026-03-08T01:00:00Z', '2026-03-09T07:00:00Z', 5,
    ['2026-03-09T06:00:00Z', '2026-03-09T06:30:00Z']],
  // New York falls back 2026-11-01 02:00 EDT → 01:00 EST: 01:00-01:59 happens twice.
  ['New York autumn repeat: a fixed time fires once, on the first pass', '30 1 * * *', 'America/New_York',
    '2026-11-01T00:00:00Z', '2026-11-02T07:00:00Z', 1,
    ['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']],
  ['New York autumn repeat: a stepped job runs on both passes', '*/30 1 * * *', 'America/New_York',
    '2026-11-01T00:00:00Z', '2026-11-01T08:00:00Z', 5,
    ['2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z']],
  // London springs forward 2026-03-29 01:00 GMT → 02:00 BST, falls back 2026-10-25 02:00 BST → 01:00 GMT.
  ['London spring gap: 01:30 runs at 02:00 BST', '30 1 * * *', 'Europe/London',
    '2026-03-28T20:00:00Z', '2026-03-30T01:00:00Z', 1,
    ['2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z']],
  ['London autumn repeat: 01:30 fires once, at 01:30 BST', '30 1 * * *', 'Europe/London',
    '2026-10-24T20:00:00Z', '2026-10-26T02:00:00Z', 1,
    ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']],
  // Taipei has no DST: 09:00 is 01:00 UTC every day, including the days New York and London switch.
  ['Taipei: 09:00 is 01:00Z across the New York spring change', '0 9 * * *', 'Asia/Taipei',
    '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', 5,
    ['2026-03-07T01:00:00Z', '2026-03-08T01:00:00Z', '2026-03-09T01:00:00Z']],
  ['Taipei: 09:00 is 01:00Z across the London autumn change', '0 9 * * *', 'Asia/Taipei',
    '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 5,
    ['2026-10-25T01:00:00Z', '2026-10-26T01:00:00Z']],
  // Feb 29 exists in 2028 only.
  ['Feb 29 in a leap year', '0 12 29 2 *', 'UTC',
    '2028-02-28T00:00:00Z', '2028-03-01T23:55:00Z', 5,
    ['2028-02-29T12:00:00Z']],
  ['Feb 29 in a common year: nothing, and not Mar 1 either', '0 12 29 2 *', 'UTC',
    '2027-02-28T00:00:00Z', '2027-03-01T23:55:00Z', 5,
    []],
  // Day 31: April has 30 days, so its end is not rolled over into May 1.
  ['day 31 skips a 30-day month end and fires on May 31', '0 0 31 * *', 'UTC',
    '2026-04-29T00:00:00Z', '2026-06-01T12:00:00Z', 60,
    ['2026-05-31T00:00:00Z']],
  ['day 31 in Taipei is the 30th in UTC', '0 0 31 * *', 'Asia/Taipei',
    '2026-05-29T00:00:00Z', '2026-06-01T00:00:00Z', 60,
    ['2026-05-30T16:00:00Z']],
  // L: the last day of the month, whatever its length.
  ['L: Jan 31 then Feb 28', '0 0 L * *', 'UTC',
    '2026-01-30T00:00:00Z', '2026-03-02T00:00:00Z', 60,
    ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z']],
  ['L: Feb 29 in a leap year, then Mar 31', '0 0 L * *', 'UTC',
    '2028-02-27T00:00:00Z', '2028-04-01T00:00:00Z', 60,
    ['2028-02-29T00:00:00Z', '2028-03-31T00:00:00Z']],
  ['L: Apr 30 in Taipei is Apr 29 16:00Z', '0 0 L * *', 'Asia/Taipei',
    '2026-04-28T00:00:00Z', '2026-05-01T00:00:00Z', 60,
    ['2026-04-29T16:00:00Z']],
];

let r: Rig | null = null;
afterEach(async () => {
  await closeRig(r);
  r = null;
});

describe('fire times as the engine walks a fake clock', () => {
  it.each(cases)('%s', async (_name, cron, timezone, from, to, stepMinutes, expected) => {
    r = newRig(from);
    await r.engine.start();
    const jobId = await createJob(r.api, { cron, timezone });

    const ticks = await stepTo(r, ms(to), stepMinutes * MINUTE);
    expect(ticks).toBeLessThanOrEqual(5_000);

    const runs = runsOf(r.t, jobId);
    const slots = runs.map((run) => iso(run.scheduledFor));
    expect(slots).toEqual(expected);
    expect(new Set(slots).size).toBe(slots.length);
    expect(runs.map((run) => run.trigger)).toEqual(expected.map(() => 'schedule'));
    expect(runs.map((run) => run.status)).toEqual(expected.map(() => 'succeeded'));
    // Created (and started) on the tick that reached the slot: on time, not caught up later.
    expect(runs.map((run) => iso(run.createdAt))).toEqual(expected);
    expect(runs.map((run) => iso(run.startedAt))).toEqual(expected);
    expect(r.exec.starts.map((s) => iso(s.at))).toEqual(expected);
  });
});
