import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src-shared/domain';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { FAKE_CLAUDE } from '../helpers/temp-store';
import { startServe, until } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

let child: ResultPromise | null = null;
let dir: string | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/**
 * Issue 15's night, end to end: a real `cnp serve`, real shell jobs and the fake Claude CLI.
 * "Run the test suite; if it fails ask Claude to fix it; when that succeeds open a PR; in any case
 * post a summary." Two nights: the first the suite fails (fix, PR, summary run); the PR step leaves
 * the fix in place, so the second night the suite passes (fix and PR are skipped, summary runs).
 */
describe('the four-step night', () => {
  it('runs the chain with its triggers and skips, and the runs list shows them', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-night-'));
    const db = path.join(dir, 'night.db');
    const fixed = path.join(dir, 'fixed');
    const claudeArgs = path.join(dir, 'claude-args.json');
    const cnp = async (...args: string[]) => {
      const r = await runCli(['--db', db, ...args], { env: { CNP_CLAUDE_PATH: FAKE_CLAUDE } });
      expect(r.exitCode, r.stderr).toBe(0);
      return r;
    };
    const create = async (...args: string[]) => ((await cnp('--json', 'job', 'create', ...args)).json as { id: number }).id;

    const tests = await create('--name', 'tests', '--manual', '--command', `if [ -f '${fixed}' ]; then echo 'all 42 tests passed'; else echo 'FAIL parse.test.ts: expected 3, got 2'; exit 1; fi`);
    const fix = await create(
      '--name', 'fix', '--after', `${tests}:failure`,
      '--prompt', 'The test suite failed:\n{{upstream.output}}\nFix the code so it passes.',
      '--env', `FAKE_CLAUDE_ARGS_FILE=${claudeArgs}`, '--env', 'FAKE_CLAUDE_TEXT=Fixed the off-by-one in parse()',
    );
    const pr = await create('--name', 'open PR', '--after', `${fix}:success`, '--command', `echo "opening a PR for fix run $CNP_UPSTREAM_RUN_ID"; touch '${fixed}'`);
    const summary = await create('--name', 'summary', '--after', `${pr}:always`, '--command', 'echo "night summary: $CNP_UPSTREAM_JOB_NAME $CNP_UPSTREAM_STATUS (exit $CNP_UPSTREAM_EXIT_CODE)"');

    const serve = await startServe(db, { env: { CNP_CLAUDE_PATH: FAKE_CLAUDE } });
    child = serve.child;
    const runs = async () => ((await cnp('--json', 'runs', 'list')).json as Run[]).slice().reverse();
    const summaries = async () => (await runs()).filter((r) => r.jobId === summary && r.finishedAt);

    // Night one: the suite fails.
    await cnp('job', 'run', String(tests));
    await until(async () => (await summaries()).length === 1, 30_000);
    // Night two: the PR step left the fix, so the suite passes.
    await cnp('job', 'run', String(tests));
    await until(async () => (await summaries()).length === 2, 30_000);

    const all = await runs();
    const row = (r: Run) => [r.jobName, r.trigger, r.status, r.upstreamRunIds.map((id) => all.find((x) => x.id === id)!.jobName)];
    expect(all.map(row)).toEqual([
      ['tests', 'cli', 'failed', []],
      ['fix', 'chain', 'succeeded', ['tests']],
      ['open PR', 'chain', 'succeeded', ['fix']],
      ['summary', 'chain', 'succeeded', ['open PR']],
      ['tests', 'cli', 'succeeded', []],
      ['fix', 'chain', 'skipped', ['tests']],
      ['open PR', 'chain', 'skipped', ['fix']],
      ['summary', 'chain', 'succeeded', ['open PR']],
    ]);
    const [t1, f1, p1, s1, t2, f2, p2, s2] = all as [Run, Run, Run, Run, Run, Run, Run, Run];
    expect(f2.error).toBe(`Skipped: needs #${tests} "tests" to fail, but its run #${t2.id} succeeded`);
    expect(p2.error).toBe(`Skipped: needs #${fix} "fix" to succeed, but its run #${f2.id} was skipped`);
    expect(t1.downstreamRunIds).toEqual([f1.id]);

    // What each step was told about the one before it.
    const claudeStdin = (JSON.parse(fs.readFileSync(claudeArgs, 'utf8')) as { stdin: string }).stdin;
    expect(claudeStdin).toBe('The test suite failed:\nFAIL parse.test.ts: expected 3, got 2\nFix the code so it passes.');
    const log = async (id: number) => (await cnp('runs', 'logs', String(id))).stdout;
    expect(await log(p1.id)).toContain(`opening a PR for fix run ${f1.id}`);
    expect(await log(s1.id)).toContain('night summary: open PR succeeded (exit 0)');
    expect(await log(s2.id)).toContain('night summary: open PR skipped (exit )');

    // The morning view in the terminal: triggers with their links, and the skips.
    const table = (await cnp('runs', 'list')).stdout;
    expect(table).toMatch(new RegExp(`open PR \\(#${pr}\\) +skipped +chain ← #${f2.id}`));
    expect(table).toMatch(new RegExp(`fix \\(#${fix}\\) +skipped +chain ← #${t2.id}`));
    expect(table).toMatch(new RegExp(`summary \\(#${summary}\\) +succeeded +chain ← #${p1.id}`));
    const shown = (await cnp('runs', 'show', String(p2.id))).stdout;
    expect(shown).toContain(`after runs:`);
    expect(shown).toContain(`#${f2.id}`);
    expect(shown).toContain(`Skipped: needs #${fix} "fix" to succeed`);
    void s2;
  }, 120_000);
});
