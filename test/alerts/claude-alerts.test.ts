import { afterEach, describe, expect, it } from 'vitest';
import { classifyClaudeProblem } from '../../src-main/core/alerts/claude-problems';
import { noticeLimitNeedsUser, noticeRunFinished, USAGE_LIMIT_KEY } from '../../src-main/core/alerts/run-alerts';
import { checkSchedulerAndCooldown, COOLDOWN_KEY } from '../../src-main/core/alerts/scheduler-watch';
import { Engine } from '../../src-main/core/engine';
import type { Run } from '../../src-shared/domain';
import { call, FAKE_CLAUDE, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
});

describe('Claude alerts', () => {
  it('opens "Claude is not logged in" when a scheduled Claude run fails to log in, and resolves on the next success', async () => {
    t = tempStore();
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE });
    const run = async (scenario: string): Promise<Run> => {
      const job = await call(api, 'jobs.create', { name: `c-${scenario}`, kind: 'claude', prompt: 'hi', schedule: { type: 'manual', timezone: 'UTC' }, options: { env: { FAKE_CLAUDE_SCENARIO: scenario } } });
      const queued = await call(api, 'jobs.runNow', { id: job.id });
      return waitFor(() => {
        const r = t.store.runs.view(queued.id);
        return r?.finishedAt ? r : null;
      }, 20_000);
    };
    const failed = await run('not_logged_in');
    expect(failed.status).toBe('failed');
    const open = await call(api, 'alerts.list', { status: 'open' });
    expect(open.items.map((a) => [a.kind, a.runIds])).toEqual([['claude_auth', [failed.id]]]);
    expect(open.items[0]!.cause).toMatch(/log in/i);
    // A second failure does not open a second alert.
    await run('not_logged_in');
    expect((await call(api, 'alerts.list', { status: 'all' })).total).toBe(1);

    const ok = await run('success');
    expect(ok.status).toBe('succeeded');
    const after = await call(api, 'alerts.list', { status: 'all' });
    expect(after.items[0]!.resolvedAt).not.toBeNull();
    expect(after.items[0]!.resolution).toBe(`Claude run #${ok.id} succeeded`);
  });

  it('opens one "spend limit needs you" alert for a limit only the user can lift', () => {
    t = tempStore();
    const job = t.store.jobs.insert(
      { name: 'nightly', kind: 'claude', promptId: null, payload: { prompt: 'x' }, scheduleType: 'manual', cron: null, everySeconds: null, runAt: null, timezone: 'UTC', enabled: true, priority: 5, overlap: 'skip', catchUp: 'run_once', timeoutMs: null, retry: { maxRetries: 0, backoff: 'fixed', delaySeconds: 1, maxDelaySeconds: 1, jitter: 0 }, options: {}, notify: { onFailure: true, onSuccess: false }, tags: [], nextRunAt: null, lastScheduledAt: null },
      Date.now(),
    );
    const runId = t.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: Date.now() }, Date.now())!;
    const view = t.store.runs.view(runId)!;
    expect(noticeLimitNeedsUser(t.store, view, "You've hit your org's monthly spend limit", Date.now())).toHaveLength(1);
    expect(noticeLimitNeedsUser(t.store, view, "You've hit your org's monthly spend limit", Date.now())).toHaveLength(0);
    expect(t.store.alerts.openFor(USAGE_LIMIT_KEY)?.cause).toMatch(/monthly spend limit.*raise it or add credits/);
    // The executor's class wins over the text: a failure it calls 'crash' raises nothing.
    t.store.runs.finish(runId, { status: 'failed', exitCode: 1, error: 'Invalid API key · Please run /login', errorKind: 'transient' }, Date.now());
    expect(noticeRunFinished(t.store, t.store.runs.view(runId)!, { retryQueued: true, outcomeClass: 'crash' }, Date.now())).toHaveLength(0);
    expect(noticeRunFinished(t.store, t.store.runs.view(runId)!, { retryQueued: true, outcomeClass: 'auth' }, Date.now()).map((c) => c.alert.kind)).toEqual(['claude_auth']);
  });

  it('classifies only the wordings that need the user', () => {
    const table: [string, ReturnType<typeof classifyClaudeProblem>][] = [
      ['Not logged in · Please run /login', 'auth'],
      ['Invalid API key · Please run /login', 'auth'],
      ['Credit balance is too low', 'spend_limit'],
      ["You've hit your org's monthly spend limit", 'spend_limit'],
      ['Your org is out of usage · add funds to continue', 'spend_limit'],
      ['Usage is paused for your organization', 'spend_limit'],
      ["You've hit your limit · resets 3pm (UTC)", null],
      ['API Error: 529 overloaded', null],
      ['exit code 1', null],
      ['', null],
    ];
    for (const [text, expected] of table) expect(classifyClaudeProblem(text), text).toBe(expected);
  });

  it('raises the cooldown alert only when asked to, and resolves it when the cooldown ends', () => {
    t = tempStore();
    const now = Date.now();
    t.store.cooldowns.start({ startedAt: now, resetsAt: now + 3_600_000, source: 'rate_limit_event', message: "You've hit your limit", runId: null });
    expect(checkSchedulerAndCooldown(t.store, now)).toHaveLength(0);
    t.store.settings.setMany({ alertOnCooldown: true });
    expect(checkSchedulerAndCooldown(t.store, now).map((c) => `${c.alert.kind}:${c.change}`)).toEqual(['cooldown:opened']);
    expect(checkSchedulerAndCooldown(t.store, now)).toHaveLength(0);
    t.store.cooldowns.clearAll(now + 1, 'ui');
    expect(checkSchedulerAndCooldown(t.store, now + 2).map((c) => `${c.alert.kind}:${c.change}`)).toEqual(['cooldown:resolved']);
    expect(t.store.alerts.openFor(COOLDOWN_KEY)).toBeNull();
  });
});
