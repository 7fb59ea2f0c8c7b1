import { afterEach, describe, expect, it } from 'vitest';
import type { RunEventKind } from '../../../src-shared/domain';
import { apiFor, call, tempStore, type TempStore } from '../../../test/helpers/temp-store';

const T0 = Date.parse('2026-12-01T00:00:00Z');

/** Stores events the way a run's EventSink does: numbered rows of JSON text. */
function addEvents(t: TempStore, runId: number, events: { ts: number; kind: RunEventKind; payload: unknown }[]) {
  t.store.events.appendRows(runId, events.map((e, i) => ({ seq: i + 1, ts: e.ts, kind: e.kind, json: JSON.stringify(e.payload) })), events.length, false);
}
const HOUR = 3_600_000;

describe('overview.sinceLastVisit', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it('lists what went wrong, what waited and what Claude answered since the given instant, with the spend', async () => {
    t = tempStore();
    const api = apiFor(t.store, { now: () => T0 + 10 * HOUR });
    const shell = await call(api, 'jobs.create', { name: 'backup', kind: 'shell', command: 'false', schedule: { type: 'manual', timezone: 'UTC' } });
    const claude = await call(api, 'jobs.create', { name: 'nightly-review', kind: 'claude', prompt: 'hi', schedule: { type: 'manual', timezone: 'UTC' } });
    const runs = t.store.runs;
    const run = (jobId: number, at: number) => runs.insert({ jobId, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: at }, at)!;

    // Before the visit: must not show.
    const old = run(shell.id, T0 - HOUR);
    runs.finish(old, { status: 'failed', error: 'old failure' }, T0 - HOUR);

    const failed = run(shell.id, T0 + HOUR);
    addEvents(t, failed, [{ ts: T0 + HOUR, kind: 'stderr', payload: { text: 'tar: /backup: No space left on device' } }]);
    runs.finish(failed, { status: 'failed', exitCode: 2 }, T0 + HOUR + 1000);

    const timedOut = run(shell.id, T0 + 2 * HOUR);
    runs.finish(timedOut, { status: 'timed_out', error: 'Timed out after 30m' }, T0 + 2 * HOUR);

    const deferred = run(claude.id, T0 + 3 * HOUR);
    runs.defer(deferred, T0 + 12 * HOUR, 'Waiting for the Claude usage limit to reset');

    const answered = run(claude.id, T0 + 4 * HOUR);
    addEvents(t, answered, [{ ts: T0 + 4 * HOUR, kind: 'result', payload: { type: 'result', is_error: false, result: 'All 3 PRs look good.' } }]);
    runs.finish(answered, { status: 'succeeded', costUsd: 0.25, tokens: { input: 100, output: 50, cacheRead: 0, cacheCreation: 0 } }, T0 + 4 * HOUR);

    const view = await call(api, 'overview.sinceLastVisit', { since: new Date(T0).toISOString() });
    expect(view.problems.total).toBe(2);
    expect(view.problems.items.map((p) => [p.runId, p.status, p.excerpt])).toEqual([
      [timedOut, 'timed_out', 'Timed out after 30m'],
      [failed, 'failed', 'tar: /backup: No space left on device'],
    ]);
    expect(view.waiting.items).toHaveLength(1);
    expect(view.waiting.items[0]).toMatchObject({ runId: deferred, jobName: 'nightly-review', status: 'deferred_cooldown', reason: 'Waiting for the Claude usage limit to reset' });
    expect(view.answers).toEqual([{ runId: answered, jobId: claude.id, jobName: 'nightly-review', at: new Date(T0 + 4 * HOUR).toISOString(), text: 'All 3 PRs look good.' }]);
    expect(view.spend).toMatchObject({ runs: 4, succeeded: 1, failed: 2, costUsd: 0.25, tokens: { input: 100, output: 50 } });
  });

  it('defaults to the last day and refuses a since that is not a date', async () => {
    t = tempStore();
    const api = apiFor(t.store, { now: () => T0 });
    const view = await call(api, 'overview.sinceLastVisit', {});
    expect(view.since).toBe(new Date(T0 - 24 * HOUR).toISOString());
    expect(view.problems).toEqual({ total: 0, items: [] });
    await expect(call(api, 'overview.sinceLastVisit', { since: 'yesterday' })).rejects.toThrow(/ISO-8601/);
  });
});

