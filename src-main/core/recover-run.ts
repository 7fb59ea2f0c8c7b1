import type { RunRecord } from './db/runs-repo';
import type { Store } from './db/store';
import { killTree } from './executors/supervision/kill-tree';
import { runningProcess, sameProcess } from './executors/supervision/proc-table';
import { runToken, takeExitStatus } from './executors/supervision/supervisor';
import { retryDelayMs, shouldRetry } from './scheduler/retry';
import { releaseDownstream } from './chains/release';

/**
 * Kills whatever a dead process's run left behind: its process group and tree when the recorded pid
 * is still the same process (pid and start time), and any process carrying the run's token.
 * A pid that now belongs to someone else is never signalled. Returns the pids killed.
 */
export function killRunLeftovers(run: Pick<RunRecord, 'id' | 'pid' | 'pidStarted' | 'engineId'>): number[] {
  if (process.platform === 'win32') {
    return run.pid && sameProcess(run.pid, run.pidStarted) ? killTree(run.pid, null, 'SIGKILL') : [];
  }
  const token = runToken(run.id, run.engineId);
  const root = run.pid && run.pid > 1 && run.pidStarted !== null && sameProcess(run.pid, run.pidStarted) ? run.pid : null;
  return killTree(root, token, 'SIGKILL');
}

/**
 * How long a dead engine's supervisor still at work is waited for before its run is settled. When
 * an engine dies its supervisors stop their commands and record how each ended, which takes
 * milliseconds, or longer on a loaded machine; settling before that kills a supervisor that was
 * about to record a command that had finished, and the run is then taken as interrupted and run
 * again. A supervisor still busy after this is stuck and is killed with the rest.
 */
export const SUPERVISOR_GRACE_MS = 3000;

/** Whether a run's supervisor (the process whose pid and start time the run records) still runs. */
export function supervisorAtWork(run: Pick<RunRecord, 'pid' | 'pidStarted'>): boolean {
  if (process.platform === 'win32') return false;
  return run.pid !== null && run.pid > 1 && run.pidStarted !== null && runningProcess(run.pid, run.pidStarted);
}

/**
 * Which orphan runs to leave for now: those whose supervisor is at work, each until its grace
 * period (counted from when it was first seen) is over.
 */
export class OrphanGrace {
  private firstSeen = new Map<number, number>();

  constructor(private readonly graceMs = SUPERVISOR_GRACE_MS) {}

  /** True while `run` should wait; `monotonicNow` is performance.now(), immune to clock changes. */
  wait(run: Pick<RunRecord, 'id' | 'pid' | 'pidStarted'>, monotonicNow: number): boolean {
    if (!supervisorAtWork(run)) {
      this.firstSeen.delete(run.id);
      return false;
    }
    const since = this.firstSeen.get(run.id) ?? monotonicNow;
    this.firstSeen.set(run.id, since);
    if (monotonicNow - since < this.graceMs) return true;
    this.firstSeen.delete(run.id);
    return false;
  }
}

/**
 * Settles a run left `running` by a process that is gone (callers first give its supervisor, if it
 * is still at work, its grace: see OrphanGrace). When its supervisor recorded an exit
 * status, the execution did finish: it is stored as succeeded or failed with that code, so a finished
 * execution is never run again. Otherwise it was cut short: `interrupted`, retried when the job allows.
 */
export function settleOrphanRun(store: Store, run: RunRecord, now: number): void {
  killRunLeftovers(run);
  const job = store.jobs.get(run.jobId);
  // The final state, then the retry or the chain runs it releases: one transaction (issue 15),
  // taken with the write lock before the exit record is read, so that of an engine and a `cnp run
  // --wait` settling the same run at once, the second finds it settled and leaves the record alone.
  store.db.transaction(() => {
    if (store.runs.get(run.id)?.status !== 'running') return;
    const code = takeExitStatus(store.path, run.id);
    if (code !== null) {
      const ok = code === 0;
      store.runs.finish(
        run.id,
        {
          status: ok ? 'succeeded' : 'failed',
          exitCode: code,
          error: ok ? null : `The command exited with code ${code} (recorded while the engine was down)`,
          errorKind: ok ? null : 'transient',
        },
        now,
      );
      if (!ok && job && shouldRetry(job.retry, run.attempt, 'failed', 'transient')) queueRetry(store, run, job.retry, job.priority, now);
      else releaseDownstream(store, run.id, now, store.settings.getAll());
      return;
    }
    store.runs.finish(run.id, { status: 'interrupted', error: 'Interrupted: the process running it stopped unexpectedly', errorKind: 'transient' }, now);
    if (job && shouldRetry(job.retry, run.attempt, 'interrupted', 'transient')) queueRetry(store, run, job.retry, job.priority, now);
    else releaseDownstream(store, run.id, now, store.settings.getAll());
  }).immediate();
}

function queueRetry(store: Store, run: RunRecord, policy: Parameters<typeof retryDelayMs>[0], priority: number, now: number): void {
  store.runs.insert(
    { jobId: run.jobId, trigger: 'retry', status: 'queued', priority, scheduledFor: run.scheduledFor, attempt: run.attempt + 1, retryOf: run.retryOf ?? run.id, notBefore: now + retryDelayMs(policy, run.attempt) },
    now,
  );
}
