import type { Run } from '../../../src-shared/domain';
import type { Store } from '../db/store';
import { endCooldownIfDue, planClaudeRun, resumeAt } from './cooldown-state';

/**
 * The gate a queued run passes before it starts anywhere (the engine or an inline `cnp job run`):
 * a cooldown whose time has come is closed first; a Claude run met by one still open is deferred
 * to its reset instead of starting. Returns the deferred run, or null when it may start.
 */
export function deferIfCooling(store: Store, runId: number, now: number): Run | null {
  const settings = store.settings.getAll();
  endCooldownIfDue(store, now, settings);
  const run = store.runs.get(runId);
  const job = run ? store.jobs.get(run.jobId) : null;
  if (!run || !job || job.kind !== 'claude' || run.status !== 'queued') return null;
  // A limit on another model family (or one the job's fallback avoids) lets this run start.
  const cooling = planClaudeRun(store, job, now).waitFor;
  if (!cooling) return null;
  store.runs.defer(runId, resumeAt(cooling, settings), 'Waiting for the Claude usage limit to reset');
  return store.runs.view(runId);
}