describe('cooldown.meters', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it('keeps the latest rate_limit_event of each limit, utilization as a fraction', async () => {
    t = tempStore();
    const api = apiFor(t.store, { now: () => T0 });
    const job = await call(api, 'jobs.create', { name: 'review', kind: 'claude', prompt: 'hi', schedule: { type: 'manual', timezone: 'UTC' } });
    const run = t.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: T0 - HOUR }, T0 - HOUR)!;
    const event = (ts: number, info: object) => ({ ts, kind: 'system' as const, payload: { type: 'rate_limit_event', rate_limit_info: info } });
    addEvents(
      t,
      run,
      [
        event(T0 - 50 * 60_000, { status: 'allowed', rateLimitType: 'five_hour', utilization: 0.4, resetsAt: T0 / 1000 + 3600 }),
        event(T0 - 40 * 60_000, { status: 'allowed_warning', rateLimitType: 'five_hour', utilization: 85, resetsAt: T0 / 1000 + 3600 }),
        event(T0 - 30 * 60_000, { status: 'allowed', rateLimitType: 'seven_day_opus' }),
      ],
    );
    const meters = await call(api, 'cooldown.meters', {});
    expect(meters).toEqual([
      { limitType: 'five_hour', status: 'allowed_warning', utilization: 0.85, resetsAt: new Date(T0 + HOUR).toISOString(), reportedAt: new Date(T0 - 40 * 60_000).toISOString() },
      { limitType: 'seven_day_opus', status: 'allowed', utilization: null, resetsAt: null, reportedAt: new Date(T0 - 30 * 60_000).toISOString() },
    ]);
  });
});

describe('dashboard.summary', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it('groups the next 24 hours by job, so a 5-minute job is one line and the nightly job is not pushed out', async () => {
    t = tempStore();
    const api = apiFor(t.store, { now: () => T0 });
    await call(api, 'jobs.create', { name: 'poll', kind: 'shell', command: 'true', schedule: { type: 'interval', everySeconds: 300, timezone: 'UTC' } });
    await call(api, 'jobs.create', { name: 'nightly', kind: 'shell', command: 'true', schedule: { type: 'cron', cron: '0 2 * * *', timezone: 'Asia/Taipei' } });
    const summary = await call(api, 'dashboard.summary', {});
    const byName = Object.fromEntries(summary.upcomingByJob.map((g) => [g.jobName, g]));
    expect(summary.upcomingByJob).toHaveLength(2);
    expect(byName.poll).toMatchObject({ count: 100, more: true, timezone: 'UTC' });
    // 02:00 in Taipei is 18:00 UTC.
    expect(byName.nightly).toMatchObject({ count: 1, more: false, timezone: 'Asia/Taipei', first: '2026-12-01T18:00:00.000Z' });
  });

  it('gives each day its p95 duration of successful runs', async () => {
    t = tempStore();
    const api = apiFor(t.store, { now: () => T0 + 12 * HOUR });
    const job = await call(api, 'jobs.create', { name: 'j', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    for (let i = 1; i <= 20; i++) {
      const id = t.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: T0 + i * 1000 }, T0 + i * 1000)!;
      t.store.db.prepare('UPDATE runs SET started_at = ? WHERE id = ?').run(T0 + i * 1000, id);
      t.store.runs.finish(id, { status: 'succeeded' }, T0 + i * 1000 + i * 1000);
    }
    const summary = await call(api, 'dashboard.summary', {});
    expect(summary.days.find((d) => d.day === '2026-12-01')?.p95DurationMs).toBe(19_000);
  });

  it('ranks durations per day and over the whole window, in any order, failures and impossible starts left out', async () => {
    t = tempStore();
    const api = apiFor(t.store, { now: () => T0 + 36 * HOUR });
    const job = await call(api, 'jobs.create', { name: 'j', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    const add = (start: number, seconds: number, status: 'succeeded' | 'failed') => {
      const id = t.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: start }, start)!;
      t.store.db.prepare('UPDATE runs SET started_at = ? WHERE id = ?').run(start, id);
      t.store.runs.finish(id, { status }, start + seconds * 1000);
    };
    // Day one: 1..40 s, inserted longest first; day two: 100..109 s; failures of an hour on both.
    for (let s = 40; s >= 1; s--) add(T0 + s * 60_000, s, 'succeeded');
    for (let s = 100; s < 110; s++) add(T0 + 24 * HOUR + s * 60_000, s, 'succeeded');
    add(T0 + HOUR, 3600, 'failed');
    add(T0 + 25 * HOUR, 3600, 'failed');
    // A start weeks ahead (a clock set wrong, then fixed) is left out rather than misread.
    add(T0 + 40 * 24 * HOUR, 5000, 'succeeded');
    const summary = await call(api, 'dashboard.summary', {});
    expect(summary.days.find((d) => d.day === '2026-12-01')?.p95DurationMs).toBe(38_000);
    expect(summary.days.find((d) => d.day === '2026-12-02')?.p95DurationMs).toBe(109_000);
    // 50 values: rank 48 is 107 s (the 40 of day one, then 100, 101, …).
    expect(summary.p95DurationMs).toBe(107_000);
  });
});
