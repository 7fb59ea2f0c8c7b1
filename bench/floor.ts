import { spawn } from 'node:child_process';
import { Cron } from 'croner';
import { pct, preciseNow, round, sleep, type BenchContext, type BenchModule } from './lib';

export const FLOOR_PROBES = 100;
export const FLOOR_SPACING_MS = 60;

/**
 * The physical floor of fire latency on this machine, now: a bare croner timer at each instant
 * that spawns `true`, timed until the child's 'spawn' event. The engine's latencies are reported as
 * multiples of it.
 */
export async function measureFloor(probes = FLOOR_PROBES, spacingMs = FLOOR_SPACING_MS) {
  return floorAt(Date.now() + 500, probes, spacingMs);
}

/**
 * The floor's probes at `start`, `start + spacingMs`, …: the fire benchmark runs them between its own.
 * `timerP99Ms` is how late the timer callbacks alone ran: next to a live engine, it shows whether the
 * engine's work delayed the floor's timers (which would flatter the engine's ratio).
 */
export async function floorAt(start: number, probes: number, spacingMs: number) {
  const latencies: number[] = [];
  const timerLate: number[] = [];
  const crons = Array.from({ length: probes }, (_, i) => {
    const at = start + i * spacingMs;
    return new Cron(new Date(at), () => {
      timerLate.push(preciseNow() - at);
      const child = spawn('true');
      child.once('spawn', () => latencies.push(preciseNow() - at));
      child.once('error', () => undefined);
      child.stdout.resume();
      child.stderr.resume();
    });
  });
  await sleep(start - Date.now() + probes * spacingMs + 1000);
  crons.forEach((c) => c.stop());
  return { samples: latencies.length, p50Ms: round(pct(latencies, 50), 2), p99Ms: round(pct(latencies, 99), 2), timerP99Ms: round(pct(timerLate, 99), 2) };
}

export const floorModule: BenchModule = {
  name: 'floor',
  async run(ctx: BenchContext) {
    const floor = await measureFloor();
    ctx.floor = floor;
    return {
      figures: [{ figure: 'physical floor p99 (croner timer + spawn true)', value: floor.p99Ms, unit: 'ms', target: 'reference', met: null }],
      details: floor,
    };
  },
};
