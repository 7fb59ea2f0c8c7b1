import type { RunRecord } from './db/runs-repo';
import type { Store } from './db/store';
import { killTree } from './executors/supervision/kill-tree';
import { sameProcess } from './executors/supervision/proc-table';
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
 * Settles a run left `running` by a process that is gone. When its supervisor recorded an exit
 * status, the execution did finish: it is stored as succeeded or failed with that code, so a finished
 * execution is never run again. Otherwise it was cut short: `interrupted`, retried when the job allows.
 */
export function settleOrphanRun(store: Store, run: RunRecord, now: number): void {
  killRunLeftovers(run);
  const code = takeExitStatus(store.path, run.id);
  const job = store.jobs.get(run.jobId);
  // The final state, then the retry or the chain runs it releases: one transaction (issue 15).
  store.db.transaction(() => {
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
  })();
}

function queueRetry(store: Store, run: RunRecord, policy: Parameters<typeof retryDelayMs>[0], priority: number, now: number): void {
  store.runs.insert(
    { jobId: run.jobId, trigger: 'retry', status: 'queued', priority, scheduledFor: run.scheduledFor, attempt: run.attempt + 1, retryOf: run.retryOf ?? run.id, notBefore: now + retryDelayMs(policy, run.attempt) },
    now,
  );
}
