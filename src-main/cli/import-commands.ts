import type { Command } from 'commander';
import { z } from 'zod';
import type { LegacyImportReport } from '../../src-shared/files-types';
import { parseFlags } from './options';
import type { Runtime } from './runtime';

export function legacyReportText(r: LegacyImportReport): string {
  const would = r.dryRun ? 'would be ' : '';
  const lines = [`${r.source}: ${r.layouts.join('; ')}`];
  lines.push(`Prompts: ${r.prompts.mapped.length} ${would}imported, ${r.prompts.skipped.length} skipped.`);
  for (const p of r.prompts.mapped) lines.push(`  + ${p.legacy} → prompt ${p.id} "${p.title}"`);
  for (const p of r.prompts.skipped) lines.push(`  - ${p.legacy} skipped: ${p.reason}`);
  lines.push(`Jobs: ${r.jobs.mapped.length} ${would}imported, ${r.jobs.skipped.length} skipped.`);
  for (const j of r.jobs.mapped) {
    lines.push(`  + ${j.legacy} → job ${j.id} "${j.name}" (${j.schedule}, ${j.enabled ? 'enabled' : 'paused'})`);
    for (const note of j.notes) lines.push(`      note: ${note}`);
  }
  for (const j of r.jobs.skipped) lines.push(`  - ${j.legacy} "${j.name}" skipped: ${j.reason}`);
  if (r.withHistory) {
    lines.push(`History: ${r.runs.imported} past run(s) ${would}imported as finished runs.`);
    for (const s of r.runs.skipped) lines.push(`  - ${s.count} skipped: ${s.reason}`);
  }
  lines.push(r.dryRun ? 'Dry run: nothing was written.' : 'The old database was only read; it is unchanged.');
  return lines.join('\n');
}

export function registerImportCommands(program: Command, rt: Runtime): void {
  const imp = program.command('import').description('bring data over from elsewhere');
  imp
    .command('legacy')
    .description('import prompts and jobs from the original Claude Night Pilot database (read-only)')
    .argument('<path>', 'claude-pilot.db or claude-night-pilot.db of the original app')
    .option('--dry-run', 'show what would be imported, writing nothing')
    .option('--with-history', 'also import past results as finished runs')
    .action(async (file: string, opts: unknown, cmd: Command) => {
      const f = parseFlags(z.object({ dryRun: z.boolean().optional(), withHistory: z.boolean().optional() }), opts);
      const s = rt.session(cmd);
      if (f.dryRun) s.writesNothing();
      const report = await s.call('legacy.import', { path: file, dryRun: f.dryRun ?? false, withHistory: f.withHistory ?? false });
      s.out.result(report, () => legacyReportText(report));
    });
}
