import type { Run, RunEvent } from '../../src-shared/domain';
import type { Store } from './db/store';
import { newHolderId } from './engine-identity';
import { EventBus } from './events/bus';
import { createExecutors } from './executors/registry';
import { LoginPath } from './executors/login-path';
import { executeClaimedRun } from './run-runner';
import { deferIfCooling } from './cooldown/defer-gate';
import { notifyRunFinished } from './notify/dispatch';

/**
 * Runs one queued run in this process: what `cnp job run` does when no engine is up. Claims it the
 * same atomic way the engine does, so a engine starting meanwhile cannot run it too. Ctrl-C cancels.
 */
export async function runInline(store: Store, runId: number, opts: { onEvent?: (e: RunEvent) => void; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const holder = newHolderId('cli');
  const bus = new EventBus();
  if (opts.onEvent) bus.on('run.event', opts.onEvent);
  // What the engine's dispatch does, here too: a Claude run never starts against an open limit.
  const deferred = deferIfCooling(store, runId, Date.now());
  if (deferred) return deferred;
  const claimed = store.runs.markRunning(runId, holder, Date.now());
  const controller = new AbortController();
  // The engine delivers a finished run's notifications in the background; this process exits
  // right after the run, so it waits for them (each send has its own timeout).
  const deliveries: Promise<void>[] = [];
  const onSignal = () => controller.abort('cancel');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (claimed) {
      const env = opts.env ?? process.env;
      // The cached login PATH when an engine found one; an inline run never waits for a probe.
      const loginPath = new LoginPath(env, store.state);
      await executeClaimedRun(
        {
          store,
          bus,
          executors: createExecutors(),
          baseEnv: () => Promise.resolve({ ...env, PATH: loginPath.current() }),
          now: Date.now,
          onFinished: (run, job, retryId) => {
            deliveries.push(notifyRunFinished(run, job, retryId, undefined, store));
          },
        },
        runId,
        controller.signal,
      );
      await Promise.all(deliveries);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const run = store.runs.view(runId);
  if (!run) throw new Error(`Run ${runId} disappeared while running`);
  return run;
}
