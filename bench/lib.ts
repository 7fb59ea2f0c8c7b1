import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** `cnp serve` of this build, in its own process: the engine as people run it. */
export interface ServeProcess {
  pid: number;
  /** Calls an API channel over HTTP as the web UI does; throws the API's error message. */
  call(channel: string, input: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `cnp serve` on `db` and resolves once it printed its URL. */
export async function startServe(db: string): Promise<ServeProcess> {
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cnp.js');
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0'], { env: { ...ENGINE_ENV }, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(new URL(out.split('\n')[0]!));
      });
      child.once('exit', (code) => reject(new Error(`cnp serve exited (${code}) before it printed its URL`)));
      setTimeout(() => reject(new Error('cnp serve printed no URL within 60 s')), 60_000).unref();
    });
    const call = async (channel: string, input: unknown) => {
      const res = await fetch(`http://${url.host}/api/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${url.searchParams.get('token')}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
      return body.data;
    };
    return { pid: child.pid!, call, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The CPU time a process spends over `ms`, in ms, all its threads counted. On Linux from each
 * thread's scheduler run time (/proc/<pid>/task/<tid>/schedstat, in nanoseconds), sampled every
 * second so a thread that ends on the way still counts up to its last sample; the tick-counted
 * utime/stime would round a 0.2 % figure over 30 s to ±10 ms, a sixth of it. Null elsewhere.
 */
export async function processCpuMsOver(pid: number, ms: number): Promise<number | null> {
  const read = (): Map<string, number> | null => {
    try {
      const threads = new Map<string, number>();
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        try {
          threads.set(tid, Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
        } catch {
          // ended between the listing and the read
        }
      }
      return threads;
    } catch {
      return null;
    }
  };
  const first = read();
  if (!first) return null;
  const last = new Map(first);
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await sleep(Math.min(1000, end - performance.now()));
    for (const [tid, ns] of read() ?? []) last.set(tid, ns);
  }
  let ns = 0;
  for (const [tid, at] of last) ns += at - (first.get(tid) ?? 0);
  return ns / 1e6;
}
