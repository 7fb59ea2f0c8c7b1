import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './store';
import { BACKSTOP_BYTES } from './background-writer';
import { WAL_CHECKPOINT_BYTES, pagesOf } from './open';
import type { EventRow } from './events-repo';
import { apiFor, call, tempStore, waitFor, type TempStore } from '../../../test/helpers/temp-store';

/** Writes `batches` batches of 1,000 events of about `lineBytes` each, numbered after `from`, as an EventSink does. */
function writeOutput(t: TempStore, runId: number, batches: number, from = 0, lineBytes = 1000): number {
  let seq = from;
  for (let b = 0; b < batches; b++) {
    const rows = Array.from({ length: 1000 }, () => {
      seq += 1;
      return { seq, ts: 1_700_000_000_000 + seq, kind: 'stdout' as const, json: JSON.stringify({ text: `line ${seq} ${'x'.repeat(lineBytes)}` }) };
    });
    t.store.events.appendRows(runId, rows, seq, false);
  }
  return seq;
}

async function makeRun(t: TempStore): Promise<number> {
  const job = await call(apiFor(t.store), 'jobs.create', { name: 'chatty', kind: 'shell', command: 'yes', schedule: { type: 'manual', timezone: 'UTC' } });
  return t.store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: 0 }, 0)!;
}

/** Hands one batch to the running worker, as an EventSink does, and resolves with what it answered. */
function appendOnWorker(t: TempStore, runId: number, rows: EventRow[]): Promise<Error | null> {
  return new Promise((resolve) => {
    const taken = t.store.events.appendInBackground(runId, rows, rows[rows.length - 1]!.seq, false, resolve);
    expect(taken).toBe(true);
  });
}

const takesAppends = (t: TempStore) => (t.store.events as unknown as { background: { takesAppends: boolean } }).background.takesAppends;
const storedRows = (t: TempStore, runId: number) => t.store.db.prepare('SELECT count(*) FROM run_events WHERE run_id = ?').pluck().get(runId) as number;

const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
const autocheckpoint = (t: TempStore) => t.store.db.pragma('wal_autocheckpoint', { simple: true }) as number;
/** The writer's own threshold and the worker's backstop, in the pages of this database. */
const ownThreshold = (t: TempStore) => pagesOf(t.store.db, WAL_CHECKPOINT_BYTES);
const backstop = (t: TempStore) => pagesOf(t.store.db, BACKSTOP_BYTES);
const pageBytes = (t: TempStore) => t.store.db.pragma('page_size', { simple: true }) as number;

