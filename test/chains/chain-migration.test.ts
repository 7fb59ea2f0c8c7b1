import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, parseMigrationFiles } from '../../src-main/core/db/migrations';

const dir = path.resolve(__dirname, '../../migrations');
const allMigrations = () => parseMigrationFiles(Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])));
const chainsVersion = () => allMigrations().find((m) => m.name.endsWith('_job_chains.sql'))!.version;

let tmp: string | null = null;
afterEach(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

describe('the job-chains migration', () => {
  it('rebuilds runs with the chain trigger without losing a row, an event or a reference', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-mig-'));
    const db = new BetterSqlite3(path.join(tmp, 'm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, allMigrations().filter((m) => m.version < chainsVersion()));
    db.exec(`INSERT INTO jobs (id, name, kind, schedule_type, timezone, created_at, updated_at) VALUES (1, 'j', 'shell', 'manual', 'UTC', 0, 0);
      INSERT INTO runs (id, job_id, trigger, status, scheduled_for, created_at) VALUES (1, 1, 'schedule', 'succeeded', 1000, 0);
      INSERT INTO runs (id, job_id, trigger, retry_of, status, created_at) VALUES (2, 1, 'retry', 1, 'failed', 0);
      INSERT INTO run_events (run_id, seq, ts, kind, payload) VALUES (1, 1, 0, 'stdout', '{"text":"hi"}'), (2, 1, 0, 'stdout', '{"text":"yo"}');
      INSERT INTO cooldowns (started_at, resets_at, source, message, run_id) VALUES (0, 1, 's', 'm', 2);`);
    expect(() => db.prepare("INSERT INTO runs (job_id, trigger, status, created_at) VALUES (1, 'chain', 'queued', 0)").run()).toThrow(/CHECK/);

    migrate(db, allMigrations());

    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, trigger, retry_of FROM runs ORDER BY id').all()).toEqual([
      { id: 1, trigger: 'schedule', retry_of: null },
      { id: 2, trigger: 'retry', retry_of: 1 },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM run_events').get()).toEqual({ n: 2 });
    db.prepare("INSERT INTO runs (job_id, trigger, status, created_at) VALUES (1, 'chain', 'queued', 0)").run();
    // The slot key came back with the table, and the other tables still point at runs.
    expect(() => db.prepare("INSERT INTO runs (job_id, trigger, status, scheduled_for, created_at) VALUES (1, 'schedule', 'queued', 1000, 0)").run()).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM runs WHERE id = 2').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM run_events').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT run_id FROM cooldowns').get()).toEqual({ run_id: null });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
