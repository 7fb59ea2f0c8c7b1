import { afterEach, describe, expect, it } from 'vitest';
import type { CatchUpPolicy } from '../../src-shared/domain';
import { HOUR, MINUTE, closeRig, createJob, drain, engineOn, iso, ms, newRig, runsOf, stepTo, type Rig } from './harness';

const T0 = '2026-01-01T00:00:00Z';

/** Every 15 minutes of 2026-01-01 from `from` to `to` (HH:MM, inclusive), as the UTC slots the engine stores. */
function quarterHours(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = ms(`2026-01-01T${from}:00Z`); t <= ms(`2026-01-01T${to}:00Z`); t += 15 * MINUTE) out.push(iso(t));
  return out;
}
const at = (hhmm: string): string => `2026-01-01T${hhmm}:00Z`;

let r: Rig | null = null;
afterEach(async () => {
  await closeRig(r);
  r = null;
});

function byTrigger(rig: Rig, jobId: number) {
  const runs = runsOf(rig.t, jobId);
  const skipped = runs.filter((run) => run.status === 'skipped');
  return {
    runs,
    schedule: runs.filter((run) => run.trigger === 'schedule' && run.status !== 'skipped').map((run) => iso(run.scheduledFor)),
    catchUp: runs.filter((run) => run.trigger === 'catch_up' && run.status !== 'skipped').map((run) => iso(run.scheduledFor)),
    skipped: skipped.map((run) => iso(run.scheduledFor)),
    reasons: skipped.map((run) => run.error ?? ''),
  };
}

describe('a 3-hour sleep of `*/15 * * * *` (job created 00:00 UTC; the shell calls resume() on wake)', () => {
  // prettier-ignore
  const cases: [policy: CatchUpPolicy, wake: string, schedule: string[], catchUp: string[], skipped: string[], reason: RegExp | null][] = [
    // Waking exactly on a slot: that slot is on time and runs as scheduled.
    ['skip',     '03:00', [at('03:00')], [], quarterHours('00:15', '02:45'),
      /^Missed while Claude Night Pilot was not running or the computer slept \(catch-up policy: skip\)$/],
    ['run_once', '03:00', [at('03:00')], [], quarterHours('00:15', '02:45'),
      /^Missed; the on-time run at 2026-01-01T03:00:00Z covers it \(catch-up policy: run once\)$/],
    ['run_all',  '03:00', [at('03:00')], quarterHours('00:15', '02:45'), [], null],
    // Waking 5 minutes after a slot: every slot was missed.
    ['skip',     '03:05', [], [], quarterHours('00:15', '03:00'),
      /^Missed while Claude Night Pilot was not running or the computer slept \(catch-up policy: skip\)$/],
    ['run_once', '03:05', [], [at('03:00')], quarterHours('00:15', '02:45'),
      /^Missed; caught up once by the run for 2026-01-01T03:00:00Z \(catch-up policy: run once\)$/],
    ['run_all',  '03:05', [], quarterHours('00:15', '03:00'), [], null],
  ];

  it.each(cases)('%s, waking at %s', async (policy, wake, schedule, catchUp, skipped, reason) => {
    r = newRig(T0);
    await r.engine.start();
    const jobId = await createJob(r.api, { cron: '*/15 * * * *', catchUp: policy });

    r.clock.now = ms(at(wake));
    r.engine.resume();
    await drain(r);

    const got = byTrigger(r, jobId);
    expect(got.schedule).toEqual(schedule);
    expect(got.catchUp).toEqual(catchUp);
    expect(got.skipped).toEqual(skipped);
    for (const text of got.reasons) expect(text).toMatch(reason ?? /^$/);
    for (const run of got.runs.filter((x) => x.status === 'skipped')) {
      expect([run.trigger, iso(run.finishedAt), run.startedAt]).toEqual(['catch_up', iso(r.clock.now), null]);
    }
    // Everything that was not skipped ran, oldest slot first, once.
    const ran = got.runs.filter((x) => x.status !== 'skipped');
    expect(ran.map((x) => x.status)).toEqual(ran.map(() => 'succeeded'));
    expect(r.exec.starts.map((s) => iso(got.runs.find((x) => x.id === s.runId)!.scheduledFor))).toEqual([...catchUp, ...schedule].sort());
    // No slot is lost or doubled: every quarter hour slept through has exactly one row.
    expect(got.runs.map((x) => iso(x.scheduledFor)).sort()).toEqual(quarterHours('00:15', '03:00'));

    // Back to normal: the next slot fires on time.
    await stepTo(r, ms(at('03:15')), MINUTE);
    expect(runsOf(r.t, jobId).at(-1)).toMatchObject({ trigger: 'schedule', status: 'succeeded', scheduledFor: ms(at('03:15')) });
  });
});

