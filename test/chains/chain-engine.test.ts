import { afterEach, describe, expect, it } from 'vitest';
import { releaseDownstream } from '../../src-main/core/chains/release';
import { call } from '../helpers/temp-store';
import type { Rig } from '../engine/harness';
import { Script, chainRig, closeRig, fail, job, ok, runAndDrain, runsOfJob } from './chain-rig';

let r: Rig | null = null;
afterEach(async () => {
  await closeRig(r);
  r = null;
});

async function started(script: Script): Promise<Rig> {
  r = chainRig(script);
  await r.engine.start();
  return r;
}

describe('jobs that follow jobs, in the engine', () => {
  it('runs the downstream with trigger chain and a link to the upstream run when the upstream succeeds', async () => {
    const rig = await started(new Script());
    const up = await job(rig.api, 'tests');
    const down = await job(rig.api, 'deploy', [{ id: up, on: 'success' }]);
    const upRun = await runAndDrain(rig, up);

    const downRuns = await runsOfJob(rig, down);
    expect(downRuns).toHaveLength(1);
    expect(downRuns[0]).toMatchObject({ trigger: 'chain', status: 'succeeded', upstreamRunIds: [upRun.id] });
    expect(await call(rig.api, 'runs.get', { id: upRun.id })).toMatchObject({ downstreamRunIds: [downRuns[0]!.id] });
  });

  it('after a failure runs only the failure and always edges, and records the success edge as skipped with the reason', async () => {
    const rig = await started(new Script().set('tests', fail(3)));
    const up = await job(rig.api, 'tests');
    const onSuccess = await job(rig.api, 'open PR', [{ id: up, on: 'success' }]);
    const onFailure = await job(rig.api, 'fix', [{ id: up, on: 'failure' }]);
    const always = await job(rig.api, 'summary', [{ id: up, on: 'always' }]);
    const upRun = await runAndDrain(rig, up);
    expect(upRun.status).toBe('failed');

    const [s] = await runsOfJob(rig, onSuccess);
    expect(s).toMatchObject({ trigger: 'chain', status: 'skipped', upstreamRunIds: [upRun.id] });
    expect(s!.error).toBe(`Skipped: needs #${up} "tests" to succeed, but its run #${upRun.id} failed`);
    expect((await runsOfJob(rig, onFailure)).map((x) => x.status)).toEqual(['succeeded']);
    expect((await runsOfJob(rig, always)).map((x) => x.status)).toEqual(['succeeded']);
    expect(rig.exec.starts.map((x) => x.jobName).sort()).toEqual(['fix', 'summary', 'tests']);
  });

  it('waits in `all` mode for every upstream of the same cycle, taking the latest run of an upstream that ran twice', async () => {
    const rig = await started(new Script());
    const a = await job(rig.api, 'build A');
    const b = await job(rig.api, 'build B');
    const d = await job(rig.api, 'package', [{ id: a }, { id: b }], { afterMode: 'all' });

    await runAndDrain(rig, a);
    const a2 = await runAndDrain(rig, a);
    expect(await runsOfJob(rig, d)).toEqual([]);
    const b1 = await runAndDrain(rig, b);
    const first = await runsOfJob(rig, d);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ trigger: 'chain', status: 'succeeded', upstreamRunIds: [a2.id, b1.id] });

    // A new cycle starts empty: B alone does not release the package job again.
    await runAndDrain(rig, b);
    expect(await runsOfJob(rig, d)).toHaveLength(1);
    await runAndDrain(rig, a);
    expect(await runsOfJob(rig, d)).toHaveLength(2);
  });

  it('in `all` mode skips the cycle when one upstream misses its condition, naming it', async () => {
    const rig = await started(new Script().set('build B', fail()));
    const a = await job(rig.api, 'build A');
    const b = await job(rig.api, 'build B');
    const d = await job(rig.api, 'package', [{ id: a }, { id: b }]);
    await runAndDrain(rig, a);
    const bRun = await runAndDrain(rig, b);
    const [skipped] = await runsOfJob(rig, d);
    expect(skipped).toMatchObject({ status: 'skipped', trigger: 'chain' });
    expect(skipped!.error).toBe(`Skipped: needs #${b} "build B" to succeed, but its run #${bRun.id} failed`);
  });

  it('in `any` mode runs after each upstream run that meets its condition', async () => {
    const rig = await started(new Script());
    const a = await job(rig.api, 'a');
    const b = await job(rig.api, 'b');
    const d = await job(rig.api, 'notify', [{ id: a }, { id: b }], { afterMode: 'any' });
    const aRun = await runAndDrain(rig, a);
    const bRun = await runAndDrain(rig, b);
    expect((await runsOfJob(rig, d)).map((x) => x.upstreamRunIds)).toEqual([[aRun.id], [bRun.id]]);
  });

  it('releases the downstream once, from the final attempt, not per retry', async () => {
    const rig = await started(new Script().set('flaky', fail(), fail(), ok()));
    const up = await job(rig.api, 'flaky', [], { retries: 2 });
    const down = await job(rig.api, 'after flaky', [{ id: up, on: 'always' }]);
    await call(rig.api, 'jobs.runNow', { id: up });
    for (let i = 0; i < 5; i++) await runAndDrainTick(rig);
    const attempts = await runsOfJob(rig, up);
    expect(attempts.map((x) => x.status)).toEqual(['failed', 'failed', 'succeeded']);
    const downRuns = await runsOfJob(rig, down);
    expect(downRuns).toHaveLength(1);
    expect(downRuns[0]!.upstreamRunIds).toEqual([attempts[2]!.id]);
  });

  it('passes on a skip down the chain, and an `always` edge still runs after it', async () => {
    const rig = await started(new Script());
    const tests = await job(rig.api, 'tests');
    const fix = await job(rig.api, 'fix', [{ id: tests, on: 'failure' }]);
    const pr = await job(rig.api, 'pr', [{ id: fix, on: 'success' }]);
    const summary = await job(rig.api, 'summary', [{ id: pr, on: 'always' }]);
    await runAndDrain(rig, tests);
    const [fixRun] = await runsOfJob(rig, fix);
    const [prRun] = await runsOfJob(rig, pr);
    expect(fixRun!.status).toBe('skipped');
    expect(prRun).toMatchObject({ status: 'skipped', upstreamRunIds: [fixRun!.id] });
    expect(prRun!.error).toBe(`Skipped: needs #${fix} "fix" to succeed, but its run #${fixRun!.id} was skipped`);
    expect(await runsOfJob(rig, summary)).toMatchObject([{ status: 'succeeded', upstreamRunIds: [prRun!.id] }]);
  });

  it('applies the overlap policy to chain runs: a second release while one runs is skipped under `skip`', async () => {
    const rig = await started(new Script());
    const up = await job(rig.api, 'up');
    const down = await job(rig.api, 'down', [{ id: up }], { overlap: 'skip' });
    const held = rig.t.store.runs.insert({ jobId: down, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: rig.clock.now })!;
    rig.t.store.runs.markRunning(held, 'someone-else');
    await runAndDrain(rig, up);
    const chain = (await runsOfJob(rig, down)).filter((x) => x.trigger === 'chain');
    expect(chain).toHaveLength(1);
    expect(chain[0]!.status).toBe('skipped');
    expect(chain[0]!.error).toBe(`Skipped: run #${held} of this job was still running (overlap policy: skip)`);
  });

  it('gives the downstream its upstream facts as environment variables', async () => {
    const script = new Script().set('tests', fail(7));
    const rig = await started(script);
    const up = await job(rig.api, 'tests');
    await job(rig.api, 'report', [{ id: up, on: 'failure' }]);
    const upRun = await runAndDrain(rig, up);
    const report = script.seen.find((req) => req.job.name === 'report')!;
    expect(report.baseEnv).toMatchObject({
      CNP_UPSTREAM_RUN_ID: String(upRun.id),
      CNP_UPSTREAM_STATUS: 'failed',
      CNP_UPSTREAM_EXIT_CODE: '7',
      CNP_UPSTREAM_JOB_ID: String(up),
      CNP_UPSTREAM_JOB_NAME: 'tests',
      CNP_UPSTREAM_RUN_IDS: String(upRun.id),
    });
    expect(script.seen.find((req) => req.job.name === 'tests')!.baseEnv.CNP_UPSTREAM_RUN_ID).toBeUndefined();
  });

  it('creates nothing when the same final run is released a second time (the exactly-once key)', async () => {
    const rig = await started(new Script());
    const up = await job(rig.api, 'up');
    const down = await job(rig.api, 'down', [{ id: up }]);
    const upRun = await runAndDrain(rig, up);
    const { store } = rig.t;
    const again = store.db.transaction(() => releaseDownstream(store, upRun.id, rig!.clock.now, store.settings.getAll()))();
    expect(again).toEqual([]);
    expect(await runsOfJob(rig, down)).toHaveLength(1);
    expect(() => store.chains.link(upRun.id, down, [upRun.id])).toThrow(/UNIQUE constraint failed: run_upstreams.job_id, run_upstreams.upstream_run_id/);
  });
});

async function runAndDrainTick(rig: Rig): Promise<void> {
  rig.clock.now += 1000;
  await rig.engine.tick();
  await rig.engine.idle();
}
