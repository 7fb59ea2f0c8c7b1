/**
 * Limits through the engine with the fake `claude` as a real child: minute-precision resets that
 * resume by themselves, model-family scopes, the fallback model, probes after a passed reset, and
 * deferrals that keep the attempt's facts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enterCooldown, PROBE_WAITS_MS } from '../../src-main/core/cooldown/cooldown-state';
import { Engine } from '../../src-main/core/engine';
import { DEFAULT_SETTINGS, type Run } from '../../src-shared/domain';
import { call, FAKE_CLAUDE, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
});

describe('a limit that resets within the current minute (2.0 prints minutes only)', () => {
  it('resumes by itself within two minutes of the real reset, with no default-hour wait', async () => {
    t = tempStore();
    const clock = { now: Date.parse('2026-03-10T06:22:40Z') };
    const clockFile = path.join(t.dir, 'clock');
    const setClock = (ms: number) => {
      clock.now = ms;
      fs.writeFileSync(clockFile, String(ms));
    };
    setClock(clock.now);
    engine = new Engine({ store: t.store, version: 'test', now: () => clock.now, autoTick: false, env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    // The default margin (30 s) is kept: the test proves the shipped settings, not a tuned one.
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE });
    const env = {
      FAKE_CLAUDE_SCENARIO: 'usage_limit',
      FAKE_CLAUDE_VERSION: '2.0',
      FAKE_CLAUDE_CLOCK_FILE: clockFile,
      FAKE_CLAUDE_LIMIT_STATE_FILE: path.join(t.dir, 'limit'),
      FAKE_CLAUDE_RESETS_IN_SECONDS: '65', // the real reset: 06:23:45, printed "resets 6:23am"
      TZ: 'UTC',
    };
    const job = await call(api, 'jobs.create', { name: 'nightly', kind: 'claude', prompt: 'p', schedule: { type: 'manual', timezone: 'UTC' }, options: { env } });
    const run = await call(api, 'jobs.runNow', { id: job.id });
    await engine.tick();
    await engine.idle();
    const realReset = Number(fs.readFileSync(env.FAKE_CLAUDE_LIMIT_STATE_FILE, 'utf8'));
    expect(realReset).toBe(Date.parse('2026-03-10T06:23:45Z'));
    const deferred = t.store.runs.view(run.id)!;
    expect(deferred.status).toBe('deferred_cooldown');
    expect(deferred.error).toContain('resets 6:23am (UTC)');
    // The printed minute is read to its end (06:24:00), then the margin.
    expect(t.store.cooldowns.active(clock.now)?.resetsAt).toBe(Date.parse('2026-03-10T06:24:00Z'));

    let resumedAt: number | null = null;
    while (clock.now < realReset + 120_000 && resumedAt === null) {
      setClock(clock.now + 5_000);
      await engine.tick();
      await engine.idle();
      const r = t.store.runs.view(run.id)!;
      if (r.status === 'succeeded') resumedAt = Date.parse(r.startedAt!);
    }
    expect(resumedAt).not.toBeNull();
    expect(resumedAt!).toBeGreaterThanOrEqual(realReset);
    expect(resumedAt! - realReset).toBeLessThanOrEqual(120_000);
    expect(t.store.runs.view(run.id)!.attempt).toBe(1);
    expect(t.store.cooldowns.openAll()).toEqual([]);
  });
});

describe('a reset that has just passed means "probe again soon"', () => {
  it('waits about 1, 2, 5, 10 minutes while the limit holds, never the default hour', () => {
    t = tempStore();
    const settings = { ...DEFAULT_SETTINGS, cooldownMarginSeconds: 0 };
    let now = Date.parse('2026-03-10T06:30:00Z');
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = enterCooldown(t.store, { resetsAt: now - 60_000, source: 'text:v2-hit', message: "You've hit your limit · resets 6:29am (UTC)" }, null, now, settings);
      waits.push(c.resetsAt - now);
      now = c.resetsAt;
      t.store.cooldowns.clear(c.id, now, 'reset');
    }
    expect(waits).toEqual([...PROBE_WAITS_MS, PROBE_WAITS_MS.at(-1)]);
    expect(PROBE_WAITS_MS).toEqual([60_000, 120_000, 300_000, 600_000]);
    // A named reset in the future starts over; no time at all waits the default.
    const named = enterCooldown(t.store, { resetsAt: now + 3_600_000 * 2, source: 'rate_limit_event', message: 'limit' }, null, now, settings);
    expect(named.probeStep).toBe(0);
    t.store.cooldowns.clear(named.id, now, 'user');
    const unknown = enterCooldown(t.store, { resetsAt: null, source: 'text:v1-epoch', message: 'Claude AI usage limit reached|0' }, null, now, settings);
    expect(unknown.resetsAt - now).toBe(settings.cooldownDefaultWaitSeconds * 1000);
  });
});

describe('weekly limits of one model family', () => {
  async function start() {
    t = tempStore();
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE, cooldownMarginSeconds: 0, maxConcurrentRuns: 1 });
    return api;
  }
  const OPUS_LIMIT = { FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_LIMIT_FORMAT: 'v2-opus', FAKE_CLAUDE_LIMIT_MODEL: 'opus', FAKE_CLAUDE_RESETS_IN_SECONDS: String(3 * 86400), TZ: 'UTC' };
  const settled = (id: number) => waitFor(() => {
    const r = t.store.runs.view(id);
    return r && (r.finishedAt !== null || r.status === 'deferred_cooldown') && r.status !== 'running' ? r : null;
  }, 20_000);

  it('an Opus weekly limit defers Opus jobs while a Sonnet job runs', async () => {
    const api = await start();
    const mk = (name: string, model: string, extra: Record<string, unknown> = {}) =>
      call(api, 'jobs.create', { name, kind: 'claude', prompt: 'p', schedule: { type: 'manual', timezone: 'UTC' }, options: { env: OPUS_LIMIT, model, ...extra } });
    const opus = await mk('opus job', 'opus');
    const first = await settled((await call(api, 'jobs.runNow', { id: opus.id })).id);
    expect(first.status).toBe('deferred_cooldown');
    const status = await call(api, 'cooldown.status', {});
    expect(status).toMatchObject({ cooling: true, scope: 'opus', model: 'opus', limitType: 'seven_day_opus' });

    const sonnet = await mk('sonnet job', 'sonnet');
    const sonnetRun = await settled((await call(api, 'jobs.runNow', { id: sonnet.id })).id);
    expect(sonnetRun.status).toBe('succeeded');

    // Another Opus job waits without starting its CLI at all.
    const argsFile = path.join(t.dir, 'opus2-args.json');
    const opus2 = await call(api, 'jobs.create', { name: 'opus 2', kind: 'claude', prompt: 'p', schedule: { type: 'manual', timezone: 'UTC' }, options: { env: { ...OPUS_LIMIT, FAKE_CLAUDE_ARGS_FILE: argsFile }, model: 'claude-opus-4-1-20250805' } });
    const waiting = await settled((await call(api, 'jobs.runNow', { id: opus2.id })).id);
    expect(waiting.status).toBe('deferred_cooldown');
    expect(waiting.startedAt).toBeNull();
    expect(fs.existsSync(argsFile)).toBe(false);
  });

  it('a job that opted in runs on its fallback model instead of waiting', async () => {
    const api = await start();
    const argsFile = path.join(t.dir, 'args.json');
    const job = await call(api, 'jobs.create', {
      name: 'opus with fallback',
      kind: 'claude',
      prompt: 'p',
      schedule: { type: 'manual', timezone: 'UTC' },
      options: { env: { ...OPUS_LIMIT, FAKE_CLAUDE_ARGS_FILE: argsFile }, model: 'opus', fallbackModel: 'sonnet', fallbackOnLimit: true },
    });
    const id = (await call(api, 'jobs.runNow', { id: job.id })).id;
    // The Opus attempt hits the limit; the same run goes straight back and succeeds on Sonnet.
    const done = await waitFor(() => {
      const r = t.store.runs.view(id);
      return r?.status === 'succeeded' ? r : null;
    }, 20_000);
    expect(done.attempt).toBe(1);
    expect(t.store.events.list(id, 0, 1000).some((e) => (e.payload as { type?: string }).type === 'deferred_cooldown')).toBe(true);
    const argv = (JSON.parse(fs.readFileSync(argsFile, 'utf8')) as { argv: string[] }).argv;
    expect(argv[argv.indexOf('--model') + 1]).toBe('sonnet');
    expect(argv).not.toContain('--fallback-model');
  });
});

describe('a deferral keeps the attempt’s facts', () => {
  it('runs show still has start, duration, session, model and cost after the run was deferred', async () => {
    t = tempStore();
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
    await engine.start();
    const api = engine.api('ui');
    await call(api, 'settings.set', { claudePath: FAKE_CLAUDE, cooldownMarginSeconds: 0 });
    const job = await call(api, 'jobs.create', { name: 'j', kind: 'claude', prompt: 'p', schedule: { type: 'manual', timezone: 'UTC' }, options: { env: { FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_RESETS_IN_SECONDS: '7200' } } });
    const id = (await call(api, 'jobs.runNow', { id: job.id })).id;
    const run: Run = await waitFor(() => {
      const r = t.store.runs.view(id);
      return r?.status === 'deferred_cooldown' ? r : null;
    }, 20_000);
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();
    expect(run.durationMs).toBeGreaterThan(0);
    expect(run.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.costUsd).toBe(0);
    expect(run.deferredUntil).not.toBeNull();
  });
});
