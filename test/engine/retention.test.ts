import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import type { ExecutionRequest, ExecutionResult, Executor } from '../../src-main/core/executors/types';
import type { MaintenancePass } from '../../src-main/core/maintenance/daily';
import { call, tempStore, type TempStore } from '../helpers/temp-store';

const DAY = 86_400_000;
const OLD_RUNS = 200_000;

let t: TempStore | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
  t = null;
});

/** Records when each run reached its executor (real time), and finishes it at once. */
class StartRecorder implements Executor {
  readonly starts: { runId: number; scheduledFor: number | null; at: number }[] = [];
  execute(req: ExecutionRequest): Promise<ExecutionResult> {
    this.starts.push({ runId: req.run.id, scheduledFor: req.run.scheduledFor, at: Date.now() });
    return Promise.resolve({ status: 'succeeded', exitCode: 0, error: null, errorKind: null });
  }
}

/** 200,000 finished runs from 200 days ago, each with two events, written straight into the file. */
function seedOldRuns(store: TempStore['store'], jobId: number): void {
  const old = Date.now() - 200 * DAY;
  store.db.transaction(() => {
    // Every tenth run is a retry of the one before: deleting it must not scan the table.
    store.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO runs (id, job_id, trigger, attempt, status, priority, scheduled_for, created_at, started_at, finished_at, event_count, retry_of)
         SELECT i, ?, 'schedule', 1, 'succeeded', 5, ? + i * 1000, ? + i * 1000, ? + i * 1000, ? + i * 1000 + 500, 2, CASE WHEN i % 10 = 0 THEN i - 1 END FROM n`,
      )
      .run(OLD_RUNS, jobId, old, old, old, old);
    for (const seq of [1, 2]) {
      store.db.prepare(`INSERT INTO run_events (run_id, seq, ts, kind, payload) SELECT id, ?, created_at, 'stdout', '{"text":"a line"}' FROM runs WHERE job_id = ?`).run(seq, jobId);
    }
  })();
  expect((store.db.prepare('SELECT COUNT(*) AS n FROM run_events').get() as { n: number }).n).toBe(2 * OLD_RUNS);
}

describe('retention', () => {
  it('deletes 200,000 old runs and their events in small batches while the engine keeps firing on time', async () => {
    t = tempStore();
    const store = t.store;
    const api = (await import('../helpers/temp-store')).apiFor(store);
    const archive = await call(api, 'jobs.create', { name: 'archive', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } });
    seedOldRuns(store, archive.id);
    await call(api, 'settings.set', { retentionDays: 30 });
    // A run from yesterday and one still queued from long ago are kept.
    const recent = store.runs.insert({ jobId: archive.id, trigger: 'manual', status: 'succeeded', priority: 5, scheduledFor: null, finishedAt: Date.now() - DAY }, Date.now() - DAY)!;
    const ticker = await call(api, 'jobs.create', { name: 'every second', kind: 'shell', command: 'true', schedule: { type: 'cron', cron: '* * * * * *', timezone: 'UTC' } });

    const exec = new StartRecorder();
    let passDone: (p: MaintenancePass) => void = () => undefined;
    const pass = new Promise<MaintenancePass>((resolve) => (passDone = resolve));
    const startedAt = Date.now();
    engine = new Engine({
      store,
      version: 'test',
      executors: { shell: exec },
      env: { ...process.env, CNP_LOGIN_PATH: '0' },
      maintenance: { batchSize: 250, pauseMs: 5, onPass: (p) => passDone(p) },
    });
    await engine.start();
    const result = await pass;
    const passEndedAt = Date.now();
    // Keep the engine going a little past the pass, then look at every slot it fired.
    await new Promise((r) => setTimeout(r, 1500));
    await engine.stop();
    engine = null;

    expect(result).toMatchObject({ deletedRuns: OLD_RUNS, deletedEvents: 2 * OLD_RUNS, error: null });
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE job_id = ?').get(archive.id) as { n: number }).n).toBe(1);
    expect(store.runs.get(recent)).not.toBeNull();
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM run_events').get() as { n: number }).n).toBe(0);

    const fired = exec.starts.filter((s) => s.scheduledFor !== null);
    // The pass took several seconds, and the every-second job fired throughout it.
    const duringPass = fired.filter((s) => s.at <= passEndedAt);
    expect(passEndedAt - startedAt).toBeGreaterThan(2000);
    expect(duringPass.length).toBeGreaterThanOrEqual(2);
    // On time: each slot started well within its second, and no slot in between was skipped.
    const lateness = fired.map((s) => s.at - s.scheduledFor!);
    expect(Math.max(...lateness)).toBeLessThan(900);
    const slots = fired.map((s) => s.scheduledFor!).sort((a, b) => a - b);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBe(1000);
    const skipped = store.db.prepare("SELECT COUNT(*) AS n FROM runs WHERE job_id = ? AND status = 'skipped'").get(ticker.id) as { n: number };
    expect(skipped.n).toBe(0);
  }, 120_000);
});