describe('run_all catch-up of `* * * * *` is capped at 100 runs', () => {
  // Minutes after 00:00. Only the latest due slot of a pass is on time (issue 9 item 4: the slot a
  // minute before it is missed too, although only 60 s late).
  // prettier-ignore
  const cases: [name: string, jump: number, onTime: number[], caughtUp: [from: number, to: number], skipped: [from: number, to: number], summary: RegExp, exactTotal: boolean][] = [
    // 500 slots: 1 on time, the latest 100 missed caught up, 99 recorded one by one, 300 summarised.
    ['a 500-minute jump', 500, [500], [400, 499], [301, 399], /; 300 earlier missed slots not listed one by one$/, true],
    // Counting stops early for a dense cron over a long gap, so the summary is a lower bound ("+").
    ['a 10,000-minute jump', 10_000, [10_000], [9_900, 9_999], [9_801, 9_899], /; \d+\+ earlier missed slots not listed one by one$/, false],
  ];
  const minutes = ([from, to]: [number, number]) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it.each(cases)('%s', async (_name, jump, onTime, caughtUp, skipped, summary, exactTotal) => {
    r = newRig(T0);
    await r.engine.start();
    const jobId = await createJob(r.api, { cron: '* * * * *', catchUp: 'run_all' });
    const minute = (n: number) => iso(ms(T0) + n * MINUTE);

    r.clock.now = ms(T0) + jump * MINUTE;
    await drain(r, 500);

    const got = byTrigger(r, jobId);
    expect(got.schedule).toEqual(onTime.map(minute));
    expect(got.catchUp).toHaveLength(100);
    expect(got.catchUp).toEqual(minutes(caughtUp).map(minute));
    expect(r.exec.starts).toHaveLength(onTime.length + 100);
    expect(got.skipped).toEqual(minutes(skipped).map(minute));
    // The oldest recorded skip carries the count of the ones not listed; the rest the plain reason.
    const [first, ...rest] = got.reasons;
    expect(first).toMatch(/^Missed; more than 100 slots were due, only the latest 100 were caught up \(catch-up policy: run all\); /);
    expect(first).toMatch(summary);
    for (const text of rest) expect(text).toBe('Missed; more than 100 slots were due, only the latest 100 were caught up (catch-up policy: run all)');
    // Rows plus the summarised count account for every slot (never more than there were).
    const summarised = Number(/; (\d+)\+? earlier/.exec(first ?? '')?.[1]);
    const accounted = got.runs.length + summarised;
    if (exactTotal) expect(accounted).toBe(jump);
    else expect(accounted).toBeLessThanOrEqual(jump);
    expect(new Set(got.runs.map((x) => x.scheduledFor)).size).toBe(got.runs.length);
  });
});

describe('a wall-clock change backwards by 1 hour of `*/15 * * * *` (run_once)', () => {
  // prettier-ignore
  const cases: [name: string, moves: [set?: string, stepTo?: string][]][] = [
    // At 02:00 the clock is set back to 01:00, then time simply goes on to 03:00.
    ['back 1 h, then on in real time', [[undefined, '02:00'], ['01:00', '03:00']]],
    // At 02:00 set back to 01:00; ten minutes later it is corrected forward again (02:10) and goes on.
    ['back 1 h, then corrected forward', [[undefined, '02:00'], ['01:00', '01:10'], ['02:10', '03:00']]],
  ];

  it.each(cases)('%s: no slot runs twice and none is lost', async (_name, moves) => {
    r = newRig(T0);
    await r.engine.start();
    const jobId = await createJob(r.api, { cron: '*/15 * * * *', catchUp: 'run_once' });

    for (const [set, until] of moves) {
      if (set) {
        r.clock.now = ms(at(set));
        await r.engine.tick();
        await r.engine.idle();
      }
      if (until) await stepTo(r, ms(at(until)), MINUTE);
    }

    const runs = runsOf(r.t, jobId);
    expect(runs.map((x) => iso(x.scheduledFor))).toEqual(quarterHours('00:15', '03:00'));
    expect(runs.map((x) => [x.trigger, x.status])).toEqual(runs.map(() => ['schedule', 'succeeded']));
    expect(r.exec.starts.map((s) => s.runId)).toEqual(runs.map((x) => x.id));
  });
});

describe('an engine restart after an hour down (`*/15 * * * *`)', () => {
  // prettier-ignore
  // Up 00:00-01:00 (four on-time runs), down until 02:00, when the 02:00 slot is due on time.
  const cases: [policy: CatchUpPolicy, schedule: string[], catchUp: string[], skipped: string[]][] = [
    ['skip',     [...quarterHours('00:15', '01:00'), at('02:00')], [],                             quarterHours('01:15', '01:45')],
    ['run_once', [...quarterHours('00:15', '01:00'), at('02:00')], [],                             quarterHours('01:15', '01:45')],
    ['run_all',  [...quarterHours('00:15', '01:00'), at('02:00')], quarterHours('01:15', '01:45'), []],
  ];

  it.each(cases)('%s', async (policy, schedule, catchUp, skipped) => {
    r = newRig(T0);
    await r.engine.start();
    const jobId = await createJob(r.api, { cron: '*/15 * * * *', catchUp: policy });
    await stepTo(r, ms(at('01:00')), MINUTE);
    expect(runsOf(r.t, jobId)).toHaveLength(4);
    await r.engine.stop();

    r.clock.now += HOUR;
    r.engine = engineOn(r.t, r.clock, r.exec);
    await r.engine.start();
    expect(r.engine.isActive()).toBe(true);
    await drain(r);

    const got = byTrigger(r, jobId);
    expect(got.schedule).toEqual(schedule);
    expect(got.catchUp).toEqual(catchUp);
    expect(got.skipped).toEqual(skipped);
    expect(got.reasons.every((text) => text.includes(`catch-up policy: ${policy.replace('_', ' ')}`))).toBe(true);
    expect(new Set(got.runs.map((x) => x.scheduledFor)).size).toBe(got.runs.length);
    expect(r.exec.starts).toHaveLength(schedule.length + catchUp.length);
  });
});
