import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { addIdleJobs, processCpuMsOver, round, sleep, startServe, tempStore, type BenchModule, type Figure } from './lib';

/** Long enough that a timer firing every few seconds is sampled many times over. */
const SECONDS = 30;
/** After start-up: the first pass, the lease, V8 settling its fresh heap. */
const SETTLE_SECONDS = 5;
// Targets from DESIGN.md section 7 (percent of one core); 100 jobs has none of its own.
const TARGETS: [jobs: number, maxPercent: number | null][] = [
  [100, null],
  [10_000, 0.2],
  [100_000, 0.5],
];

/**
 * The CPU of `cnp serve` (engine, API server and all) while it holds the lease and nothing is due,
 * in its own process as people run it: the bench process's heap, full of what earlier modules and
 * the seeding left, would put its own garbage collection into the figure.
 */
async function idleCost(jobs: number) {
  const t = tempStore();
  addIdleJobs(t.store, jobs);
  t.store.close();
  const db = path.join(t.dir, 'bench.db');
  const serve = await startServe(db);
  try {
    await waitForLease(db, serve.pid);
    await sleep(SETTLE_SECONDS * 1000);
    const cpuMs = await processCpuMsOver(serve.pid, SECONDS * 1000);
    if (cpuMs === null) throw new Error('this system does not say how much CPU a process used (/proc is missing)');
    return { jobs, seconds: SECONDS, cpuMs: round(cpuMs, 1), cpuPercentOfOneCore: round((cpuMs / (SECONDS * 1000)) * 100, 3) };
  } finally {
    await serve.stop();
    t.cleanup();
  }
}

/** Until the serving process holds the engine lease (it schedules, rather than standing by). */
async function waitForLease(db: string, pid: number): Promise<void> {
  const conn = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
  try {
    const lease = conn.prepare('SELECT pid FROM engine_lease WHERE id = 1');
    for (let waited = 0; (lease.get() as { pid: number } | undefined)?.pid !== pid; waited += 50) {
      if (waited > 30_000) throw new Error('cnp serve did not take the engine lease within 30 s');
      await sleep(50);
    }
  } finally {
    conn.close();
  }
}

export const idleCpuModule: BenchModule = {
  name: 'idle',
  async run() {
    const results = [];
    const figures: Figure[] = [];
    for (const [jobs, max] of TARGETS) {
      const r = await idleCost(jobs);
      results.push(r);
      figures.push({
        figure: `idle CPU, ${jobs.toLocaleString('en')} jobs`,
        value: r.cpuPercentOfOneCore,
        unit: '% of one core',
        target: max === null ? 'none (reference)' : `< ${max} %`,
        met: max === null ? null : r.cpuPercentOfOneCore < max,
      });
    }
    return { figures, details: results };
  },
};
