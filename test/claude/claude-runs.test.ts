import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { rawLogFile } from '../../src-main/core/raw-log/paths';
import type { Run } from '../../src-shared/domain';
import { call, FAKE_CLAUDE, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
});

async function startEngine(settings: Record<string, unknown> = {}) {
  t = tempStore();
  engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0', CLAUDECODE: '1' } });
  await engine.start();
  const api = engine.api('ui');
  await call(api, 'settings.set', { claudePath: FAKE_CLAUDE, cooldownMarginSeconds: 0, ...settings });
  return api;
}

async function runClaude(env: Record<string, string>, extra: Record<string, unknown> = {}): Promise<Run> {
  const api = engine!.api('ui');
  const job = await call(api, 'jobs.create', { name: `claude ${env.FAKE_CLAUDE_SCENARIO}`, kind: 'claude', prompt: 'Do the nightly thing', schedule: { type: 'manual', timezone: 'UTC' }, options: { env }, ...extra });
  const run = await call(api, 'jobs.runNow', { id: job.id });
  return waitFor(() => {
    const r = t.store.runs.view(run.id);
    return r && (r.finishedAt || r.status === 'deferred_cooldown') ? r : null;
  }, 20_000);
}

const kinds = (runId: number) => t.store.events.list(runId, 0, 100_000).map((e) => e.kind);

