import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job, Run } from '../../src-shared/domain';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);
async function created(...args: string[]): Promise<Job> {
  const r = await cnp('--json', 'job', 'create', ...args);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return r.json as Job;
}

// Each test starts several `cnp` processes; on a loaded machine that takes a while.
describe('cnp job --after', { timeout: 90_000 }, () => {
  it('creates a job that runs after others (no schedule needed) and shows the chain on both ends', async () => {
    const tests = await created('--name', 'tests', '--command', 'exit 1', '--manual');
    const lint = await created('--name', 'lint', '--command', 'true', '--every', '1h');
    const fix = await created('--name', 'fix', '--command', 'true', '--after', `${tests.id}:failure`, '--after', String(lint.id), '--after-mode', 'any');
    expect(fix).toMatchObject({
      schedule: { type: 'manual' },
      afterMode: 'any',
      after: [
        { jobId: tests.id, jobName: 'tests', condition: 'failure' },
        { jobId: lint.id, jobName: 'lint', condition: 'success' },
      ],
    });
    const show = await cnp('job', 'show', String(tests.id));
    expect(show.stdout).toContain(`dependants:   #${fix.id} fix (on failure)`);
    const showFix = await cnp('job', 'show', String(fix.id));
    expect(showFix.stdout).toMatch(/runs after: +#1 tests \(on failure\)\n +#2 lint \(on success\)\nafter mode: +any/);
  });

  it('replaces the upstreams on update, and --clear-after removes them', async () => {
    const a = await created('--name', 'a', '--command', 'true', '--manual');
    const b = await created('--name', 'b', '--command', 'true', '--manual');
    const c = await created('--name', 'c', '--command', 'true', '--after', String(a.id));
    const updated = (await cnp('--json', 'job', 'update', String(c.id), '--after', `${b.id}:always`)).json as Job;
    expect(updated.after).toEqual([{ jobId: b.id, jobName: 'b', condition: 'always' }]);
    const cleared = (await cnp('--json', 'job', 'update', String(c.id), '--clear-after')).json as Job;
    expect(cleared.after).toEqual([]);
  });

  it.each([
    [['--after', '1:sometimes'], 2, '--after: "1:sometimes" is not a job id with an optional condition, e.g. 12 or 12:failure (conditions: success, failure, always)'],
    [['--after', '99'], 2, 'Job 99 does not exist, so nothing can run after it: list jobs with `cnp job list`'],
    [['--after', '1', '--after-mode', 'some'], 2, "--after-mode <mode>' argument 'some' is invalid"],
  ])('refuses %j with exit %i, leaving the database as it was', async (flags, code, message) => {
    await created('--name', 'a', '--command', 'true', '--manual');
    const before = snapshot(t.db);
    const r = await cnp('job', 'create', '--name', 'b', '--command', 'true', ...flags);
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toContain(message);
    expect(snapshot(t.db)?.equals(before!)).toBe(true);
  });

  it('refuses a loop with exit 2 and names it', async () => {
    const a = await created('--name', 'build', '--command', 'true', '--manual');
    const b = await created('--name', 'test', '--command', 'true', '--after', String(a.id));
    const r = await cnp('--json', 'job', 'update', String(a.id), '--after', String(b.id));
    expect(r.exitCode).toBe(2);
    expect(r.json).toEqual({
      error: { code: 'VALIDATION', field: 'after', message: `These jobs would trigger each other in a loop: #${a.id} "build" → #${b.id} "test" → #${a.id} "build". Remove one of these "after" links.` },
    });
  });

  it('warns on job rm, naming the dependants', async () => {
    const a = await created('--name', 'tests', '--command', 'true', '--manual');
    const b = await created('--name', 'summary', '--command', 'true', '--after', `${a.id}:always`);
    const r = await cnp('job', 'rm', String(a.id));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`warning: Job ${a.id} "tests" was an upstream of #${b.id} "summary"; that job no longer runs after it.\n`);
    expect(((await cnp('--json', 'job', 'show', String(b.id))).json as Job).after).toEqual([]);
  });

  it('records the chain run when the upstream runs inline, and the runs list shows its trigger and link', async () => {
    const a = await created('--name', 'tests', '--command', 'exit 0', '--manual');
    const b = await created('--name', 'fix', '--command', 'true', '--after', `${a.id}:failure`);
    const run = await cnp('job', 'run', String(a.id), '--wait');
    expect(run.exitCode).toBe(0);
    const list = await cnp('--json', 'runs', 'list');
    const runs = list.json as Run[];
    expect(runs.map((r) => [r.jobId, r.status, r.trigger])).toEqual([
      [b.id, 'skipped', 'chain'],
      [a.id, 'succeeded', 'cli'],
    ]);
    expect(runs[0]!.upstreamRunIds).toEqual([runs[1]!.id]);
    expect(runs[0]!.error).toBe(`Skipped: needs #${a.id} "tests" to fail, but its run #${runs[1]!.id} succeeded`);
    const human = await cnp('runs', 'list');
    expect(human.stdout).toMatch(new RegExp(`fix \\(#${b.id}\\) +skipped +chain ← #${runs[1]!.id}`));
  }, 90_000);
});
