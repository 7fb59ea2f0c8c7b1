/**
 * `npm run bench`: the performance figures of DESIGN.md §7, measured on this machine and printed as
 * one JSON document. Targets are reported next to each figure, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cron } from 'croner';
import { openStore, type Store } from '../src-main/core/db/store';
import { Engine } from '../src-main/core/engine';
import { createApi } from '../src-main/core/api';
import { hugeLineRss, logIngest, OUTPUT_TARGETS } from './output';

const PROBES = 40;
const SPACING_MS = 120;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tempStore(): { store: Store; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-bench-'));
  return { store: openStore(path.join(dir, 'bench.db')), dir };
}

/** Enabled jobs that never fire during the run: the load the scheduler carries on every tick. */
function addIdleJobs(store: Store, count: number): void {
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

/** Due instant → child spawned, for one-time probe jobs among `jobs` enabled jobs. */
async function fireLatency(jobs: number) {
  const { store, dir } = tempStore();
  addIdleJobs(store, jobs - PROBES);
  const latencies: number[] = [];
  const due = new Map<number, number>();
  const engine = new Engine({
    store,
    version: 'bench',
    env: { ...process.env, CNP_LOGIN_PATH: '0' },
    onSpawn: (runId) => {
      const run = store.runs.get(runId);
      if (run?.scheduledFor) latencies.push(Date.now() - run.scheduledFor);
      due.set(runId, 1);
    },
  });
  store.settings.setMany({ maxConcurrentRuns: 8 });
  await engine.start();
  const api = engine.api('system');
  const start = Date.now() + 1500;
  for (let i = 0; i < PROBES; i++) {
    await api['jobs.create']({ name: `probe ${i}`, kind: 'shell', command: 'true', schedule: { type: 'once', at: new Date(start + i * SPACING_MS).toISOString(), timezone: 'UTC' } });
  }
  const deadline = start + PROBES * SPACING_MS + 10_000;
  while (due.size < PROBES && Date.now() < deadline) await sleep(50);
  await engine.idle();
  await engine.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { jobs, samples: latencies.length, p50Ms: pct(latencies, 50), p99Ms: pct(latencies, 99) };
}

/** The same instants with bare croner timers: the floor any scheduler on this machine starts from. */
async function croneBaseline() {
  const latencies: number[] = [];
  const start = Date.now() + 500;
  const crons = Array.from({ length: PROBES }, (_, i) => {
    const at = start + i * SPACING_MS;
    return new Cron(new Date(at), () => {
      latencies.push(Date.now() - at);
    });
  });
  await sleep(PROBES * SPACING_MS + 1500);
  crons.forEach((c) => c.stop());
  return { samples: latencies.length, p50Ms: pct(latencies, 50), p99Ms: pct(latencies, 99) };
}

async function idleCost(jobs: number, seconds: number) {
  const { store, dir } = tempStore();
  addIdleJobs(store, jobs);
  const engine = new Engine({ store, version: 'bench', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  await sleep(1000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  await engine.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { jobs, seconds, cpuPercentOfOneCore: round(((cpu.user + cpu.system) / 1000 / wall) * 100, 3) };
}

/** 1,000,000 runs in the DB: the engine's memory and the API's page latency. */
async function bigDatabase() {
  const { store, dir } = tempStore();
  addIdleJobs(store, 10_000);
  const t0 = Date.now();
  store.db.exec(`INSERT INTO runs (job_id, trigger, status, priority, scheduled_for, created_at, started_at, finished_at, exit_code, cost_usd)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
    SELECT (i % 10000) + 1, 'manual', CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'succeeded' END, 5, ${t0} - i * 1000, ${t0} - i * 1000,
           ${t0} - i * 1000, ${t0} - i * 1000 + 500, 0, 0.001 FROM n`);
  const seedSeconds = (Date.now() - t0) / 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const engine = new Engine({ store, version: 'bench', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  await sleep(2000);
  gc?.();
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const api = createApi({ store, actor: 'ui', now: Date.now, engine: null, version: 'bench' });
  const time = async (fn: () => unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < 60; i++) {
      const s = performance.now();
      await fn();
      xs.push(performance.now() - s);
    }
    return round(pct(xs.slice(10), 95), 3);
  };
  const jobsPage = await time(() => api['jobs.list']({ limit: 100, offset: 5000 }));
  const runsPage = await time(() => api['runs.list']({ limit: 100, offset: 0 }));
  const runsOfJob = await time(() => api['runs.list']({ jobId: 4242, limit: 100, offset: 0 }));
  await engine.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { runs: 1_000_000, jobs: 10_000, seedSeconds: round(seedSeconds, 1), engineRssMb: round(rssMb, 1), apiP95Ms: { jobsPage, runsPage, runsOfJob } };
}

async function main() {
  const started = Date.now();
  const baseline = await croneBaseline();
  const latency = [];
  for (const n of [100, 1000, 10_000]) latency.push(await fireLatency(n));
  const result = {
    machine: { cpus: os.cpus().length, node: process.version },
    fireLatency: latency.map((l) => ({ ...l, p99VsCronerBaseline: round(l.p99Ms / Math.max(1, baseline.p99Ms), 2) })),
    cronerBaseline: baseline,
    idle: await idleCost(10_000, 10),
    bigDatabase: await bigDatabase(),
    logIngest: await logIngest(200_000),
    hugeLine: await hugeLineRss(),
    targets: {
      fireLatencyP99Ms: 20,
      idleCpuPercent: 1,
      rssMbWith1MRuns: 200,
      logIngestLinesPerSecond: OUTPUT_TARGETS.logIngestLinesPerSecond,
      eventLoopLagP99Ms: OUTPUT_TARGETS.eventLoopLagP99Ms,
      hugeLinePeakRssMb: OUTPUT_TARGETS.hugeLinePeakRssMb,
      apiP95Ms: 10,
    },
    totalSeconds: round((Date.now() - started) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
