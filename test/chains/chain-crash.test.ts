import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';
import { query, startServe } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

const children: ResultPromise[] = [];
let dir: string | null = null;
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function serve(db: string) {
  const s = await startServe(db);
  children.push(s.child);
  return s;
}

async function kill9(child: ResultPromise): Promise<void> {
  child.kill('SIGKILL');
  await child;
}

interface RunRow {
  id: number;
  job_id: number;
  status: string;
  trigger: string;
}

const chainRuns = (db: string, jobId: number) =>
  query<RunRow & { upstream_run_id: number }>(
    db,
    `SELECT r.id, r.job_id, r.status, r.trigger, u.upstream_run_id FROM runs r LEFT JOIN run_upstreams u ON u.run_id = r.id
     WHERE r.job_id = ? ORDER BY r.id`,
    jobId,
  );

describe('chains across a kill -9 of cnp serve', () => {
  it('neither loses nor doubles a downstream run when the engine dies between the upstream finishing and the downstream starting', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-chain-crash-'));
    const db = path.join(dir, 'chain.db');
    const cnp = async (...args: string[]) => {
      const r = await runCli(['--db', db, '--json', ...args]);
      expect(r.exitCode, r.stderr).toBe(0);
      return r.json as { id: number };
    };
    // The upstream waits for a file the test writes once the blocker is queued behind it.
    const go = path.join(dir, 'go');
    const up = await cnp('job', 'create', '--name', 'up', '--command', `while [ ! -f '${go}' ]; do sleep 0.05; done; echo up`, '--manual');
    // The blocker takes the only run slot (maxConcurrentRuns is 1) the moment the upstream frees it,
    // so the downstream is committed as queued but cannot start before the kill.
    const blocker = await cnp('job', 'create', '--name', 'blocker', '--command', 'sleep 30', '--manual', '--priority', '10');
    const down = await cnp('job', 'create', '--name', 'down', '--command', 'echo down', '--after', `${up.id}:success`, '--priority', '1');

    const first = await serve(db);
    const upRun = await cnp('job', 'run', String(up.id));
    await cnp('job', 'run', String(blocker.id));
    fs.writeFileSync(go, '');
    await waitFor(
      () =>
        query<RunRow>(db, "SELECT id FROM runs WHERE job_id = ? AND status = 'running'", blocker.id).length === 1 &&
        query<RunRow>(db, "SELECT id FROM runs WHERE id = ? AND status = 'succeeded'", upRun.id).length === 1,
      20_000,
    );
    await kill9(first.child);

    // What the killed engine committed: the upstream's final state and, with it, the queued downstream.
    expect(chainRuns(db, down.id)).toEqual([{ id: expect.any(Number), job_id: down.id, status: 'queued', trigger: 'chain', upstream_run_id: upRun.id }]);

    const second = await serve(db);
    await waitFor(() => chainRuns(db, down.id).some((r) => r.status === 'succeeded'), 20_000);
    second.child.kill('SIGTERM');
    await second.child;

    expect(chainRuns(db, down.id)).toEqual([{ id: expect.any(Number), job_id: down.id, status: 'succeeded', trigger: 'chain', upstream_run_id: upRun.id }]);
    expect(query<{ status: string }>(db, 'SELECT status FROM runs WHERE job_id = ?', blocker.id)).toEqual([{ status: 'interrupted' }]);
    expect(query<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM run_upstreams')).toEqual([{ n: 1 }]);
  }, 90_000);

  it('releases failure and always edges once when the killed upstream is found interrupted at restart', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-chain-crash-'));
    const db = path.join(dir, 'chain.db');
    const cnp = async (...args: string[]) => {
      const r = await runCli(['--db', db, '--json', ...args]);
      expect(r.exitCode, r.stderr).toBe(0);
      return r.json as { id: number };
    };
    const up = await cnp('job', 'create', '--name', 'long', '--command', 'sleep 30', '--manual');
    const onFailure = await cnp('job', 'create', '--name', 'report', '--command', 'echo "upstream $CNP_UPSTREAM_RUN_ID was $CNP_UPSTREAM_STATUS"', '--after', `${up.id}:failure`);
    const onSuccess = await cnp('job', 'create', '--name', 'celebrate', '--command', 'true', '--after', `${up.id}:success`);

    const first = await serve(db);
    const upRun = await cnp('job', 'run', String(up.id));
    await waitFor(() => query<RunRow>(db, "SELECT id FROM runs WHERE id = ? AND status = 'running'", upRun.id).length === 1, 20_000);
    await kill9(first.child);
    expect(chainRuns(db, onFailure.id)).toEqual([]);

    const second = await serve(db);
    await waitFor(() => chainRuns(db, onFailure.id).some((r) => r.status === 'succeeded'), 20_000);
    // A third start finds nothing more to release.
    second.child.kill('SIGTERM');
    await second.child;
    const third = await serve(db);
    await new Promise((r) => setTimeout(r, 1500));
    third.child.kill('SIGTERM');
    await third.child;

    expect(query<{ status: string }>(db, 'SELECT status FROM runs WHERE id = ?', upRun.id)).toEqual([{ status: 'interrupted' }]);
    expect(chainRuns(db, onFailure.id)).toEqual([{ id: expect.any(Number), job_id: onFailure.id, status: 'succeeded', trigger: 'chain', upstream_run_id: upRun.id }]);
    expect(chainRuns(db, onSuccess.id).map((r) => [r.status, r.upstream_run_id])).toEqual([['skipped', upRun.id]]);
    const logs = await runCli(['--db', db, 'runs', 'logs', String(chainRuns(db, onFailure.id)[0]!.id)]);
    expect(logs.stdout).toContain(`upstream ${upRun.id} was interrupted`);
  }, 90_000);
});
