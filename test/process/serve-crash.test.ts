import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { query, startServe, type ServeProcess } from '../helpers/serve-process';
import { waitFor } from '../helpers/temp-store';

beforeAll(() => ensureCliBuilt());

const children: ResultPromise[] = [];
let dir: string;
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** `cnp serve` as a real process; resolves with its URL line. */
async function serve(db: string): Promise<ServeProcess> {
  const s = await startServe(db);
  children.push(s.child);
  return s;
}

describe('cnp serve as a real process', () => {
  it('survives SIGKILL mid-run: the killed run is interrupted, no slot runs twice or goes missing', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-crash-'));
    const db = path.join(dir, 'crash.db');
    const created = await runCli(['--db', db, '--json', 'job', 'create', '--name', 'tick', '--command', 'sleep 0.6; echo tick', '--every', '1s']);
    expect(created.exitCode).toBe(0);
    const jobId = (created.json as { id: number }).id;

    const first = await serve(db);
    await waitFor(() => query<{ id: number }>(db, "SELECT id FROM runs WHERE status = 'succeeded'").length >= 2 && query<{ id: number }>(db, "SELECT id FROM runs WHERE status = 'running'")[0], 20_000);
    const killedRun = query<{ id: number }>(db, "SELECT id FROM runs WHERE status = 'running'")[0]!.id;
    first.child.kill('SIGKILL');
    await first.child;
    await new Promise((r) => setTimeout(r, 2500));

    const second = await serve(db);
    await waitFor(() => query<{ id: number }>(db, "SELECT id FROM runs WHERE status = 'succeeded' AND id > ?", killedRun).length >= 2, 20_000);
    second.child.kill('SIGTERM');
    await second.child;

    const killed = query<{ status: string }>(db, 'SELECT status FROM runs WHERE id = ?', killedRun)[0]!;
    expect(killed.status).toBe('interrupted');
    const dupes = query<{ n: number }>(db, "SELECT COUNT(*) AS n FROM (SELECT scheduled_for FROM runs WHERE job_id = ? AND trigger IN ('schedule', 'catch_up') GROUP BY scheduled_for HAVING COUNT(*) > 1)", jobId);
    expect(dupes[0]!.n).toBe(0);
    // Every one-second slot from the first to the last is accounted for: run, caught up or recorded skipped.
    const slots = query<{ scheduled_for: number }>(db, "SELECT scheduled_for FROM runs WHERE job_id = ? AND trigger IN ('schedule', 'catch_up') ORDER BY scheduled_for", jobId).map((r) => r.scheduled_for);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBe(1000);
    expect(slots.length).toBeGreaterThanOrEqual(6);
    const skippedWhileDown = query<{ error: string }>(db, "SELECT error FROM runs WHERE job_id = ? AND status = 'skipped'", jobId);
    expect(skippedWhileDown.length).toBeGreaterThan(0);
    expect(query<{ integrity_check: string }>(db, 'PRAGMA integrity_check')[0]!.integrity_check).toBe('ok');
  }, 90_000);

  it('lets only one of two engines on one database schedule; the other reports the holder', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-lease-'));
    const db = path.join(dir, 'lease.db');
    const a = await serve(db);
    const b = await serve(db);
    await waitFor(() => b.stderr().includes('Another engine'), 10_000);
    expect(b.stderr()).toMatch(/pid \d+/);
    const doctor = await runCli(['--db', db, '--json', 'doctor']);
    const health = doctor.json as { engine: { running: boolean; pid: number } };
    expect(health.engine.running).toBe(true);
    expect(health.engine.pid).toBe(a.child.pid);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.child, b.child]);
  }, 60_000);
});

describe('cnp job run', () => {
  it('exits 0 for exit 0 and 1 for exit 3, recording the exit code', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-run-'));
    const db = path.join(dir, 'run.db');
    const ok = await runCli(['--db', db, '--json', 'job', 'create', '--name', 'ok', '--command', 'exit 0', '--manual']);
    const bad = await runCli(['--db', db, '--json', 'job', 'create', '--name', 'bad', '--command', 'exit 3', '--manual']);
    const okRun = await runCli(['--db', db, 'job', 'run', String((ok.json as { id: number }).id), '--wait']);
    expect(okRun.exitCode).toBe(0);
    const badRun = await runCli(['--db', db, '--json', 'job', 'run', String((bad.json as { id: number }).id), '--wait']);
    expect(badRun.exitCode).toBe(1);
    const runs = query<{ status: string; exit_code: number }>(db, 'SELECT status, exit_code FROM runs ORDER BY id');
    expect(runs).toEqual([
      { status: 'succeeded', exit_code: 0 },
      { status: 'failed', exit_code: 3 },
    ]);
  }, 60_000);

  it('times out a 2 s job running sleep 60 within 8 s and leaves no orphan process', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-timeout-'));
    const db = path.join(dir, 'timeout.db');
    const marker = `sleep 60.${process.pid}`;
    const job = await runCli(['--db', db, '--json', 'job', 'create', '--name', 'slow', '--command', `${marker}; echo never`, '--manual', '--timeout', '2s']);
    const started = Date.now();
    const run = await runCli(['--db', db, 'job', 'run', String((job.json as { id: number }).id), '--wait'], { timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(run.exitCode).toBe(1);
    expect(query<{ status: string }>(db, 'SELECT status FROM runs')[0]!.status).toBe('timed_out');
    const ps = await execa('ps', ['-eo', 'args'], { reject: false });
    expect(String(ps.stdout).split('\n').filter((l) => l.includes(marker))).toEqual([]);
  }, 30_000);
});
