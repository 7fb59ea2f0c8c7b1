import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../src-main/core/db/store';

/** One printed figure: its value next to its target, and whether this run met it (null: no target). */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  target: string;
  met: boolean | null;
  /** Latencies only: the value as a multiple of the physical floor measured in the same run. */
  vsFloor?: number;
}

/** What modules share: the physical floor, measured first. */
export interface BenchContext {
  floor: { p50Ms: number; p99Ms: number } | null;
}

export interface BenchResult {
  figures: Figure[];
  details: unknown;
}

/**
 * A part of `npm run bench`. Each module measures one thing on a fresh temp database and returns
 * its figures; main.ts runs them in order (`npm run bench -- idle` runs only the named ones).
 */
export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
export const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Wall-clock epoch milliseconds with sub-millisecond resolution (Date.now has whole ms only). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();
export const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export function tempStore(): { store: Store; dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-bench-'));
  const store = openStore(path.join(dir, 'bench.db'));
  return {
    store,
    dir,
    cleanup: () => {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Enabled jobs that never fire during the run: the load the scheduler carries while it waits. */
export function addIdleJobs(store: Store, count: number): void {
  const now = Date.now();
  const insert = store.db.prepare(
    `INSERT INTO jobs (name, kind, payload, schedule_type, cron, timezone, enabled, priority, next_run_at, last_scheduled_at, created_at, updated_at)
     VALUES (?, 'shell', '{"command":"true"}', 'cron', '0 0 1 1 *', 'UTC', 1, 5, ?, ?, ?, ?)`,
  );
  const next = Date.UTC(new Date().getUTCFullYear() + 1, 0, 1);
  store.db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`idle ${i}`, next, now, now, now);
  })();
}

export const ENGINE_ENV = { ...process.env, CNP_LOGIN_PATH: '0' };

/**
 * A process's resident and peak resident memory in MB: VmRSS and VmHWM on Linux; elsewhere its
 * current RSS from ps for both (a caller sampling it keeps the highest). Null once it is gone.
 */
export function processMemoryMb(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: round(kb('VmRSS') / 1024, 1), peakMb: round(kb('VmHWM') / 1024, 1) };
  } catch {
    // not Linux, or gone
  }
  try {
    const mb = round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024, 1);
    return mb ? { rssMb: mb, peakMb: mb } : null;
  } catch {
    return null;
  }
}
