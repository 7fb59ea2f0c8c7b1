import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_RUN_STATUSES, type Run, type RunEvent } from '../../src-shared/domain';
import type { Lease } from '../core/db/lease-repo';
import { holderAlive } from '../core/engine-identity';
import { OrphanGrace, settleOrphanRun } from '../core/recover-run';
import { eventText } from './event-lines';
import type { Output } from './output';
import type { Session } from './session';
import { timeIn } from './views';

/** How often a watcher looks at the database; the engine commits events in batches anyway. */
const POLL_MS = 200;
/** A lease whose heartbeat is older than this belongs to an engine that is gone. */
const ENGINE_STALE_MS = 10_000;
const EVENT_PAGE = 1000;

export const isFinal = (run: Run) => FINAL_RUN_STATUSES.includes(run.status);

export function liveEngine(s: Session): Lease | null {
  return s.store().lease.live(Date.now(), ENGINE_STALE_MS);
}

/** Prints one event the way `--follow` shows it: a JSON line, or the human text. */
export function eventPrinter(out: Output): (e: RunEvent) => void {
  return (e) => {
    if (out.json) {
      out.jsonLine(e);
      return;
    }
    const text = eventText(e);
    if (text !== null) out.text(text);
  };
}

/** Reads the run's events after `afterSeq`, page by page; returns the last seq seen. */
export async function readEvents(s: Session, runId: number, afterSeq: number, onEvent: (e: RunEvent) => void): Promise<number> {
  let after = afterSeq;
  for (;;) {
    const { events } = await s.call('runs.events', { runId, afterSeq: after, limit: EVENT_PAGE });
    for (const e of events) {
      onEvent(e);
      after = e.seq;
    }
    if (events.length < EVENT_PAGE) return after;
  }
}

/**
 * Runs a queued run in this process: without an engine, the CLI is the executor and stays until
 * the attempt ends (or is deferred for a cooldown, as the engine would). Ctrl-C cancels the run
 * (runInline sees to that); a second Ctrl-C leaves at once.
 */
async function runHere(s: Session, runId: number, onEvent?: (e: RunEvent) => void): Promise<Run> {
  const { runInline } = await import('../core/run-inline');
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\ncancelling run ${runId} (press Ctrl-C again to quit at once)\n`);
  };
  process.on('SIGINT', onSigint);
  try {
    return await runInline(s.store(), runId, onEvent ? { onEvent } : {});
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export interface FollowOptions {
  onEvent?: (e: RunEvent) => void;
  /** Give up waiting after this long (the run goes on); null waits for the end. */
  waitTimeoutMs: number | null;
  /** Follow the job's retries to the last attempt, not only this run. */
  followRetries: boolean;
  /** Run queued attempts here while no engine is up (`job run`); `runs logs` only watches. */
  runWhenNoEngine: boolean;
}

export interface FollowOutcome {
  run: Run;
  /** `final`: the last attempt ended; `waiting`: the wait ended while it was still queued or deferred. */
  ended: 'final' | 'waiting';
}

/**
 * Follows a run to its outcome the way the engine would carry it: through its retries and
 * cooldown deferrals, with a status line each time it changes. When the engine running it dies,
 * says so, records the run as interrupted (as the next engine would) and carries on here; with no
 * engine, this process runs each attempt when it is due. Events are printed exactly once.
 */
export async function followRun(s: Session, firstRunId: number, opts: FollowOptions): Promise<FollowOutcome> {
  const deadline = opts.waitTimeoutMs === null ? Number.POSITIVE_INFINITY : Date.now() + opts.waitTimeoutMs;
  const printed = new Map<number, number>();
  const print = opts.onEvent
    ? (e: RunEvent) => {
        if (e.seq <= (printed.get(e.runId) ?? 0)) return;
        printed.set(e.runId, e.seq);
        opts.onEvent!(e);
      }
    : undefined;
  const flush = async (runId: number) => {
    if (print) await readEvents(s, runId, printed.get(runId) ?? 0, print);
  };
  let runId = firstRunId;
  let engine = liveEngine(s);
  // A supervisor still recording how its command ended is given its moment before the run is settled.
  const orphans = new OrphanGrace();
  let lastStatus = '';
  const status = (line: string) => {
    if (line !== lastStatus) s.out.note(line);
    lastStatus = line;
  };

  for (;;) {
    await flush(runId);
    let run = await s.call('runs.get', { id: runId });
    if (isFinal(run)) {
      await flush(runId);
      const next = opts.followRetries ? s.store().runs.nextAttempt({ id: run.id, retryOf: run.retryOf, attempt: run.attempt }) : null;
      if (!next) return { run, ended: 'final' };
      const when = next.notBefore && next.notBefore > Date.now() ? ` at ${timeIn(new Date(next.notBefore).toISOString())}` : '';
      status(`Run ${run.id} ${words(run.status)} (attempt ${run.attempt}); retry run ${next.id} (attempt ${next.attempt}) follows${when}.`);
      runId = next.id;
      continue;
    }

    const nowEngine = liveEngine(s);
    if (engine && !nowEngine) {
      s.out.note(`The engine (pid ${engine.pid}) stopped${opts.runWhenNoEngine ? '; carrying on here' : ''}.`);
    }
    engine = nowEngine;
    if (!engine) {
      const record = s.store().runs.get(runId);
      if (record && run.status === 'running' && record.engineId !== null && !holderAlive(record.engineId) && !orphans.wait(record, performance.now())) {
        // Its engine is gone and will not finish it: record what the next engine would.
        settleOrphanRun(s.store(), record, Date.now());
        continue;
      }
      if (opts.runWhenNoEngine && record && run.status === 'queued' && (record.notBefore ?? 0) <= Date.now()) {
        run = await runHere(s, runId, print);
        continue;
      }
      if (opts.runWhenNoEngine && run.status === 'deferred_cooldown' && record && (record.notBefore ?? 0) <= Date.now()) {
        // The reset has come: the gate in runInline closes the cooldown and requeues the run.
        s.store().runs.requeueDeferred('claude');
        continue;
      }
    }
    status(waitingLine(run, s.store().runs.get(runId)?.notBefore ?? null, engine !== null, opts.runWhenNoEngine));
    const now = Date.now();
    if (now >= deadline) return { run, ended: 'waiting' };
    await sleep(Math.max(10, Math.min(POLL_MS, deadline - now)));
  }
}

const words = (status: string) => status.replace('_', ' ');

function waitingLine(run: Run, notBefore: number | null, engineUp: boolean, runsHere: boolean): string {
  const until = notBefore ? timeIn(new Date(notBefore).toISOString()) : null;
  const who = engineUp ? 'the engine runs it' : runsHere ? 'it runs here' : 'it runs when the app or `cnp serve` is running';
  if (run.status === 'deferred_cooldown') return `Run ${run.id} is deferred until ${until ?? 'the limit resets'} (Claude usage limit); ${who} then.`;
  if (run.status === 'queued') return `Run ${run.id} is queued${until && notBefore! > Date.now() ? ` for ${until}` : ''}; ${who}.`;
  return `Run ${run.id} is ${words(run.status)}.`;
}
