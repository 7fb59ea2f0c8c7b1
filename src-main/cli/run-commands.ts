import { Option, type Command } from 'commander';
import { z } from 'zod';
import { RUN_STATUSES } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { locateRawLog } from '../core/services/raw-log-service';
import { parseFlags, parseIdArg, wholeNumber } from './options';
import { eventPrinter, followRun, isFinal, liveEngine, readEvents } from './run-watch';
import type { Runtime } from './runtime';
import type { Session } from './session';
import { runDetails, runOutcome, runTable, timeIn } from './views';

export const DEFAULT_LAST = 50;

/** `job run --wait` ended while the run was still queued or deferred (see docs/cli-additions.md). */
export const EXIT_STILL_WAITING = 4;

export interface RunNowFlags {
  wait: boolean;
  follow: boolean;
  /** Stop waiting after this many ms; null waits for the end. */
  waitTimeoutMs: number | null;
}

/**
 * `job run`: queue a run, then either leave it to the engine that is running, or — with no engine —
 * run it here, deferring for a cooldown exactly as the engine would. `--wait` follows retries and
 * deferrals to the last attempt. Exit code: 0 succeeded, 1 failed, 4 still queued or deferred.
 */
export async function runJobNow(s: Session, jobId: number, flags: RunNowFlags): Promise<number> {
  const queued = await s.call('jobs.runNow', { id: jobId });
  const onEvent = flags.follow ? eventPrinter(s.out) : undefined;
  const engine = liveEngine(s);
  if (engine && !flags.wait && !flags.follow) {
    s.out.result(queued, () => `Queued run ${queued.id} of job ${jobId}; the engine (pid ${engine.pid}) runs it.\nFollow it with: cnp runs logs ${queued.id} --follow`);
    return 0;
  }
  if (engine) s.out.note(`Queued run ${queued.id}; the engine (pid ${engine.pid}) runs it.`);
  else s.out.note(`No engine is running, so run ${queued.id} runs here; keep this terminal open until it ends.`);
  const waits = flags.wait || flags.follow;
  const { run: final, ended } = await followRun(s, queued.id, {
    ...(onEvent ? { onEvent } : {}),
    // Without --wait the first attempt is run (or watched) and a deferral is reported, not awaited.
    waitTimeoutMs: waits ? flags.waitTimeoutMs : 0,
    followRetries: flags.wait,
    runWhenNoEngine: true,
  });
  if (ended === 'waiting') {
    const until = final.deferredUntil ? ` until ${timeIn(final.deferredUntil)}` : '';
    const line = `Run ${final.id} is still ${final.status === 'deferred_cooldown' ? `deferred${until} (Claude usage limit)` : 'queued'}${waits ? ': stopped waiting' : ''}. Follow it with: cnp runs logs ${final.id} --follow`;
    if (flags.follow && s.json) s.out.jsonLine(final);
    else s.out.result(final, () => `${runDetails(final)}\n\n${line}`);
    if (!s.json) s.out.note(line);
    return EXIT_STILL_WAITING;
  }
  if (flags.follow) {
    if (s.json) s.out.jsonLine(final);
    else s.out.text(runOutcome(final));
  } else {
    s.out.result(final, () => `${runDetails(final)}\n\n${runOutcome(final)}`);
  }
  if (final.id !== queued.id && final.status !== 'succeeded') s.out.note(`The last attempt, run ${final.id}, ${final.status.replace('_', ' ')}.`);
  return final.status === 'succeeded' ? 0 : 1;
}

const ListFlags = z.object({
  job: wholeNumber(1).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  last: wholeNumber(1).optional(),
});

/** `runs logs RUN --raw`: the full log file as it is, to stdout; a note on stderr when it is partial. */
async function printRawLog(s: Session, runId: number, follow: boolean): Promise<void> {
  if (follow) throw new AppError('VALIDATION', '--raw prints the full log as it is now; it cannot be combined with --follow', { field: 'raw' });
  if (s.json) throw new AppError('VALIDATION', '--raw writes the log itself, not JSON; leave out --json', { field: 'raw' });
  const where = locateRawLog(s.store(), runId);
  await s.out.file(where.file);
  if (!where.complete) s.out.note(`The full log of run ${runId} is not complete: the run is still going, or the log reached its size cap (see its last line).`);
}

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
    .option('--raw', "write the run's full log (every line it printed, secrets masked) to stdout")
    .action(async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const runId = parseIdArg(id, 'run id');
      const f = parseFlags(z.object({ follow: z.boolean().optional(), raw: z.boolean().optional() }), opts);
      if (f.raw) return printRawLog(s, runId, f.follow === true);
      if (f.follow) {
        const current = await s.call('runs.get', { id: runId });
        if (!isFinal(current) && !liveEngine(s)) s.out.note('No engine is running; waiting for one to run this.');
        const { run: final } = await followRun(s, runId, { onEvent: eventPrinter(s.out), waitTimeoutMs: null, followRetries: false, runWhenNoEngine: false });
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
