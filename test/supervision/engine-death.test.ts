import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';
import { killMatching, processesMatching } from './helpers';
import { query, startServe } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir | null = null;
const markers: string[] = [];
afterEach(() => {
  markers.splice(0).forEach(killMatching);
  tmp?.cleanup();
  tmp = null;
});

function marker(): string {
  const m = `${300 + Math.floor(Math.random() * 600)}.${process.pid}${Math.floor(Math.random() * 1e6)}`;
  markers.push(m);
  return m;
}

const runsOf = (db: string) => query<{ id: number; status: string; attempt: number; exit_code: number | null }>(db, 'SELECT id, status, attempt, exit_code FROM runs ORDER BY id');

describe.skipIf(process.platform !== 'linux')('no execution outlives its engine', () => {
  it('kill -9 of cnp serve mid-run: the job’s processes (setsid ones too) are gone within 2 s and the run is not executed again', async () => {
    tmp = tempDir();
    const own = marker();
    const escaped = marker();
    const job = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'long', '--command', `setsid -f bash -c 'sleep ${escaped}'; sleep ${own}`, '--manual']);
    const engine = await startServe(tmp.db);
    const started = await runCli(['--db', tmp.db, '--json', 'job', 'run', String((job.json as { id: number }).id)]);
    expect(started.exitCode).toBe(0);
    await waitFor(() => processesMatching(own).length > 0 && processesMatching(escaped).length > 0, 15_000);

    engine.child.kill('SIGKILL');
    await engine.child;
    const killedAt = Date.now();
    await waitFor(() => processesMatching(own).length === 0 && processesMatching(escaped).length === 0, 5_000, 20);
    expect(Date.now() - killedAt).toBeLessThan(2_000);

    const next = await startServe(tmp.db);
    try {
      await waitFor(() => runsOf(tmp!.db)[0]!.status === 'interrupted', 15_000);
      await new Promise((r) => setTimeout(r, 1000));
      expect(runsOf(tmp.db)).toHaveLength(1);
    } finally {
      next.child.kill('SIGTERM');
      await next.child;
    }
  }, 60_000);

  it('an execution that finished while its engine was frozen and then killed is recorded, not retried', async () => {
    tmp = tempDir();
    const log = path.join(tmp.dir, 'markers.txt');
    const job = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'once', '--command', `echo start >> ${log}; sleep 1; echo end >> ${log}`, '--manual', '--retries', '2', '--retry-delay', '0s']);
    expect(job.exitCode).toBe(0);
    const engine = await startServe(tmp.db);
    await runCli(['--db', tmp.db, 'job', 'run', String((job.json as { id: number }).id)]);
    await waitFor(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('start'), 15_000);
    // Freeze the engine so the command ends unobserved, then kill it: the result is never stored by it.
    process.kill(engine.child.pid!, 'SIGSTOP');
    await waitFor(() => fs.readFileSync(log, 'utf8').includes('end'), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    engine.child.kill('SIGKILL');
    await engine.child;
    expect(runsOf(tmp.db)[0]!.status).toBe('running');

    const next = await startServe(tmp.db);
    try {
      await waitFor(() => runsOf(tmp!.db)[0]!.status !== 'running', 15_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(runsOf(tmp.db)).toEqual([{ id: 1, status: 'succeeded', attempt: 1, exit_code: 0 }]);
      expect(fs.readFileSync(log, 'utf8')).toBe('start\nend\n');
    } finally {
      next.child.kill('SIGTERM');
      await next.child;
    }
  }, 60_000);
});
