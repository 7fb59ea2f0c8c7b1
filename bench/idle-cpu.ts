import { Engine } from '../src-main/core/engine';
import { ENGINE_ENV, addIdleJobs, gc, round, sleep, tempStore, type BenchModule, type Figure } from './lib';

const SECONDS = 10;
// Targets from DESIGN.md section 7 (percent of one core); 100 jobs has none of its own.
const TARGETS: [jobs: number, maxPercent: number | null][] = [
  [100, null],
  [10_000, 0.2],
  [100_000, 0.5],
];

/** The engine's CPU while it holds the lease and nothing is due, over a 10 s window. */
async function idleCost(jobs: number) {
  const t = tempStore();
  addIdleJobs(t.store, jobs);
  const engine = new Engine({ store: t.store, version: 'bench', env: ENGINE_ENV });
  await engine.start();
  await sleep(1000);
  gc();
  await sleep(200);
  const passes0 = engine.passCount();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const passes = engine.passCount() - passes0;
  await engine.stop();
  t.cleanup();
  return { jobs, seconds: SECONDS, cpuPercentOfOneCore: round(((cpu.user + cpu.system) / 1000 / wall) * 100, 3), schedulingPasses: passes };
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
