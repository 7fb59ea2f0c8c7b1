import { createApi } from '../src-main/core/api';
import { Engine } from '../src-main/core/engine';
import { ENGINE_ENV, addIdleJobs, gc, pct, round, sleep, tempStore, type BenchModule } from './lib';

const RSS_TARGET_MB = 200;
const API_TARGET_MS = 10;

/** 1,000,000 runs in the DB: the engine's memory and the API's page latency. */
async function bigDatabase() {
  const t = tempStore();
  const { store } = t;
  addIdleJobs(store, 10_000);
  const t0 = Date.now();
  store.db.exec(`INSERT INTO runs (job_id, trigger, status, priority, scheduled_for, created_at, started_at, finished_at, exit_code, cost_usd)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
    SELECT (i % 10000) + 1, 'manual', CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'succeeded' END, 5, ${t0} - i * 1000, ${t0} - i * 1000,
           ${t0} - i * 1000, ${t0} - i * 1000 + 500, 0, 0.001 FROM n`);
  const seedSeconds = (Date.now() - t0) / 1000;
  gc();
  const engine = new Engine({ store, version: 'bench', env: ENGINE_ENV });
  await engine.start();
  await sleep(2000);
  gc();
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
  t.cleanup();
  return { runs: 1_000_000, jobs: 10_000, seedSeconds: round(seedSeconds, 1), engineRssMb: round(rssMb, 1), apiP95Ms: { jobsPage, runsPage, runsOfJob } };
}

export const bigDatabaseModule: BenchModule = {
  name: 'bigdb',
  async run() {
    const r = await bigDatabase();
    const api = (figure: string, value: number) => ({ figure, value, unit: 'ms', target: `< ${API_TARGET_MS} ms`, met: value < API_TARGET_MS });
    return {
      figures: [
        { figure: 'RSS with 1,000,000 runs (whole bench process)', value: r.engineRssMb, unit: 'MB', target: `< ${RSS_TARGET_MB} MB`, met: r.engineRssMb < RSS_TARGET_MB },
        api('API p95, a page of jobs (10,000 jobs)', r.apiP95Ms.jobsPage),
        api('API p95, a page of runs (1,000,000 runs)', r.apiP95Ms.runsPage),
        api("API p95, a page of one job's runs", r.apiP95Ms.runsOfJob),
      ],
      details: r,
    };
  },
};
