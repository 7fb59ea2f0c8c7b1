import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import type { JobsImportReport } from '../../src-shared/files-types';
import { jobsFileJsonSchema } from '../core/job-files/file-schema';
import { confirmOrRefuse } from './confirm';
import { parseFlags } from './options';
import type { Runtime } from './runtime';

const ExportFlags = z.object({ tag: z.string().trim().min(1, 'needs a tag').optional(), all: z.boolean().optional(), out: z.string().optional() });
const ImportFlags = z.object({ dryRun: z.boolean().optional(), prune: z.boolean().optional(), yes: z.boolean().optional() });

function readText(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new AppError('VALIDATION', `cannot read "${absolute}": ${reason}`, { field: 'file' });
  }
}

function writeText(file: string, text: string): string {
  const absolute = path.resolve(file);
  try {
    // Written beside and renamed, so a failed write never leaves half a file where a good one was.
    const tmp = `${absolute}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, absolute);
  } catch (err) {
    throw new AppError('VALIDATION', `--out: cannot write "${absolute}": ${(err as Error).message}`, { field: 'out' });
  }
  return absolute;
}

const list = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

export function importReportText(r: JobsImportReport): string {
  const lines: string[] = [];
  const verb = r.dryRun ? 'would be ' : '';
  const say = (what: string, names: string[], done: string) => {
    if (names.length) lines.push(`${names.length} ${what}${names.length === 1 ? '' : 's'} ${verb}${done}: ${list(names)}`);
  };
  say('prompt', r.prompts.created, 'created');
  say('prompt', r.prompts.updated, 'updated');
  say('job', r.jobs.created, 'created');
  say('job', r.jobs.updated, 'updated');
  say('job', r.jobs.deleted, 'deleted');
  if (r.jobs.unchanged.length) lines.push(`${r.jobs.unchanged.length} job${r.jobs.unchanged.length === 1 ? '' : 's'} unchanged.`);
  if (!lines.length) lines.push('Nothing to import: the file has no jobs.');
  for (const note of r.notes) lines.push(`note: ${note}`);
  lines.push(r.dryRun ? `Dry run of ${r.file}: nothing was written.` : `Imported ${r.file}.`);
  return lines.join('\n');
}

export function registerJobFileCommands(job: Command, rt: Runtime): void {
  job
    .command('export')
    .description('write jobs and their prompts as YAML (docs/jobs-yaml.md)')
    .option('--tag <tag>', 'only jobs with this tag')
    .option('--all', 'every job (the default)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ExportFlags, opts);
      if (f.tag !== undefined && f.all) throw new AppError('VALIDATION', '--all: give either --tag or --all, not both', { field: 'all' });
      const result = await s.call('jobFiles.export', f.tag !== undefined ? { tag: f.tag } : {});
      if (result.duplicateNames.length) {
        s.out.note(`warning: several jobs are named ${list(result.duplicateNames)}; rename them before importing this file.`);
      }
      if (f.out !== undefined) {
        const written = writeText(f.out, result.yaml);
        s.out.result({ file: written, jobs: result.jobs, prompts: result.prompts }, () => `Wrote ${result.jobs} job(s) and ${result.prompts} prompt(s) to ${written}.`);
      } else if (s.json) {
        s.out.result(result, () => '');
      } else {
        rt.io.out(result.yaml);
      }
    });

  job
    .command('import')
    .description('create or update jobs from a YAML file, matched by name; all or nothing')
    .argument('<file>', 'the YAML file')
    .option('--dry-run', 'check the file and show what would change, writing nothing')
    .option('--prune', 'also delete jobs the file does not name')
    .option('--yes', 'do not ask before --prune deletes more than one job')
    .action(async (file: string, opts: unknown, cmd: Command) => {
      const f = parseFlags(ImportFlags, opts);
      const text = readText(file);
      const s = rt.session(cmd);
      if (f.dryRun) s.writesNothing();
      const base = { text, fileName: file, prune: f.prune ?? false };
      if (f.prune && !f.dryRun) {
        // Know what --prune would delete before deleting it, like `job rm` with several jobs.
        const preview = await s.call('jobFiles.import', { ...base, dryRun: true });
        const doomed = preview.jobs.deleted;
        if (doomed.length > 1) await confirmOrRefuse(rt, f.yes ?? false, `--prune would delete ${doomed.length} jobs: ${list(doomed)}.`, 'prune');
      }
      const report = await s.call('jobFiles.import', { ...base, dryRun: f.dryRun ?? false });
      s.out.result(report, () => importReportText(report));
    });

  job
    .command('schema')
    .description('print the JSON Schema of the jobs file (for editors)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: unknown) => {
      const f = parseFlags(z.object({ out: z.string().optional() }), opts);
      const text = `${JSON.stringify(jobsFileJsonSchema(), null, 2)}\n`;
      if (f.out !== undefined) writeText(f.out, text);
      else rt.io.out(text);
    });
}
