import { describe, expect, it } from 'vitest';
import type { Run, RunStatus } from '../../src-shared/domain';
import { describeRunForNotification, shouldNotify } from '../core/notify/run-finished';
import { cooldownNotification, fitNotification } from './notification-rules';

const run = (status: RunStatus, extra: Partial<Run> = {}): Run => ({
  id: 42,
  jobId: 1,
  jobName: 'nightly refactor',
  jobKind: 'claude',
  status,
  trigger: 'schedule',
  attempt: 1,
  retryOf: null,
  scheduledFor: null,
  createdAt: '2026-03-10T20:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  durationMs: 134_000,
  exitCode: null,
  error: null,
  sessionId: null,
  model: null,
  numTurns: null,
  costUsd: 0.0123,
  tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 },
  eventCount: 0,
  eventsTruncated: false,
  rawLogBytes: null,
  rawLogComplete: false,
  deferredUntil: null,
  upstreamRunIds: [],
  downstreamRunIds: [],
  ...extra,
});

/** What the desktop shows for a finished run: the engine's decision and text, fitted by the shell. */
function shown(r: Run, notify: { onFailure: boolean; onSuccess: boolean }, retryId: number | null = null) {
  return shouldNotify(r, { notify }, retryId) ? fitNotification({ ...describeRunForNotification(r), runId: r.id }) : null;
}
const defaults = { onFailure: true, onSuccess: false };

describe('finished-run notifications (engine rules, shell fitting)', () => {
  it.each<[RunStatus, { onFailure: boolean; onSuccess: boolean }, string | null]>([
    ['failed', defaults, 'nightly refactor failed'],
    ['timed_out', defaults, 'nightly refactor timed out'],
    ['interrupted', defaults, 'nightly refactor interrupted'],
    ['succeeded', defaults, null],
    ['succeeded', { onFailure: true, onSuccess: true }, 'nightly refactor succeeded'],
    ['failed', { onFailure: false, onSuccess: true }, null],
    ['cancelled', { onFailure: true, onSuccess: true }, null],
    ['skipped', { onFailure: true, onSuccess: true }, null],
  ])('a %s run with rules %o → %s', (status, rules, title) => {
    expect(shown(run(status), rules)?.title ?? null).toBe(title);
  });

  it('stays quiet about a failure that will be retried', () => {
    expect(shown(run('failed'), defaults, 43)).toBeNull();
  });

  it('fits a long error on one short line and links the run', () => {
    const n = shown(run('failed', { error: `exit code 1\n${'x'.repeat(500)}` }), defaults);
    expect(n?.runId).toBe(42);
    expect(n?.body.startsWith('exit code 1 xxx')).toBe(true);
    expect(n?.body.length).toBeLessThanOrEqual(200);
  });

  it('keeps a short title and body as they are', () => {
    expect(fitNotification({ title: 'T', body: 'B' })).toEqual({ title: 'T', body: 'B' });
  });
});

describe('cooldownNotification', () => {
  const now = Date.parse('2026-03-10T20:00:00Z');
  const clock = { timeZone: 'UTC' };
  const cooling = { cooling: true, resetsAt: '2026-03-10T23:15:00Z', deferredRuns: 0 };
  const calm = { cooling: false, resetsAt: null, deferredRuns: 0 };

  it('announces the start with the reset time', () => {
    expect(cooldownNotification(calm, cooling, true, now, clock)).toEqual({
      title: 'Claude usage limit reached',
      body: 'Claude runs wait until 23:15. Other jobs keep running.',
    });
  });

  it('announces a start seen at launch, when there is no previous state', () => {
    expect(cooldownNotification(null, cooling, true, now, clock)?.title).toBe('Claude usage limit reached');
  });

  it('announces the end with the deferred runs that now start', () => {
    expect(cooldownNotification(cooling, { ...calm, deferredRuns: 3 }, true, now, clock)?.body).toBe('Claude runs can start again. 3 deferred runs start now.');
    expect(cooldownNotification(cooling, { ...calm, deferredRuns: 1 }, true, now, clock)?.body).toBe('Claude runs can start again. 1 deferred run starts now.');
  });

  it.each([
    ['an extension of the same cooldown', cooling, { ...cooling, resetsAt: '2026-03-11T01:00:00Z' }, true],
    ['no cooldown before or after', calm, calm, true],
    ['start-up without a cooldown', null, calm, true],
    ['a start when the user turned cooldown notices off', calm, cooling, false],
  ])('stays silent on %s', (_name, prev, next, enabled) => {
    expect(cooldownNotification(prev, next, enabled, now, clock)).toBeNull();
  });
});
