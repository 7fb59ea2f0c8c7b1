import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/db/store';
import { CLI_PATH, ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';
import { FAKE_CLAUDE, waitFor } from '../helpers/temp-store';

ensureCliBuilt();

/** `cnp job run` without an engine must do what the engine would: defer, retry, wait, notice. */

let t: TempDir;
const children: ResultPromise[] = [];
beforeEach(() => {
  t = tempDir();
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  t.cleanup();
});

const env = { CNP_CLAUDE_PATH: FAKE_CLAUDE };
const cnp = (...args: string[]) => runCli(['--db', t.db, ...args], { env, timeoutMs: 60_000 });
const limitEnv = (resetsIn: number) => [
  '--env', 'FAKE_CLAUDE_SCENARIO=usage_limit',
  '--env', `FAKE_CLAUDE_RESETS_IN_SECONDS=${resetsIn}`,
  '--env', `FAKE_CLAUDE_LIMIT_STATE_FILE=${path.join(t.dir, 'limit-state')}`,
];
async function create(...args: string[]): Promise<number> {
  const r = await cnp('job', 'create', '--manual', '--json', ...args);
  expect(r.exitCode, r.stderr).toBe(0);
  return (r.json as { id: number }).id;
}
const runsOf = (jobId: number) =>
  (openStore(t.db).runs.list({ jobId, limit: 100, offset: 0 }).items).sort((a, b) => a.id - b.id);

describe('an inline run meets a cooldown exactly as the engine would', () => {
  it('defers a Claude run during an open cooldown instead of starting Claude', async () => {
    const limited = await create('--name', 'limited', '--prompt', 'hi', ...limitEnv(3600));
    const first = await cnp('job', 'run', String(limited), '--json');
    expect(first.exitCode, first.stderr).toBe(4);
    expect(first.json).toMatchObject({ status: 'deferred_cooldown' });

    const argsFile = path.join(t.dir, 'claude-was-started');
    const other = await create('--name', 'other', '--prompt', 'hello', '--env', `FAKE_CLAUDE_ARGS_FILE=${argsFile}`);
    const second = await cnp('job', 'run', String(other), '--json');
    expect(second.exitCode).toBe(4);
    expect(second.json).toMatchObject({ status: 'deferred_cooldown', deferredUntil: expect.any(String) });
    expect(fs.existsSync(argsFile)).toBe(false);
    const shell = await create('--name', 'shell', '--command', 'echo shell jobs keep running');
    expect((await cnp('job', 'run', String(shell))).exitCode).toBe(0);
  });

  it('--wait after a usage limit stops at --wait-timeout with exit 4, printing the log once', async () => {
    const limited = await create('--name', 'limited', '--prompt', 'hi', ...limitEnv(3600));
    const started = Date.now();
    const r = await cnp('job', 'run', String(limited), '--wait', '--follow', '--wait-timeout', '2s');
    expect(r.exitCode, r.stderr).toBe(4);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stderr).toMatch(/deferred until .* \(Claude usage limit\)/);
    const runId = runsOf(limited)[0]!.id;
    const logs = await cnp('runs', 'logs', String(runId));
    const lines = logs.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of new Set(lines)) {
      const times = (text: string) => text.split('\n').filter((l) => l === line).length;
      expect(times(r.stdout), `"${line}"`).toBe(times(logs.stdout));
    }
  });

  it('--wait follows a deferral to the reset and runs it here', async () => {
    const limited = await create('--name', 'limited', '--prompt', 'hi', ...limitEnv(3));
    const store = openStore(t.db);
    store.settings.setMany({ cooldownMarginSeconds: 1 });
    store.close();
    const r = await cnp('job', 'run', String(limited), '--wait', '--wait-timeout', '40s');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/deferred until/);
    expect(r.stdout).toMatch(/^status:\s+succeeded$/m);
    expect(runsOf(limited).map((run) => run.status)).toEqual(['succeeded']);
    expect((await cnp('cooldown', 'status', '--json')).json).toMatchObject({ cooling: false });
  });

  it('--wait follows retries to the last attempt', async () => {
    const marker = path.join(t.dir, 'tried-once');
    const job = await create('--name', 'flaky', '--command', `test -f "${marker}" && exit 0; touch "${marker}"; exit 1`, '--retries', '2', '--backoff', 'fixed', '--retry-delay', '1s');
    const r = await cnp('job', 'run', String(job), '--wait');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/retry run \d+ \(attempt 2\)/);
    expect(runsOf(job).map((run) => [run.attempt, run.status])).toEqual([[1, 'failed'], [2, 'succeeded']]);
  });

  it('--wait notices an engine that died under its run and carries the retry on here', async () => {
    const job = await create('--name', 'long', '--command', `test -f "${path.join(t.dir, 'second')}" && exit 0; touch "${path.join(t.dir, 'second')}"; sleep 30`, '--retries', '1', '--backoff', 'fixed', '--retry-delay', '1s');
    const serve = execa(process.execPath, [CLI_PATH, 'serve', '--db', t.db, '--port', '0'], { env: { CNP_LOGIN_PATH: '0' }, reject: false, stdin: 'ignore', buffer: false });
    children.push(serve);
    let served = '';
    serve.stdout!.on('data', (d: Buffer) => (served += d.toString()));
    await waitFor(() => served.includes('http://'), 30_000);

    const waiting = execa(process.execPath, [CLI_PATH, '--db', t.db, 'job', 'run', String(job), '--wait'], { env: { ...env, CNP_LOGIN_PATH: '0' }, reject: false, stdin: 'ignore', timeout: 25_000 });
    children.push(waiting);
    const query = () => {
      const db = new BetterSqlite3(t.db, { readonly: true });
      try {
        return db.prepare('SELECT status FROM runs WHERE job_id = ? ORDER BY id').all(job) as { status: string }[];
      } finally {
        db.close();
      }
    };
    // The first attempt is executing once it has left its marker.
    await waitFor(() => query()[0]?.status === 'running' && fs.existsSync(path.join(t.dir, 'second')), 20_000);
    serve.kill('SIGKILL');
    const done = await waiting;
    expect(done.exitCode, String(done.stderr)).toBe(0);
    expect(String(done.stderr)).toMatch(/The engine \(pid \d+\) stopped; carrying on here/);
    expect(query().map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
  });
});

describe('cnp doctor', () => {
  it('exits 1 and names each problem when no Claude CLI is found and nothing schedules', async () => {
    await create('--name', 'x', '--command', 'true');
    const cron = await cnp('job', 'create', '--name', 'nightly', '--command', 'true', '--cron', '0 3 * * *');
    expect(cron.exitCode).toBe(0);
    const r = await runCli(['--db', t.db, 'doctor'], { env: { CNP_CLAUDE_PATH: undefined, PATH: '/usr/bin:/bin' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/2 problems:/);
    expect(r.stdout).toMatch(/No Claude CLI was found/);
    expect(r.stdout).toMatch(/No engine is running, so 1 scheduled job will not run/);
    const json = await runCli(['--db', t.db, 'doctor', '--json'], { env: { CNP_CLAUDE_PATH: undefined, PATH: '/usr/bin:/bin' } });
    expect(json.exitCode).toBe(1);
    expect((json.json as { problems: string[] }).problems).toHaveLength(2);
  });
});
