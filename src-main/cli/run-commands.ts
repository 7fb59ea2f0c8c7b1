import { Option, type Command } from 'commander';
import { z } from 'zod';
import { RUN_STATUSES, type Run } from '../../src-shared/domain';
import { parseFlags, parseIdArg, wholeNumber } from './options';
import { eventPrinter, isFinal, liveEngine, readEvents, runHere, watchRun } from './run-watch';
import type { Runtime } from './runtime';
import type { Session } from './session';
import { runDetails, runOutcome, runTable } from './views';

export const DEFAULT_LAST = 50;

/**
 * `job run`: queue a run, then either leave it to the engine that is running, or — with no engine —
 * run it here. Returns the exit code: whenever the CLI waited for the run, 0 means it succeeded.
 */
export async function runJobNow(s: Session, jobId: number, flags: { wait: boolean; follow: boolean }): Promise<number> {
  const queued = await s.call('jobs.runNow', { id: jobId });
  const onEvent = flags.follow ? eventPrinter(s.out) : undefined;
  const engine = liveEngine(s);
  let final: Run;
  if (engine) {
    if (!flags.wait && !flags.follow) {
      s.out.result(queued, () => `Queued run ${queued.id} of job ${jobId}; the engine (pid ${engine.pid}) runs it.\nFollow it with: cnp runs logs ${queued.id} --follow`);
      return 0;
    }
    s.out.note(`Queued run ${queued.id}; the engine (pid ${engine.pid}) runs it.`);
    final = await watchRun(s, queued.id, { ...(onEvent ? { onEvent } : {}), takeOver: true });
  } else {
    s.out.note(`No engine is running, so run ${queued.id} runs here; keep this terminal open until it ends.`);
    final = await runHere(s, queued.id, onEvent);
  }
  if (flags.follow) {
    if (s.json) s.out.jsonLine(final);
    else s.out.text(runOutcome(final));
  } else {
    s.out.result(final, () => `${runDetails(final)}\n\n${runOutcome(final)}`);
  }
  return final.status === 'succeeded' ? 0 : 1;
}

const ListFlags = z.object({
  job: wholeNumber(1).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  last: wholeNumber(1).optional(),
});

export function registerRunCommands(program: Command, rt: Runtime): void {
  const runs = program.command('runs').description('runs of jobs: list, inspect, logs, cancel, retry');

  runs
    .command('list')
    .description('latest runs first')
    .option('--job <id>', 'only runs of this job')
    .addOption(new Option('--status <status>', 'only runs with this status').choices(RUN_STATUSES))
    .option('--last <n>', `how many (default ${DEFAULT_LAST})`)
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ListFlags, opts);
      const page = await s.call('runs.list', {
        ...(f.job !== undefined ? { jobId: f.job } : {}),
        ...(f.status !== undefined ? { status: f.status } : {}),
        limit: f.last ?? DEFAULT_LAST,
      });
      s.out.result(page.items, () => runTable(page.items));
    });

  runs
    .command('show')
    .description('show a run')
    .argument('<run>', 'run id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const run = await s.call('runs.get', { id: parseIdArg(id, 'run id') });
      s.out.result(run, () => runDetails(run));
    });

  runs
    .command('logs')
    .description("print a run's log")
    .argument('<run>', 'run id')
    .option('--follow', 'keep printing new events until the run ends')
    .action(async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const runId = parseIdArg(id, 'run id');
      const f = parseFlags(z.object({ follow: z.boolean().optional() }), opts);
      if (f.follow) {
        const current = await s.call('runs.get', { id: runId });
        if (!isFinal(current) && !liveEngine(s)) s.out.note('No engine is running; waiting for one to run this.');
        const final = await watchRun(s, runId, { onEvent: eventPrinter(s.out) });
        if (s.json) s.out.jsonLine(final);
        else s.out.text(runOutcome(final));
        return;
      }
      if (s.json) {
        const { events, truncated } = await s.call('runs.events', { runId, limit: 100_000 });
        s.out.result({ runId, events, truncated }, () => '');
        return;
      }
      await readEvents(s, runId, 0, eventPrinter(s.out));
    });

  runs
    .command('cancel')
    .description('cancel a queued or running run')
    .argument('<run>', 'run id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const run = await s.call('runs.cancel', { id: parseIdArg(id, 'run id') });
      s.out.result(run, () => (run.status === 'cancelled' ? `Cancelled run ${run.id}.` : `Asked run ${run.id} to stop; the engine running it will cancel it.`));
    });

  runs
    .command('retry')
    .description('run a finished run again')
    .argument('<run>', 'run id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const runId = parseIdArg(id, 'run id');
      const run = await s.call('runs.retry', { id: runId });
      const who = liveEngine(s) ? 'the engine runs it' : 'it runs when the app or `cnp serve` is running';
      s.out.result(run, () => `Queued run ${run.id} (attempt ${run.attempt}, retry of run ${runId}); ${who}.`);
    });
}
