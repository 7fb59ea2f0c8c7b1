import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, parseMigrationFiles } from './migrations';
import { openStore, type Store } from './store';

/**
 * A job's last run and success rate are kept on its row by triggers (migration 0010). The oracle
 * is the query they replaced, run against the runs themselves: after every change, whoever made it,
 * the kept figures must be exactly what it gives.
 */
const ORACLE = `SELECT
  (SELECT COALESCE(r.started_at, r.created_at) FROM runs r WHERE r.job_id = ? ORDER BY r.id DESC LIMIT 1) AS lastRunAt,
  (SELECT r.status FROM runs r WHERE r.job_id = ? ORDER BY r.id DESC LIMIT 1) AS lastStatus,
  (SELECT AVG(s = 'succeeded') FROM (SELECT r.status AS s FROM runs r WHERE r.job_id = ?
     AND r.status IN ('succeeded', 'failed', 'timed_out', 'interrupted') ORDER BY r.id DESC LIMIT 50)) AS successRate`;

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'interrupted', 'deferred_cooldown', 'skipped'] as const;

const migrationsDir = path.resolve(__dirname, '../../../migrations');
const allMigrations = () =>
  parseMigrationFiles(Object.fromEntries(fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).map((f) => [f, fs.readFileSync(path.join(migrationsDir, f), 'utf8')])));
const statsVersion = () => allMigrations().find((m) => m.name.endsWith('_job_run_stats.sql'))!.version;

/** A small deterministic generator, so a failure replays the same way. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let tmp: string | null = null;
let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

function freshStore(): Store {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-stats-'));
  store = openStore(path.join(tmp, 's.db'));
  return store;
}

function addJob(s: Store, name: string): number {
  return Number(
    s.db.prepare("INSERT INTO jobs (name, kind, schedule_type, timezone, created_at, updated_at) VALUES (?, 'shell', 'manual', 'UTC', 0, 0)").run(name)
      .lastInsertRowid,
  );
}

function expectKeptEqualsOracle(s: Store | BetterSqlite3.Database, step: string): void {
  const db = 'db' in s ? s.db : s;
  const oracle = db.prepare(ORACLE);
  const jobs = db.prepare('SELECT id, last_run_at AS lastRunAt, last_status AS lastStatus, success_rate AS successRate FROM jobs').all() as {
    id: number;
  }[];
  for (const { id, ...kept } of jobs) expect(kept, `job ${id} after ${step}`).toEqual(oracle.get(id, id, id));
}

describe('job run figures kept by triggers', () => {
  it('match the runs after every kind of change: runs created, started, finished out of order, deleted, retried, cascaded', () => {
    const s = freshStore();
    const jobs = [addJob(s, 'a'), addJob(s, 'b'), addJob(s, 'c')];
    const rnd = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const insert = s.db.prepare('INSERT INTO runs (id, job_id, trigger, status, priority, created_at, started_at) VALUES (?, ?, ?, ?, 5, ?, ?)');
    const runIds = () => (s.db.prepare('SELECT id FROM runs').all() as { id: number }[]).map((r) => r.id);
    let clock = 1_000;
    for (let step = 0; step < 2_000; step++) {
      const roll = rnd();
      clock += 1_000;
      const jobId = pick(jobs);
      if (roll < 0.55) {
        // Mostly the next id, sometimes an id below existing runs (imports keep their own ids).
        const id = rnd() < 0.9 ? null : 1 + Math.floor(rnd() * 100_000);
        if (id !== null && runIds().includes(id)) continue;
        insert.run(id, jobId, 'manual', pick(STATUSES), clock, rnd() < 0.5 ? clock + 5 : null);
      } else if (roll < 0.85) {
        const ids = runIds();
        if (!ids.length) continue;
        const id = rnd() < 0.7 ? ids.sort((a, b) => b - a)[Math.floor(rnd() * Math.min(ids.length, 5))]! : pick(ids);
        if (rnd() < 0.8) s.db.prepare('UPDATE runs SET status = ? WHERE id = ?').run(pick(STATUSES), id);
        else s.db.prepare('UPDATE runs SET started_at = ? WHERE id = ?').run(rnd() < 0.3 ? null : clock, id);
      } else if (roll < 0.96) {
        const ids = runIds();
        if (ids.length) s.db.prepare('DELETE FROM runs WHERE id = ?').run(pick(ids));
      } else {
        // What retention does: the oldest runs go in a batch.
        s.db.prepare('DELETE FROM runs WHERE id IN (SELECT id FROM runs ORDER BY created_at LIMIT 5)').run();
      }
      expectKeptEqualsOracle(s, `step ${step}`);
    }
    // The walk went past a full window, so runs left it at the floor as others came in.
    expect((s.db.prepare('SELECT MAX(stats_window_n) AS n FROM jobs').get() as { n: number }).n).toBe(50);

    // Deleting a job takes its runs with it, and the other jobs' figures stay as they were.
    s.jobs.delete(jobs[0]!);
    expectKeptEqualsOracle(s, 'deleting a job');
  });

  it('shift the 50-run window when runs finish in order, as the engine runs them', () => {
    const s = freshStore();
    const jobId = addJob(s, 'nightly');
    const other = addJob(s, 'other');
    for (let i = 0; i < 130; i++) {
      const id = s.runs.insert({ jobId, trigger: 'schedule', status: 'queued', priority: 5, scheduledFor: i * 1000 }, i * 1000)!;
      s.db.prepare("UPDATE runs SET status = 'running', started_at = ? WHERE id = ?").run(i * 1000 + 1, id);
      expect(s.jobs.stats(jobId)).toMatchObject({ lastStatus: 'running', lastRunAt: i * 1000 + 1 });
      s.db.prepare('UPDATE runs SET status = ? WHERE id = ?').run(i % 3 === 0 ? 'failed' : 'succeeded', id);
      if (i % 10 === 0) s.runs.insert({ jobId: other, trigger: 'manual', status: 'skipped', priority: 5, scheduledFor: null }, i * 1000);
      expectKeptEqualsOracle(s, `run ${i}`);
    }
    // 50 newest finished: runs 80–129, of which those with i % 3 === 0 failed (17 of them).
    expect(s.jobs.stats(jobId).successRate).toBe(33 / 50);
    expect(s.jobs.stats(other)).toEqual({ lastRunAt: 120_000, lastStatus: 'skipped', successRate: null });
  });

  it('are computed for the runs a database already holds when it is upgraded', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-stats-'));
    const db = new BetterSqlite3(path.join(tmp, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, allMigrations().filter((m) => m.version < statsVersion()));
    db.exec(`INSERT INTO jobs (id, name, kind, schedule_type, timezone, created_at, updated_at) VALUES
      (1, 'busy', 'shell', 'manual', 'UTC', 0, 0), (2, 'idle', 'shell', 'manual', 'UTC', 0, 0)`);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
       INSERT INTO runs (job_id, trigger, status, priority, created_at, started_at)
       SELECT 1, 'manual', CASE WHEN i % 4 = 0 THEN 'failed' WHEN i % 7 = 0 THEN 'cancelled' ELSE 'succeeded' END, 5, i * 1000, i * 1000 + 3 FROM n`,
    ).run();
    db.prepare("INSERT INTO runs (job_id, trigger, status, priority, created_at) VALUES (1, 'manual', 'queued', 5, 999999)").run();
    migrate(db, allMigrations());
    expectKeptEqualsOracle(db, 'the upgrade');
    expect(db.prepare('SELECT last_status, last_run_at FROM jobs WHERE id = 1').get()).toEqual({ last_status: 'queued', last_run_at: 999999 });
    db.close();
  });
});
