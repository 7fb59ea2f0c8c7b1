import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ResultPromise } from 'execa';
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

async function serve(db: string): Promise<ServeProcess & { upAt: number }> {
  const s = await startServe(db);
  children.push(s.child);
  return { ...s, upAt: Date.now() };
}

/** Runs started by the engine in process `pid` (the run's engine id names its holder's pid). */
const runsStartedBy = (db: string, pid: number) =>
  query<{ id: number; started_at: number; engine_id: string }>(db, 'SELECT id, started_at, engine_id FROM runs WHERE started_at IS NOT NULL ORDER BY id').filter((r) =>
    new RegExp(`^engine:.*/${pid}[@/]`).test(r.engine_id),
  );

describe('lease takeover after a crash (issue 9 item 5)', () => {
  it('a `cnp serve` started right after kill -9 of the holder schedules within 3 s', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-takeover-'));
    const db = path.join(dir, 'takeover.db');
    const created = await runCli(['--db', db, '--json', 'job', 'create', '--name', 'tick', '--command', 'true', '--every', '1s']);
    expect(created.exitCode).toBe(0);

    const first = await serve(db);
    await waitFor(() => runsStartedBy(db, first.child.pid!).length >= 1, 20_000);
    first.child.kill('SIGKILL');
    await first.child;

    const second = await serve(db);
    // It holds the lease at once: no "another engine" notice, and doctor names it with pid, host and since.
    expect(second.stderr()).not.toMatch(/Another engine/);
    const doctor = await runCli(['--db', db, '--json', 'doctor']);
    const engine = (doctor.json as { engine: { running: boolean; pid: number; hostname: string; since: string } }).engine;
    expect(engine).toMatchObject({ running: true, pid: second.child.pid, hostname: os.hostname() });
    expect(Date.parse(engine.since)).toBeGreaterThan(second.upAt - 30_000);
    const text = await runCli(['--db', db, 'doctor']);
    expect(text.stdout).toMatch(new RegExp(`engine:\\s+running \\(pid ${second.child.pid} on ${os.hostname()}, since `));

    const firstRun = await waitFor(() => runsStartedBy(db, second.child.pid!)[0], 10_000);
    expect(firstRun.started_at - second.upAt).toBeLessThan(3000);
    second.child.kill('SIGTERM');
    await second.child;
  }, 90_000);

  it('a live holder keeps the lease: the second engine stays passive and says who holds it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-takeover-'));
    const db = path.join(dir, 'live.db');
    const a = await serve(db);
    const b = await serve(db);
    await waitFor(() => /Another engine/.test(b.stderr()), 10_000);
    expect(b.stderr()).toContain(`pid ${a.child.pid}`);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.child, b.child]);
  }, 60_000);
});
