import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WAL_CHECKPOINT_BYTES, openDatabase } from './open';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-page-size-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const pageSize = (db: BetterSqlite3.Database) => db.pragma('page_size', { simple: true }) as number;
const autocheckpoint = (db: BetterSqlite3.Database) => db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('the page size of the database file', () => {
  it('is 16 KB for a database this program creates, with the WAL checkpointed after as many bytes, and a 3 KB line stays in its row', () => {
    const file = path.join(dir, 'new.db');
    const db = openDatabase(file);
    try {
      expect(pageSize(db)).toBe(16 * 1024);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // The WAL is folded in after as many bytes as with 4 KB pages, not after 1,000 bigger pages.
      expect(autocheckpoint(db)).toBe(250);
      expect(autocheckpoint(db) * pageSize(db)).toBe(WAL_CHECKPOINT_BYTES);
      db.prepare("INSERT INTO jobs (name, kind, schedule_type, timezone, created_at, updated_at) VALUES ('j', 'shell', 'manual', 'UTC', 0, 0)").run();
      db.prepare("INSERT INTO runs (job_id, trigger, status, created_at) VALUES (1, 'manual', 'succeeded', 0)").run();
      db.prepare("INSERT INTO run_events (run_id, seq, ts, kind, payload) VALUES (1, 1, 0, 'stdout', ?)").run(JSON.stringify({ text: 'x'.repeat(3000) }));
      // In 4 KB pages a row this long takes a leaf page and an overflow page; here the leaf holds it.
      const pages = db.prepare("SELECT COUNT(*) FROM dbstat WHERE name = 'run_events'").pluck().get() as number;
      expect(pages).toBe(1);
    } finally {
      db.close();
    }
  });

  it('stays what it was for a database that already has pages, and so does its checkpoint threshold', () => {
    const file = path.join(dir, 'older.db');
    const older = new BetterSqlite3(file);
    older.pragma('page_size = 4096');
    older.pragma('journal_mode = WAL');
    older.close();

    const db = openDatabase(file);
    try {
      expect(pageSize(db)).toBe(4096);
      // SQLite's own default, as before.
      expect(autocheckpoint(db)).toBe(1000);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'run_events'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
