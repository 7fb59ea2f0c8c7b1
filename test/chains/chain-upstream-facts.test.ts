import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { fillUpstreamPlaceholders, UPSTREAM_TEXT_LIMIT } from '../../src-main/core/chains/upstream-facts';
import type { ExecutionRequest, ExecutionResult } from '../../src-main/core/executors/types';
import { call, tempStore, type TempStore } from '../helpers/temp-store';
import { drain, TestExecutor, type FakeClock, type Rig } from '../engine/harness';
import { job, ok } from './chain-rig';

let rig: Rig | null = null;
let t: TempStore | null = null;
afterEach(async () => {
  await rig?.engine.stop();
  t?.cleanup();
  rig = null;
  t = null;
});

/** An engine whose shell jobs print `printed` lines and whose Claude jobs record the prompt they got. */
async function rigWith(printed: (req: ExecutionRequest) => string[], claudeResult: (req: ExecutionRequest) => ExecutionResult = ok) {
  t = tempStore();
  const clock: FakeClock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const prompts: string[] = [];
  const shell = new TestExecutor(clock, {
    outcome: (req) => {
      for (const text of printed(req)) req.events.add('stdout', { text });
      return ok();
    },
  });
  const claude = new TestExecutor(clock, {
    outcome: (req) => {
      prompts.push(req.prompt ?? '');
      req.events.add('assistant', { type: 'assistant', message: { content: [{ type: 'text', text: 'I fixed the failing test.' }] } });
      req.events.add('result', { type: 'result', subtype: 'success', is_error: false, result: 'Fixed: off-by-one in parse()' });
      return claudeResult(req);
    },
  });
  const engine = new Engine({ store: t.store, version: 'test', now: () => clock.now, autoTick: false, executors: { shell, claude }, env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  rig = { clock, t, engine, api: engine.api('ui'), exec: shell };
  return { rig, prompts };
}

describe('what a chain run is told about its upstream', () => {
  it('fills {{upstream.output}} in a Claude prompt with the tail of what the upstream printed, bounded', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const { rig, prompts } = await rigWith(() => lines);
    const tests = await job(rig.api, 'tests');
    await job(rig.api, 'fix', [{ id: tests, on: 'success' }], { prompt: 'The suite said:\n{{upstream.output}}\nStatus {{upstream.status}} of {{upstream.job}}; keep {{upstream.unknown}}.' });
    const run = await call(rig.api, 'jobs.runNow', { id: tests });
    await drain(rig);

    expect(prompts).toHaveLength(1);
    const prompt = prompts[0]!;
    expect(prompt.startsWith('The suite said:\n…')).toBe(true);
    expect(prompt).toContain('line 1999 ');
    expect(prompt).not.toContain('line 0 ');
    expect(prompt.endsWith(`\nStatus succeeded of tests; keep {{upstream.unknown}}.`)).toBe(true);
    const output = prompt.slice('The suite said:\n'.length, prompt.indexOf('\nStatus'));
    expect(output.length).toBe(UPSTREAM_TEXT_LIMIT);
    expect(run.id).toBeGreaterThan(0);
  });

  it('gives {{upstream.result}} as a Claude upstream\'s final answer', async () => {
    const { rig, prompts } = await rigWith(() => []);
    const fix = await job(rig.api, 'fix', [], { prompt: 'Fix it' });
    await job(rig.api, 'review', [{ id: fix }], { prompt: 'Review this change: {{upstream.result}} (run {{upstream.runId}}, exit {{upstream.exitCode}})' });
    const fixRun = await call(rig.api, 'jobs.runNow', { id: fix });
    await drain(rig);
    expect(prompts[1]).toBe(`Review this change: Fixed: off-by-one in parse() (run ${fixRun.id}, exit 0)`);
  });

  it('defers a Claude chain run while a usage-limit cooldown is on, like any other Claude run', async () => {
    const { rig, prompts } = await rigWith(() => ['ok']);
    const tests = await job(rig.api, 'tests');
    const fix = await job(rig.api, 'fix', [{ id: tests, on: 'always' }], { prompt: 'Look at {{upstream.output}}' });
    const resetsAt = rig.clock.now + 3_600_000;
    rig.t.store.cooldowns.start({ startedAt: rig.clock.now, resetsAt, source: 'rate_limit_event', message: 'limit', runId: null });
    await call(rig.api, 'jobs.runNow', { id: tests });
    await drain(rig);
    const [chained] = (await call(rig.api, 'runs.list', { jobId: fix })).items;
    expect(chained).toMatchObject({ trigger: 'chain', status: 'deferred_cooldown' });
    expect(prompts).toEqual([]);
    rig.clock.now = resetsAt + 60_000;
    await drain(rig);
    expect(await call(rig.api, 'runs.get', { id: chained!.id })).toMatchObject({ status: 'succeeded' });
    expect(prompts).toEqual(['Look at ok']);
  });

  it('empties the placeholders when the job runs by hand, with no upstream', () => {
    expect(fillUpstreamPlaceholders('[{{upstream.output}}][{{ upstream.status }}]', null)).toBe('[][]');
  });
});