describe('WAL checkpoints of bulk run output', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it('leaves small writes to SQLite itself', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    writeOutput(t, runId, 1, 0, 500);
    expect(autocheckpoint(t)).toBe(ownThreshold(t));
    expect(autocheckpoint(t) * pageBytes(t)).toBe(WAL_CHECKPOINT_BYTES);
  });

  it('never checkpoints the first megabytes of a burst inside a commit, while its worker is still starting', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const before = size(t.dbPath);
    // Synchronous: the worker thread cannot have said it is ready before this returns. Lines of
    // 400 bytes, like stream-json ones, sit in their leaf pages (longer ones spill into overflow pages).
    writeOutput(t, runId, 12, 0, 400);
    expect(size(`${t.dbPath}-wal`)).toBeGreaterThan(5_000_000);
    // The writer's own checkpoint (at about 4 MB of WAL) would have copied them into the file,
    // fsync and all, in the commit on the event loop: nothing of them is in the database file yet.
    expect(size(t.dbPath) - before).toBeLessThan(512 * 1024);
    await waitFor(() => size(t.dbPath) - before > 5 * 1024 * 1024);
  });

  it('folds megabytes of output into the database file from a worker, then hands checkpoints back to SQLite', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const last = writeOutput(t, runId, 12);
    // The worker took over: the writer's own checkpoint is only a backstop now.
    await waitFor(() => autocheckpoint(t) === backstop(t));
    expect(autocheckpoint(t) * pageBytes(t)).toBe(BACKSTOP_BYTES);
    // With the writer idle, the worker copies what the WAL holds into the database file.
    await waitFor(() => size(t.dbPath) > 8 * 1024 * 1024);
    // Once quiet, the worker closes and SQLite checkpoints by itself again.
    await waitFor(() => autocheckpoint(t) === ownThreshold(t));
    expect(t.store.events.list(runId, 0, 20_000).map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  });

  it('started inside withoutAutoCheckpoint, keeps its backstop and gives back the setting that was held', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    t.store.events.withoutAutoCheckpoint(() => {
      expect(autocheckpoint(t)).toBe(0);
      writeOutput(t, runId, 12);
    });
    // The worker's backstop stays in force; the held 0 is not what it gives back when it stops.
    expect(autocheckpoint(t)).toBe(backstop(t));
    await waitFor(() => autocheckpoint(t) === ownThreshold(t));
  });

  it('closing the database while the worker is busy still folds the WAL in and removes it', async () => {
    t = tempStore();
    const runId = await makeRun(t);
    const first = writeOutput(t, runId, 12);
    await waitFor(() => autocheckpoint(t) === backstop(t), 15_000, 1);
    // More output keeps the worker checkpointing while the database is closed under it.
    const last = writeOutput(t, runId, 12, first);
    t.store.close();
    expect(fs.existsSync(`${t.dbPath}-wal`)).toBe(false);
    const again = openStore(t.dbPath);
    try {
      expect(again.events.list(runId, last - 1, 10).map((e) => e.seq)).toEqual([last]);
      expect(again.runs.view(runId)?.eventCount).toBe(last);
    } finally {
      again.close();
    }
  });

  describe('on the worker, run_events keeps the guarantees of its constraints', () => {
    it('stores a batch whose kinds the table allows', async () => {
      t = tempStore();
      const runId = await makeRun(t);
      const last = writeOutput(t, runId, 2);
      await waitFor(() => takesAppends(t));
      const rows: EventRow[] = ['stdout', 'assistant', 'result'].map((kind, i) => ({ seq: last + i + 1, ts: 1, kind: kind as EventRow['kind'], json: '{}' }));
      expect(await appendOnWorker(t, runId, rows)).toBeNull();
      expect(storedRows(t, runId)).toBe(last + 3);
      expect(t.store.runs.view(runId)?.eventCount).toBe(last + 3);
    });

    it('refuses a batch holding a kind the table does not allow, and stores none of it', async () => {
      t = tempStore();
      const runId = await makeRun(t);
      const last = writeOutput(t, runId, 2);
      await waitFor(() => takesAppends(t));
      const rows: EventRow[] = [
        { seq: last + 1, ts: 1, kind: 'stdout', json: '{}' },
        { seq: last + 2, ts: 1, kind: 'gossip' as EventRow['kind'], json: '{}' },
      ];
      const error = await appendOnWorker(t, runId, rows);
      expect(error?.message).toMatch(/run_events\.kind cannot be "gossip"/);
      expect(storedRows(t, runId)).toBe(last);
      expect(t.store.runs.view(runId)?.eventCount).toBe(last);
    });

    it('refuses a batch for a run deleted meanwhile: no rows are left without their run', async () => {
      t = tempStore();
      const runId = await makeRun(t);
      writeOutput(t, runId, 2);
      await waitFor(() => takesAppends(t));
      const gone = t.store.runs.insert({ jobId: t.store.runs.view(runId)!.jobId, trigger: 'manual', status: 'queued', priority: 5, scheduledFor: 1 }, 0)!;
      t.store.db.prepare('DELETE FROM runs WHERE id = ?').run(gone);
      const error = await appendOnWorker(t, gone, [{ seq: 1, ts: 1, kind: 'stdout', json: '{}' }]);
      expect(error?.message).toMatch(new RegExp(`run ${gone} no longer exists`));
      expect(storedRows(t, gone)).toBe(0);
      expect(t.store.db.pragma('foreign_key_check(run_events)')).toEqual([]);
    });
  });
});
