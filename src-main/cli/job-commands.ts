import { Option, type Command } from 'commander';
import { z } from 'zod';
import { AppError, validationError } from '../../src-shared/errors';
import { upcomingFireTimes } from '../core/services/jobs-service';
import { addJobOptions, JobFlags, jobCreateInput, jobPatch, precheckSchedule } from './job-flags';
import { durationSeconds, parseFlags, parseIdArg, wholeNumber } from './options';
import { DEFAULT_LAST, runJobNow } from './run-commands';
import { addSelectorOptions, batchRemove, batchRun, batchSetEnabled, resolveTarget } from './job-batch';
import { registerJobFileCommands } from './job-file-commands';
import type { Runtime } from './runtime';
import { jobDetails, jobTable, nextRunsText, runTable, scheduleText, timeIn } from './views';

const ListFlags = z.object({ tag: z.string().optional(), enabled: z.boolean().optional(), disabled: z.boolean().optional() });
const MAX_NEXT = 1000;

export function registerJobCommands(program: Command, rt: Runtime): Command {
  const job = program.command('job').description('scheduled jobs: Claude prompts, shell commands, HTTP requests');

  addJobOptions(job.command('create').description('create a job: --name, what to do, and when'), 'create').action(async (opts: unknown, cmd: Command) => {
    const s = rt.session(cmd);
    const input = jobCreateInput(parseFlags(JobFlags, opts));
    precheckSchedule(input.schedule);
    const created = await s.call('jobs.create', input);
    s.out.result(created, () => jobDetails(created));
  });

  job
    .command('list')
    .description('list jobs')
    .option('--tag <tag>', 'only jobs with this tag')
    .addOption(new Option('--enabled', 'only scheduled jobs').conflicts('disabled'))
    .addOption(new Option('--disabled', 'only paused jobs').conflicts('enabled'))
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ListFlags, opts);
      const enabled = f.enabled ? true : f.disabled ? false : undefined;
      const page = await s.call('jobs.list', { ...(f.tag !== undefined ? { tag: f.tag } : {}), ...(enabled !== undefined ? { enabled } : {}) });
      s.out.result(page.items, () => jobTable(page.items));
    });

  job
    .command('show')
    .description('show a job')
    .argument('<id>', 'job id')
    .option('--show-secrets', 'show credentials (headers, webhook URL, secret env values) unmasked')
    .action(async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(z.object({ showSecrets: z.boolean().optional() }), opts);
      const found = await s.call('jobs.get', { id: parseIdArg(id, 'job id'), ...(f.showSecrets ? { showSecrets: true } : {}) });
      s.out.result(found, () => jobDetails(found, { showEnvValues: f.showSecrets ?? false }));
    });

  addJobOptions(job.command('update').description('change a job; only the options given change').argument('<id>', 'job id'), 'update').action(
    async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const jobId = parseIdArg(id, 'job id');
      const flags = parseFlags(JobFlags, opts);
      // Flags are merged into the stored values, so read them as stored, not as shown.
      const current = await s.call('jobs.get', { id: jobId, showSecrets: true });
      const updated = await s.call('jobs.update', { id: jobId, patch: jobPatch(flags, current) });
      s.out.result(updated, () => jobDetails(updated));
    },
  );

  addSelectorOptions(job.command('rm').description('delete a job and its runs (or several: --tag, --all, --status)').argument('[id]', 'job id'))
    .option('--yes', 'do not ask before deleting more than one job')
    .action(async (id: string | undefined, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const target = await resolveTarget(s, id, opts);
      if (!('id' in target)) return batchRemove(rt, s, target, opts);
      const jobId = target.id;
      const result = await s.call('jobs.delete', { id: jobId });
      if (result.warning) s.out.note(`warning: ${result.warning}`);
      s.out.result({ id: jobId, ...result }, () => `Deleted job ${jobId}.`);
    });

  addSelectorOptions(job.command('pause').description('stop scheduling a job (or several: --tag, --all, --status)').argument('[id]', 'job id'))
    .action(async (id: string | undefined, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const target = await resolveTarget(s, id, opts);
      if (!('id' in target)) return batchSetEnabled(s, target, false);
      const paused = await s.call('jobs.pause', { id: target.id });
      s.out.result(paused, () => `Paused job ${paused.id} (${paused.name}).`);
    });

  addSelectorOptions(job.command('resume').description('schedule a paused job again, from now on (or several: --tag, --all, --status)').argument('[id]', 'job id'))
    .action(async (id: string | undefined, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const target = await resolveTarget(s, id, opts);
      if (!('id' in target)) return batchSetEnabled(s, target, true);
      const resumed = await s.call('jobs.resume', { id: target.id });
      const next = timeIn(resumed.nextRunAt, resumed.schedule.timezone);
      s.out.result(resumed, () => `Resumed job ${resumed.id} (${resumed.name}): ${scheduleText(resumed)}${next ? `; next run ${next}` : ''}.`);
    });

  job
    .command('next')
    .description('the next fire times of a job')
    .argument('<id>', 'job id')
    .option('--count <n>', 'how many (default 5)')
    .action(async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const jobId = parseIdArg(id, 'job id');
      const f = parseFlags(z.object({ count: wholeNumber(1).pipe(z.number().max(MAX_NEXT, `must be ${MAX_NEXT} or less`)).optional() }), opts);
      const found = await s.call('jobs.get', { id: jobId });
      const nextRuns = upcomingFireTimes(s.context(), jobId, f.count ?? 5);
      s.out.result({ jobId, nextRuns }, () => nextRunsText(found, nextRuns));
    });

  job
    .command('history')
    .description('the latest runs of a job')
    .argument('<id>', 'job id')
    .option('--last <n>', `how many (default ${DEFAULT_LAST})`)
    .action(async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const jobId = parseIdArg(id, 'job id');
      const f = parseFlags(z.object({ last: wholeNumber(1).optional() }), opts);
      const page = await s.call('runs.list', { jobId, limit: f.last ?? DEFAULT_LAST });
      s.out.result(page.items, () => runTable(page.items));
    });

  addSelectorOptions(job.command('run').description('run a job now (here, when no engine is running); or several: --tag, --all, --status').argument('[id]', 'job id'))
    .option('--wait', 'wait for the run, through its retries and cooldown deferrals; exit 0 when it succeeded, 1 when it failed, 4 when still waiting at --wait-timeout')
    .option('--wait-timeout <duration>', 'stop waiting after this long, e.g. 30m (the run goes on)')
    .option('--follow', 'print its log as it runs')
    .action(async (id: string | undefined, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(z.object({ wait: z.boolean().optional(), follow: z.boolean().optional(), waitTimeout: durationSeconds(1).optional() }), opts);
      if (f.waitTimeout !== undefined && !f.wait) throw validationError('wait-timeout', '--wait-timeout goes with --wait');
      const target = await resolveTarget(s, id, opts);
      if (!('id' in target)) {
        if (f.wait || f.follow) throw new AppError('VALIDATION', '--wait and --follow work with one job id, not with --tag, --all or --status', { field: f.wait ? 'wait' : 'follow' });
        rt.exitCode = await batchRun(s, target);
        return;
      }
      const jobId = target.id;
      rt.exitCode = await runJobNow(s, jobId, { wait: f.wait ?? false, follow: f.follow ?? false, waitTimeoutMs: f.waitTimeout !== undefined ? f.waitTimeout * 1000 : null });
    });
  registerJobFileCommands(job, rt);
  return job;
}
