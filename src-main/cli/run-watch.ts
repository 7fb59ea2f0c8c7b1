import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_RUN_STATUSES, type Run, type RunEvent } from '../../src-shared/domain';
import type { Lease } from '../core/db/lease-repo';
import { eventText } from './event-lines';
import type { Output } from './output';
import type { Session } from './session';

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
 * the run ends. Ctrl-C cancels the run (runInline sees to that); a second Ctrl-C leaves at once.
 */
export async function runHere(s: Session, runId: number, onEvent?: (e: RunEvent) => void): Promise<Run> {
  const { runInline } = await import('../core/run-inline');
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\ncancelling run ${runId} (press Ctrl-C again to quit at once)\n`);
  };
  process.on('SIGINT', onSigint);
  let run: Run;
  try {
    run = await runInline(s.store(), runId, onEvent ? { onEvent } : {});
  } finally {
    process.off('SIGINT', onSigint);
  }
  // An engine that started meanwhile claimed the run first; it finishes it, so watch it there.
  return isFinal(run) ? run : watchRun(s, runId, onEvent ? { onEvent } : {});
}

/**
 * Waits for a run by watching the database, where another process (the app or `cnp serve`)
 * runs it; events are passed on as they are committed. With `takeOver`, a run still queued when
 * that engine goes away is run here instead of waiting forever.
 */
export async function watchRun(s: Session, runId: number, opts: { onEvent?: (e: RunEvent) => void; takeOver?: boolean } = {}): Promise<Run> {
  let after = 0;
  const { onEvent } = opts;
  for (;;) {
    if (onEvent) after = await readEvents(s, runId, after, onEvent);
    const run = await s.call('runs.get', { id: runId });
    if (isFinal(run)) {
      // Events committed between the read above and the status change.
      if (onEvent) await readEvents(s, runId, after, onEvent);
      return run;
    }
    if (opts.takeOver && run.status === 'queued' && !liveEngine(s)) {
      s.out.note(`The engine stopped before starting run ${runId}; running it here.`);
      return runHere(s, runId, onEvent);
    }
    await sleep(POLL_MS);
  }
}
