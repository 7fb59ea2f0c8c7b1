import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiFor, call, tempStore, type TempStore } from '../../../test/helpers/temp-store';
import { backupDatabase, backupFileName, checkFile, checkIntegrity, pruneBackups } from './backup';
import { DailyMaintenance, type MaintenancePass } from './daily';
import { DAY_MS, RunRetention } from './retention';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const NOW = Date.parse('2026-06-01T03:00:00Z');

async function withRuns() {
  t = tempStore();
  const api = apiFor(t.store);
  const job = await call(api, 'jobs.create', { name: 'j', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
  const add = (status: 'succeeded' | 'queued' | 'running' | 'failed', finishedDaysAgo: number | null) =>
    t!.store.runs.insert(
      { jobId: job.id, trigger: 'manual', status, priority: 5, scheduledFor: null, finishedAt: finishedDaysAgo === null ? null : NOW - finishedDaysAgo * DAY_MS },
      NOW - 400 * DAY_MS,
    )!;
  return { store: t.store, add };
}

describe('RunRetention', () => {
  it('deletes finished runs older than the cutoff with their events, batch by batch, and nothing else', async () => {
    const { store, add } = await withRuns();
    const old = [add('succeeded', 100), add('failed', 95), add('succeeded', 91)];
    const kept = [add('succeeded', 89), add('queued', null), add('running', null)];
    const event = store.db.prepare("INSERT INTO run_events (run_id, seq, ts, kind, payload) VALUES (?, 1, 0, 'stdout', '{}')");
    for (const id of [...old, ...kept]) event.run(id);
    const retention = new RunRetention(store.db);
    const cutoff = NOW - 90 * DAY_MS;
    expect(retention.deleteBatch(cutoff, 2)).toEqual({ runs: 2, events: 2 });
    expect(retention.deleteBatch(cutoff, 2)).toEqual({ runs: 1, events: 1 });
    expect(retention.deleteBatch(cutoff, 2)).toEqual({ runs: 0, events: 0 });
    for (const id of old) expect(store.runs.get(id)).toBeNull();
    for (const id of kept) expect(store.runs.get(id)).not.toBeNull();
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM run_events').get() as { n: number }).n).toBe(3);
  });
});

describe('DailyMaintenance', () => {
  it('runs once a day, records its pass, and keeps the newest N automatic backups', async () => {
    const { store, add } = await withRuns();
    add('succeeded', 200);
    const dir = path.join(path.dirname(store.path), 'bk');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    for (const d of [1, 2, 3]) fs.writeFileSync(path.join(dir, backupFileName(NOW - d * DAY_MS)), 'older');
    store.settings.setMany({ autoBackup: true, autoBackupKeep: 2, backupDir: dir });
    const passes: MaintenancePass[] = [];
    const m = new DailyMaintenance(store, { onPass: (p) => passes.push(p) });
    m.poke(NOW);
    await m.idle();
    m.poke(NOW + 3_600_000); // an hour later: not due
    await m.idle();
    expect(passes).toHaveLength(1);
    expect(passes[0]).toMatchObject({ deletedRuns: 1, error: null, backup: path.join(dir, backupFileName(NOW)) });
    expect(fs.readdirSync(dir).sort()).toEqual([backupFileName(NOW - DAY_MS), backupFileName(NOW), 'notes.txt'].sort());
    expect(checkFile(path.join(dir, backupFileName(NOW))).ok).toBe(true);
    m.poke(NOW + DAY_MS);
    await m.idle();
    expect(passes).toHaveLength(2);
    await m.stop();
  });
});

describe('backups', () => {
  it('refuses to overwrite a file and leaves no partial file behind', async () => {
    const { store } = await withRuns();
    const target = path.join(path.dirname(store.path), 'copy.db');
    fs.writeFileSync(target, 'keep me');
    await expect(backupDatabase(store.db, target)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    await expect(backupDatabase(store.db, path.join(path.dirname(store.path), 'no-such-dir', 'x.db'))).rejects.toThrow(/does not exist/);
  });

  it('reports rows whose foreign key points nowhere', async () => {
    const { store } = await withRuns();
    expect(checkIntegrity(store.db).ok).toBe(true);
    store.db.pragma('foreign_keys = OFF');
    store.db.prepare("INSERT INTO runs (job_id, trigger, status, created_at) VALUES (999, 'manual', 'queued', 0)").run();
    store.db.pragma('foreign_keys = ON');
    const report = checkIntegrity(store.db);
    expect(report.ok).toBe(false);
    expect(report.foreignKeyProblems).toEqual([expect.objectContaining({ table: 'runs', parent: 'jobs' })]);
  });

  it('names automatic backups by UTC time so they sort, and prunes only its own files', () => {
    expect(backupFileName(Date.parse('2026-12-01T02:03:04.567Z'))).toBe('cnp-backup-20261201T020304Z.db');
    expect(pruneBackups('/no/such/dir', 3)).toEqual([]);
  });
});
