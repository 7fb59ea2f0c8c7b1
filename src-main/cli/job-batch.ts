import { Option, type Command } from 'commander';
import { z } from 'zod';
import { RUN_STATUSES, type Job, type Run } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { confirmOrRefuse } from './confirm';
import { parseFlags, parseIdArg } from './options';
import { followRun, liveEngine } from './run-watch';
import type { Runtime } from './runtime';
import type { Session } from './session';
import { runOutcome } from './views';

/**
 * Batch forms of `job run|pause|resume|rm`: `--tag X`, `--all` or `--status S` in place of the id
 * (seed 002). `--status` is `enabled`, `paused`, or the status of the job's latest run (`failed`…).
 */
const JOB_STATES = ['enabled', 'paused', 'disabled'] as const;
const STATUS_CHOICES = [...JOB_STATES, ...RUN_STATUSES];

const SelectorFlags = z.object({
  tag: z.string().trim().min(1, 'needs a tag').optional(),
  all: z.boolean().optional(),
  status: z.enum(STATUS_CHOICES as [string, ...string[]]).optional(),
  yes: z.boolean().optional(),
});
type SelectorFlags = z.output<typeof SelectorFlags>;

export function addSelectorOptions(cmd: Command): Command {
  return cmd
    .option('--tag <tag>', 'every job with this tag, instead of an id')
    .option('--all', 'every job, instead of an id')
    .addOption(new Option('--status <status>', 'every job in this state (enabled, paused) or whose latest run has this status').choices(STATUS_CHOICES));
}

export type Target = { id: number } | { jobs: Job[]; selector: string };

/** The one job an id names, or the jobs a selector matches; both or neither is a usage error. */
export async function resolveTarget(s: Session, id: string | undefined, opts: unknown): Promise<Target> {
  const f: SelectorFlags = parseFlags(SelectorFlags, opts);
  const given = [f.tag !== undefined, f.all === true, f.status !== undefined].filter(Boolean).length;
  if (id !== undefined && given) throw new AppError('VALIDATION', 'Give a job id or a selector (--tag, --all, --status), not both', { field: 'id' });
  if (given > 1) throw new AppError('VALIDATION', 'Give one selector: --tag, --all or --status', { field: 'selector' });
  if (id !== undefined) return { id: parseIdArg(id, 'job id') };
  if (!given) throw new AppError('VALIDATION', 'Which jobs? Give a job id, or --tag TAG, --all or --status STATUS', { field: 'id' });
  const page = await s.call('jobs.list', f.tag !== undefined ? { tag: f.tag } : {});
  let jobs = page.items;
  let selector = f.tag !== undefined ? `--tag ${f.tag}` : '--all';
  if (f.status !== undefined) {
    const st = f.status;
    selector = `--status ${st}`;
    jobs = jobs.filter((j) => (st === 'enabled' ? j.enabled : st === 'paused' || st === 'disabled' ? !j.enabled : j.lastStatus === st));
  }
  return { jobs, selector };
}

const label = (j: Pick<Job, 'id' | 'name'>) => `${j.id} (${j.name})`;

/** `job pause|resume --tag X`: one line per job, saying what changed and what already was so. */
export async function batchSetEnabled(s: Session, target: { jobs: Job[]; selector: string }, enabled: boolean): Promise<void> {
  const results: { job: Job; changed: boolean }[] = [];
  for (const job of target.jobs) {
    const changed = job.enabled !== enabled;
    const after = changed ? await s.call(enabled ? 'jobs.resume' : 'jobs.pause', { id: job.id }) : job;
    results.push({ job: after, changed });
  }
  const verb = enabled ? 'Resumed' : 'Paused';
  const state = enabled ? 'scheduled' : 'paused';
  s.out.result({ action: enabled ? 'resume' : 'pause', selector: target.selector, changed: results.filter((r) => r.changed).length, jobs: results.map((r) => r.job) }, () =>
    results.length
      ? [
          ...results.map((r) => (r.changed ? `${verb} job ${label(r.job)}.` : `Job ${label(r.job)} was already ${state}.`)),
          `${results.filter((r) => r.changed).length} of ${results.length} job(s) ${verb.toLowerCase()}.`,
        ].join('\n')
      : `No job matches ${target.selector}; nothing changed.`,
  );
}

/** `job rm --tag X`: asks before deleting more than one job. */
export async function batchRemove(rt: Runtime, s: Session, target: { jobs: Job[]; selector: string }, opts: unknown): Promise<void> {
  const { yes } = parseFlags(SelectorFlags, opts);
  const jobs = target.jobs;
  if (jobs.length > 1) {
    await confirmOrRefuse(rt, yes ?? false, `This deletes ${jobs.length} jobs and all their runs: ${jobs.map(label).join(', ')}.`, 'yes');
  }
  for (const job of jobs) await s.call('jobs.delete', { id: job.id });
  s.out.result({ action: 'rm', selector: target.selector, deleted: jobs.map((j) => ({ id: j.id, name: j.name })) }, () =>
    jobs.length ? [...jobs.map((j) => `Deleted job ${label(j)}.`), `${jobs.length} job(s) deleted.`].join('\n') : `No job matches ${target.selector}; nothing deleted.`,
  );
}

/**
 * `job run --tag X`: queues a run of each job. A running engine takes them; without one they run
 * here, one after another. Exit 1 when any of the runs that ran here did not succeed.
 */
export async function batchRun(s: Session, target: { jobs: Job[]; selector: string }): Promise<number> {
  const queued: Run[] = [];
  for (const job of target.jobs) queued.push(await s.call('jobs.runNow', { id: job.id }));
  const engine = liveEngine(s);
  if (engine || !queued.length) {
    s.out.result({ action: 'run', selector: target.selector, runs: queued }, () =>
      queued.length
        ? [...queued.map((r) => `Queued run ${r.id} of job ${r.jobId} (${r.jobName}).`), `${queued.length} run(s) queued; the engine (pid ${engine?.pid}) runs them.`].join('\n')
        : `No job matches ${target.selector}; nothing to run.`,
    );
    return 0;
  }
  s.out.note(`No engine is running, so the ${queued.length} run(s) run here one after another; keep this terminal open.`);
  const finals: Run[] = [];
  for (const run of queued) {
    // One attempt each, here, through the same cooldown gate as the engine (a deferred run stays deferred).
    const { run: final } = await followRun(s, run.id, { waitTimeoutMs: 0, followRetries: false, runWhenNoEngine: true });
    finals.push(final);
    if (!s.json) s.out.text(`Job ${run.jobId} (${run.jobName}): ${runOutcome(final)}`);
  }
  const failed = finals.filter((r) => r.status !== 'succeeded').length;
  if (s.json) s.out.result({ action: 'run', selector: target.selector, runs: finals }, () => '');
  else s.out.text(`${finals.length - failed} of ${finals.length} run(s) succeeded.`);
  return failed ? 1 : 0;
}
