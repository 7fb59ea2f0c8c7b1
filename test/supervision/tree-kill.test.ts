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

/** A sleep duration unique to this test, so its processes can be found by command line. */
function marker(): string {
  const m = `${300 + Math.floor(Math.random() * 600)}.${process.pid}${Math.floor(Math.random() * 1e6)}`;
  markers.push(m);
  return m;
}

describe.skipIf(process.platform !== 'linux')('timeout and cancel end the whole tree', () => {
  it('a timeout kills descendants that started their own session (setsid, also re-parented with setsid -f)', async () => {
    tmp = tempDir();
    const inSession = marker();
    const forked = marker();
    const plain = marker();
    const command = `setsid -f bash -c 'sleep ${forked}'; setsid bash -c 'sleep ${inSession}' & sleep ${plain}`;
    const job = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'escapes', '--command', command, '--manual', '--timeout', '2s']);
    expect(job.exitCode).toBe(0);
    const run = await runCli(['--db', tmp.db, 'job', 'run', String((job.json as { id: number }).id), '--wait'], { timeoutMs: 30_000 });
    expect(run.exitCode).toBe(1);
    expect(query<{ status: string }>(tmp.db, 'SELECT status FROM runs')[0]!.status).toBe('timed_out');
    await new Promise((r) => setTimeout(r, 300));
    for (const m of [inSession, forked, plain]) expect(processesMatching(m), m).toEqual([]);
  }, 40_000);

  it('a cancel from another process kills the tree, setsid children included', async () => {
    tmp = tempDir();
    const escaped = marker();
    const plain = marker();
    const job = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'long', '--command', `setsid -f bash -c 'sleep ${escaped}'; sleep ${plain}`, '--manual']);
    const engine = await startServe(tmp.db);
    try {
      const started = await runCli(['--db', tmp.db, '--json', 'job', 'run', String((job.json as { id: number }).id)]);
      const runId = (started.json as { id: number }).id;
      await waitFor(() => processesMatching(escaped).length > 0 && processesMatching(plain).length > 0, 15_000);
      const cancel = await runCli(['--db', tmp.db, 'runs', 'cancel', String(runId)]);
      expect(cancel.exitCode).toBe(0);
      await waitFor(() => query<{ status: string }>(tmp!.db, 'SELECT status FROM runs WHERE id = ?', runId)[0]!.status === 'cancelled', 15_000);
      await waitFor(() => processesMatching(escaped).length === 0 && processesMatching(plain).length === 0, 3_000);
    } finally {
      engine.child.kill('SIGTERM');
      await engine.child;
    }
  }, 60_000);
});
