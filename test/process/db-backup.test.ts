import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, ensureCliBuilt, runCli } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';

beforeAll(() => ensureCliBuilt());

const children: ResultPromise[] = [];
let dir: string;
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const count = (db: string, sql: string): number => {
  const conn = new BetterSqlite3(db, { readonly: true });
  try {
    return (conn.prepare(sql).get() as { n: number }).n;
  } finally {
    conn.close();
  }
};

describe('cnp db backup / check / vacuum', () => {
  it('takes a backup while the engine runs jobs that write output; the copy opens and passes integrity_check', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-backup-'));
    const db = path.join(dir, 'live.db');
    const created = await runCli(['--db', db, 'job', 'create', '--name', 'chatty', '--command', 'for i in $(seq 1 300); do echo "line $i of some output"; done; sleep 0.3', '--every', '1s', '--overlap', 'allow']);
    expect(created.exitCode, created.stderr).toBe(0);
    const serve = execa(process.execPath, [CLI_PATH, 'serve', '--db', db, '--port', '0'], { env: { CNP_LOGIN_PATH: '0' }, reject: false, stdin: 'ignore' });
    children.push(serve);
    await waitFor(() => count(db, "SELECT COUNT(*) AS n FROM runs WHERE status = 'succeeded'") >= 2, 30_000);

    const copies = [path.join(dir, 'copy1.db'), path.join(dir, 'copy2.db')];
    for (const copy of copies) {
      // Taken while runs are being written: the engine keeps its lease and keeps going.
      const res = await runCli(['--db', db, '--json', 'db', 'backup', copy]);
      expect(res.exitCode, res.stderr).toBe(0);
      expect(res.json).toMatchObject({ file: copy, check: { ok: true, integrity: ['ok'], foreignKeyProblems: [] } });
    }
    const runsAfter = count(db, 'SELECT COUNT(*) AS n FROM runs');
    await waitFor(() => count(db, 'SELECT COUNT(*) AS n FROM runs') > runsAfter, 15_000);

    for (const copy of copies) {
      expect(fs.existsSync(`${copy}-wal`)).toBe(false);
      const conn = new BetterSqlite3(copy, { readonly: true });
      try {
        expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((conn.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBeGreaterThanOrEqual(2);
        expect((conn.prepare('SELECT COUNT(*) AS n FROM run_events').get() as { n: number }).n).toBeGreaterThan(0);
      } finally {
        conn.close();
      }
      const check = await runCli(['--db', copy, 'db', 'check']);
      expect(check.exitCode, check.stderr).toBe(0);
      expect(check.stdout).toContain('integrity_check: ok; foreign keys: ok');
    }
    serve.kill('SIGTERM');
    await serve;
  }, 90_000);

  it('refuses to overwrite an existing file (exit 2) and checks, vacuums and reports a broken foreign key (exit 1)', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-backup-'));
    const db = path.join(dir, 'a.db');
    expect((await runCli(['--db', db, 'job', 'create', '--name', 'x', '--command', 'true', '--manual'])).exitCode).toBe(0);
    const existing = path.join(dir, 'exists.db');
    fs.writeFileSync(existing, 'precious');
    const refused = await runCli(['--db', db, 'db', 'backup', existing]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('precious');

    const vacuum = await runCli(['--db', db, '--json', 'db', 'vacuum']);
    expect(vacuum.exitCode, vacuum.stderr).toBe(0);
    expect(vacuum.json).toMatchObject({ file: db });

    const conn = new BetterSqlite3(db);
    conn.pragma('foreign_keys = OFF');
    conn.prepare("INSERT INTO runs (job_id, trigger, status, created_at) VALUES (77, 'manual', 'queued', 0)").run();
    conn.close();
    const check = await runCli(['--db', db, 'db', 'check']);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toMatch(/foreign keys: 1 row\(s\) point nowhere\n {2}runs row \d+ → missing jobs/);
  }, 60_000);
});