describe('Claude runs through the engine with the fake claude', () => {
  it('stores events in order and takes cost and tokens from the result only', async () => {
    await startEngine();
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'tool_use', FAKE_CLAUDE_COST: '0.0421' });
    expect(run.status).toBe('succeeded');
    expect(run.costUsd).toBeCloseTo(0.0421, 6);
    expect(run.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const events = t.store.events.list(run.id, 0, 1000);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const k = kinds(run.id);
    expect(k[0]).toBe('system');
    expect(k).toContain('tool_use');
    expect(k).toContain('tool_result');
    expect(k.indexOf('tool_use')).toBeLessThan(k.indexOf('tool_result'));
    expect(k).toContain('result');
    const result = events.find((e) => e.kind === 'result')!.payload as { usage: { input_tokens: number }; modelUsage: Record<string, { inputTokens: number }> };
    const expectedInput = Object.values(result.modelUsage).reduce((a, m) => a + m.inputTokens, 0);
    expect(run.tokens.input).toBe(expectedInput);
  });

  it('passes the prompt on closed stdin and removes CLAUDECODE from the child environment', async () => {
    await startEngine();
    const argsFile = path.join(t.dir, 'args.json');
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'success', FAKE_CLAUDE_ARGS_FILE: argsFile }, { options: { env: { FAKE_CLAUDE_SCENARIO: 'success', FAKE_CLAUDE_ARGS_FILE: argsFile }, model: 'opus', maxTurns: 3 } });
    expect(run.status).toBe('succeeded');
    const seen = JSON.parse(fs.readFileSync(argsFile, 'utf8')) as { argv: string[]; env: Record<string, unknown>; stdin: string };
    expect(seen.argv).toEqual(expect.arrayContaining(['-p', '--output-format', 'stream-json', '--verbose', '--model', 'opus', '--max-turns', '3']));
    expect(seen.env.CLAUDECODE ?? null).toBeNull();
    expect(seen.stdin).toBe('Do the nightly thing');
  });

  it.each([
    ['max_turns', '2.0'],
    ['max_turns', '2.1'],
  ])('fails a %s run in the %s flavour even when the CLI exits 0', async (scenario, version) => {
    await startEngine();
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: scenario, FAKE_CLAUDE_VERSION: version });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/max turns/i);
  });

  it('fails an unknown resume session with the CLI error', async () => {
    await startEngine();
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'resume_unknown' }, { options: { env: { FAKE_CLAUDE_SCENARIO: 'resume_unknown' }, resumeSessionId: '00000000-0000-4000-8000-000000000000' } });
    expect(run.status).toBe('failed');
  });

  it('does not retry an auth failure (permanent), but retries a 529 (transient)', async () => {
    await startEngine();
    const retry = { maxRetries: 1, backoff: 'fixed', delaySeconds: 0, jitter: 0 };
    const auth = await runClaude({ FAKE_CLAUDE_SCENARIO: 'not_logged_in' }, { retry });
    expect(auth.status).toBe('failed');
    expect(auth.error).toMatch(/Not logged in/);
    expect(t.store.runs.list({ jobId: auth.jobId, limit: 10, offset: 0 }).total).toBe(1);
    const overloaded = await runClaude({ FAKE_CLAUDE_SCENARIO: 'api_529' }, { retry });
    expect(overloaded.status).toBe('failed');
    const retried = await waitFor(() => t.store.runs.list({ jobId: overloaded.jobId, limit: 10, offset: 0 }).items.find((r) => r.trigger === 'retry' && r.finishedAt));
    expect(retried.retryOf).toBe(overloaded.id);
    expect(retried.attempt).toBe(2);
  });

  it('kills a hung child at the timeout', async () => {
    await startEngine();
    const started = Date.now();
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'hang' }, { timeoutSeconds: 1 });
    expect(run.status).toBe('timed_out');
    expect(Date.now() - started).toBeLessThan(8000);
    const pid = t.store.db.prepare('SELECT pid FROM runs WHERE id = ?').get(run.id) as { pid: number | null };
    expect(pid.pid).toBeNull();
  });

  it('cancels a running Claude run and kills the child', async () => {
    await startEngine();
    const api = engine!.api('ui');
    const job = await call(api, 'jobs.create', { name: 'hang', kind: 'claude', prompt: 'x', schedule: { type: 'manual', timezone: 'UTC' }, options: { env: { FAKE_CLAUDE_SCENARIO: 'hang' } } });
    const run = await call(api, 'jobs.runNow', { id: job.id });
    const pid = await waitFor(() => (t.store.db.prepare('SELECT pid FROM runs WHERE id = ?').get(run.id) as { pid: number | null }).pid);
    await call(api, 'runs.cancel', { id: run.id });
    const done = await waitFor(() => { const r = t.store.runs.view(run.id); return r?.finishedAt ? r : null; });
    expect(done.status).toBe('cancelled');
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('handles a 5 MB line and malformed lines without breaking the run', async () => {
    await startEngine();
    const huge = await runClaude({ FAKE_CLAUDE_SCENARIO: 'huge_line' });
    expect(huge.status).toBe('succeeded');
    expect(huge.costUsd).not.toBeNull();
    const bad = await runClaude({ FAKE_CLAUDE_SCENARIO: 'malformed' });
    expect(bad.status).toBe('succeeded');
    const raw = t.store.events.list(bad.id, 0, 1000).filter((e) => e.kind === 'stdout');
    expect(raw.length).toBeGreaterThanOrEqual(2);
  });

  it('a line over 1 MB that is not JSON is stored cut and marked so, in the run and in its full log', async () => {
    await startEngine();
    // A CLI that dies mid-line prints text like this: too long to store whole, and not an event.
    const script = path.join(t.dir, 'claude-cut-line');
    fs.writeFileSync(script, `#!/bin/sh\nhead -c 2000000 /dev/zero | tr '\\0' x\necho\n`, { mode: 0o755 });
    await call(engine!.api('ui'), 'settings.set', { claudePath: script });
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'unused' });
    expect(run.eventsTruncated).toBe(true);
    const stdout = t.store.events.list(run.id, 0, 100).filter((e) => e.kind === 'stdout');
    expect(stdout).toHaveLength(1);
    expect(stdout[0]!.payload).toMatchObject({ truncated: true, originalBytes: 2_000_000 });
    expect((stdout[0]!.payload as { text: string }).text).toHaveLength(1024 * 1024);
    expect(run.rawLogComplete).toBe(false);
    const log = fs.readFileSync(rawLogFile(t.store.path, run.id)!, 'utf8');
    // Its head and a note of how long it was, not the 2 MB as if they were a whole line.
    expect(log.length).toBeLessThan(1024 * 1024 + 200);
    expect(log.slice(-100)).toMatch(/x \[…a line of [\d.]+ MB: only its first [\d.]+ MB were kept\]\n$/);
  });

  it('caps the events of one run, keeping its head and tail around a marker, and marks the log as truncated', async () => {
    await startEngine({ maxEventsPerRun: 200 });
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'many_lines', FAKE_CLAUDE_LINES: '1000' });
    expect(run.eventsTruncated).toBe(true);
    const events = t.store.events.list(run.id, 0, 10_000);
    // 100 events of the head, the live "cutting" note, the drop marker, 100 events of the tail.
    expect(events).toHaveLength(202);
    expect(events[100]!.payload).toMatchObject({ type: 'truncating' });
    expect(events[101]!.payload).toMatchObject({ type: 'truncated', droppedLines: expect.any(Number) });
    expect((events[101]!.payload as { droppedLines: number }).droppedLines).toBeGreaterThan(700);
    // The tail ends with the result line: what a reader of a long run most needs.
    expect(events.at(-1)!.kind).toBe('result');
    expect(run.status).toBe('succeeded');
  });

  it('records an allowed_warning so the UI can hint at the limit', async () => {
    const api = await startEngine();
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'usage_warning' });
    expect(run.status).toBe('succeeded');
    const status = await call(api, 'cooldown.status', {});
    expect(status.cooling).toBe(false);
    expect(status.warning).not.toBeNull();
  });

  it.each([
    ['v2', '2.1', '0'],
    ['v2', '2.1', '1'],
    ['v1088', '2.0', '1'],
    ['v1-epoch', '2.0', '1'],
  ])('defers the run on a usage limit (%s text, %s, no event=%s) instead of failing it', async (format, version, noEvent) => {
    const api = await startEngine();
    const run = await runClaude({ FAKE_CLAUDE_SCENARIO: 'usage_limit', FAKE_CLAUDE_LIMIT_FORMAT: format, FAKE_CLAUDE_VERSION: version, FAKE_CLAUDE_NO_RATE_LIMIT_EVENT: noEvent, FAKE_CLAUDE_RESETS_IN_SECONDS: '7200' });
    expect(run.status).toBe('deferred_cooldown');
    expect(run.attempt).toBe(1);
    const status = await call(api, 'cooldown.status', {});
    expect(status.cooling).toBe(true);
    const resetsIn = Date.parse(status.resetsAt!) - Date.now();
    // Text formats print minutes only; the event gives the second.
    expect(resetsIn).toBeGreaterThan(7200_000 - 120_000);
    expect(resetsIn).toBeLessThan(7200_000 + 120_000);
    expect(status.deferredRuns).toBe(1);
  });
});
