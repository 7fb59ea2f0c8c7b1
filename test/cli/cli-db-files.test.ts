import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_PATH, ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => {
  fs.chmodSync(t.dir, 0o755);
  t.cleanup();
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const cnpOn = (db: string, ...args: string[]) => runCli(['--db', db, ...args]);

/** The failure every unusable database must give: exit 2, the path, a fix, no stack, nothing changed. */
async function expectRefused(db: string, pattern: RegExp) {
  const before = fs.existsSync(db) ? sha(db) : null;
  for (const args of [['job', 'list'], ['job', 'create', '--name', 'x', '--command', 'true', '--manual']]) {
    const r = await cnpOn(db, ...args);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain(db);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/Unexpected error|at .*\.js:\d+/);
    const j = await cnpOn(db, ...args, '--json');
    expect(j.json).toMatchObject({ error: { code: 'VALIDATION', field: 'db' } });
  }
  if (before !== null) expect(sha(db)).toBe(before);
  expect(fs.readdirSync(path.dirname(db)).filter((f) => f.endsWith('-wal') || f.endsWith('-shm') || f.endsWith('-journal'))).toEqual([]);
}

describe('database files that cannot be used are refused with the path and a fix', () => {
  it('a file that is not a database', async () => {
    const db = path.join(t.dir, 'notes.db');
    fs.writeFileSync(db, 'shopping list: milk, eggs\n'.repeat(100));
    await expectRefused(db, /not a database/i);
  });

  it('a truncated database', async () => {
    const made = await cnpOn(t.db, 'job', 'create', '--name', 'x', '--command', 'true', '--manual');
    expect(made.exitCode).toBe(0);
    const cut = path.join(t.dir, 'cut.db');
    fs.writeFileSync(cut, fs.readFileSync(t.db).subarray(0, 4096 + 100));
    await expectRefused(cut, /damaged|truncated/i);
  });

  it("someone else's SQLite file is left untouched (no schema_migrations written into it)", async () => {
    const db = path.join(t.dir, 'photos.db');
    const other = new BetterSqlite3(db);
    other.exec("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO albums (title) VALUES ('summer')");
    other.close();
    await expectRefused(db, /another program|not a Claude Night Pilot/i);
    const check = new BetterSqlite3(db, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    check.close();
    expect(tables).toEqual([{ name: 'albums' }]);
  });

  it('points the original Night Pilot database at the importer', async () => {
    const db = path.join(t.dir, 'claude-pilot.db');
    const legacy = new BetterSqlite3(db);
    legacy.exec('CREATE TABLE prompts (id INTEGER PRIMARY KEY, title TEXT, content TEXT, tags TEXT, created_at TEXT); CREATE TABLE jobs (id INTEGER PRIMARY KEY, prompt_id INTEGER, cron_expr TEXT)');
    legacy.close();
    await expectRefused(db, /cnp import legacy/);
  });

  it('--db in a folder that does not exist: says so instead of creating it', async () => {
    const db = path.join(t.dir, 'no', 'such', 'folder', 'cnp.db');
    const r = await cnpOn(db, 'job', 'create', '--name', 'x', '--command', 'true', '--manual');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(path.join(t.dir, 'no', 'such', 'folder'));
    expect(r.stderr).toMatch(/does not exist/);
    expect(fs.existsSync(path.join(t.dir, 'no'))).toBe(false);
  });

  it('still creates the default app-data folder on first use', async () => {
    const home = path.join(t.dir, 'xdg');
    const r = await runCli(['job', 'create', '--name', 'x', '--command', 'true', '--manual'], { env: { XDG_CONFIG_HOME: home } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(home, 'claude-night-pilot', 'claude-night-pilot.db'))).toBe(true);
  });
});

/**
 * Permissions do not bind root, so the read-only cases run the CLI as `nobody` when the tests run
 * as root (CI does); otherwise as the current user.
 */
const asRoot = process.getuid?.() === 0;
async function cnpAsUser(db: string, ...args: string[]) {
  if (!asRoot) return cnpOn(db, ...args);
  return runCli(['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI_PATH, '--db', db, ...args], {
    env: { XDG_CONFIG_HOME: t.dir },
    command: '/usr/bin/setpriv',
  });
}

describe('a read-only database', () => {
  async function readOnlyDb(): Promise<{ db: string; before: string }> {
    const made = await cnpOn(t.db, 'job', 'create', '--name', 'nightly', '--command', 'true', '--cron', '0 3 * * *', '--tz', 'UTC');
    expect(made.exitCode, made.stderr).toBe(0);
    fs.chmodSync(t.db, 0o444);
    // The folder is read-only too, as on a mounted backup: SQLite cannot make its -shm file there.
    fs.chmodSync(t.dir, 0o555);
    return { db: t.db, before: sha(t.db) };
  }

  it('answers read-only commands', async () => {
    const { db, before } = await readOnlyDb();
    for (const args of [['job', 'list', '--json'], ['job', 'show', '1', '--json'], ['runs', 'list', '--json'], ['cooldown', 'status', '--json'], ['job', 'next', '1', '--json']]) {
      const r = await cnpAsUser(db, ...args);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const list = await cnpAsUser(db, 'job', 'list', '--json');
    expect((list.json as { name: string }[]).map((j) => j.name)).toEqual(['nightly']);
    expect(sha(db)).toBe(before);
  });

  it('refuses a change with the path and the fix, changing nothing', async () => {
    const { db, before } = await readOnlyDb();
    const r = await cnpAsUser(db, 'job', 'pause', '1');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(db);
    expect(r.stderr).toMatch(/read-only/);
    expect(r.stderr).not.toMatch(/Unexpected error/);
    expect(sha(db)).toBe(before);
  });
});
