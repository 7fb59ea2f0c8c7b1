/**
 * `npm run bench`: the performance figures of DESIGN.md section 7, measured on this machine. Prints
 * one JSON document on stdout (every figure next to its target, then each module's details) and
 * the same figures as a table on stderr. Targets are reported, never asserted.
 *
 * `npm run bench -- idle fire` runs only the named modules (names below); the floor always runs.
 * A new measurement is a module (see lib.ts) added to MODULES.
 */
import os from 'node:os';
import { bigDatabaseModule } from './big-database';
import { fireLatencyModule } from './fire-latency';
import { floorModule } from './floor';
import { idleCpuModule } from './idle-cpu';
import { round, type BenchContext, type BenchModule, type Figure } from './lib';
import { outputModule } from './output-module';

const MODULES: BenchModule[] = [floorModule, idleCpuModule, fireLatencyModule, bigDatabaseModule, outputModule];

function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    `${f.value} ${f.unit}${f.vsFloor !== undefined ? ` (${f.vsFloor} × floor)` : ''}`,
    f.target,
    f.met === null ? '' : f.met ? 'met' : 'NOT MET',
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ')).join('\n');
}

async function main() {
  const started = Date.now();
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = only.filter((n) => !MODULES.some((m) => m.name === n));
  if (unknown.length) throw new Error(`Unknown bench module ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
  const chosen = MODULES.filter((m) => m === floorModule || !only.length || only.includes(m.name));
  const ctx: BenchContext = { floor: null };
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  for (const m of chosen) {
    process.stderr.write(`bench: ${m.name}…\n`);
    const r = await m.run(ctx);
    figures.push(...r.figures);
    details[m.name] = r.details;
  }
  const loadavg = os.loadavg().map((l) => round(l, 2));
  const result = {
    machine: { cpus: os.cpus().length, node: process.version, loadAverageAtEnd: loadavg },
    figures,
    details,
    totalSeconds: round((Date.now() - started) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`\n${table(figures)}\n(load average at the end: ${loadavg.join(', ')} on ${os.cpus().length} cores)\n`);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
