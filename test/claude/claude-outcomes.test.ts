/**
 * Issue 10's end-to-end outcomes: the engine runs the fake `claude` as a real child process, and
 * each class of ending is followed the way it must be — retried, never retried, or deferred.
 */
import { afterEach, describe, expect, it } from 'vitest';
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

async function startEngine() {
  t = tempStore();
  engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  const api = engine.api('ui');
  await call(api, 'settings.set', { claudePath: FAKE_CLAUDE, cooldownMarginSeconds: 0, maxConcurrentRuns: 2 });
  return api;
}

const RETRY_ONCE = { maxRetries: 2, backoff: 'fixed', delaySeconds: 0, jitter: 0 };

async function runJob(env: Record<string, string>, extra: Record<string, unknown> = {}): Promise<{ jobId: number; first: Run }> {
  const api = engine!.api('ui');
  const { options, ...rest } = extra as { options?: Record<string, unknown> };
  const job = await call(api, 'jobs.create', { name: `claude ${env.FAKE_CLAUDE_SCENARIO}`, kind: 'claude', prompt: 'Do the nightly thing', schedule: { type: 'manual', timezone: 'UTC' }, options: { env, ...options }, ...rest });
  const run = await call(api, 'jobs.runNow', { id: job.id });
  const first = await waitFor(() => {
    const r = t.store.runs.view(run.id);
    return r && (r.finishedAt || r.status === 'deferred_cooldown') ? r : null;
  }, 20_000);
  return { jobId: job.id, first };
}

const runsOf = (jobId: number) => t.store.runs.list({ jobId, limit: 100, offset: 0 }).items;

describe('Claude outcomes through the engine', () => {
  it('a plain 429 (2.1 subscription ending) leaves no cooldown and is retried by the job’s policy', async () => {
    await startEngine();
    const { jobId, first } = await runJob({ FAKE_CLAUDE_SCENARIO: 'api_429', FAKE_CLAUDE_VERSION: '2.1' }, { retry: RETRY_ONCE });
    expect(first.status).toBe('failed');
    expect(first.error).toContain('(not your usage limit)');
    const all = await waitFor(() => {
      const runs = runsOf(jobId);
      return runs.length === 3 && runs.every((r) => r.finishedAt) ? runs : null;
    }, 20_000);
    expect(all.map((r) => r.attempt).sort()).toEqual([1, 2, 3]);
    expect(all.every((r) => r.status === 'failed')).toBe(true);
    expect(t.store.cooldowns.openAll()).toEqual([]);
    expect((await call(engine!.api('ui'), 'cooldown.status', {})).cooling).toBe(false);
  });

  it('a 4 MB answer from 2.0 (which truncates pipes) succeeds with its cost and tokens', async () => {
    await startEngine();
    const { first } = await runJob({ FAKE_CLAUDE_SCENARIO: 'huge_line', FAKE_CLAUDE_VERSION: '2.0', FAKE_CLAUDE_ANSWER_BYTES: String(4 * 1024 * 1024), FAKE_CLAUDE_COST: '0.4321' });
    expect(first.status).toBe('succeeded');
    expect(first.costUsd).toBeCloseTo(0.4321, 6);
    expect(first.tokens.output).toBeGreaterThan(0);
    // The 4 MB lines are kept as previews, and the run says its log is not whole.
    expect(first.eventsTruncated).toBe(true);
  });

  it.each<{ name: string; env: Record<string, string>; options: Record<string, unknown>; error: RegExp }>([
    { name: 'max turns (2.0: is_error false, exit 0)', env: { FAKE_CLAUDE_SCENARIO: 'max_turns', FAKE_CLAUDE_VERSION: '2.0' }, options: { maxTurns: 1 }, error: /Reached max turns \(1\)/ },
    { name: 'max turns (2.1)', env: { FAKE_CLAUDE_SCENARIO: 'max_turns', FAKE_CLAUDE_VERSION: '2.1' }, options: { maxTurns: 2 }, error: /Reached max turns \(2\)/ },
    { name: 'an unknown --resume session', env: { FAKE_CLAUDE_SCENARIO: 'resume_unknown' }, options: { resumeSessionId: '0b7c6f0e-4f1d-4f55-9b7a-1c2d3e4f5a6b' }, error: /No conversation found/ },
    { name: 'the root refusal of 2.1', env: { FAKE_CLAUDE_SCENARIO: 'success', FAKE_CLAUDE_UID: '0' }, options: { dangerouslySkipPermissions: true }, error: /root\/sudo/ },
    { name: 'not logged in', env: { FAKE_CLAUDE_SCENARIO: 'not_logged_in' }, options: {}, error: /^Claude is not logged in for scheduled runs: Not logged in/ },
  ])('$name fails once and is not retried', async ({ env, options, error }) => {
    await startEngine();
    const { jobId, first } = await runJob(env, { retry: RETRY_ONCE, options });
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(error);
    // Give a wrongly scheduled retry the time to appear.
    await new Promise((r) => setTimeout(r, 400));
    expect(runsOf(jobId)).toHaveLength(1);
  });

  it('1.0 "Spending cap reached resets …" defers the run until that reset', async () => {
    await startEngine();
    const { first } = await runJob({ FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_VERSION: '1.0', FAKE_CLAUDE_LIMIT_FORMAT: 'v1-spending-cap', FAKE_CLAUDE_RESETS_IN_SECONDS: String(2 * 86400 + 300), TZ: 'UTC' });
    expect(first.status).toBe('deferred_cooldown');
    expect(first.error).toMatch(/Spending cap reached resets/);
    const status = await call(engine!.api('ui'), 'cooldown.status', {});
    expect(status.cooling).toBe(true);
    const expected = Date.now() + (2 * 86400 + 300) * 1000;
    expect(Math.abs(Date.parse(status.resetsAt!) - expected)).toBeLessThan(90_000);
  });
});
