import type { Run } from '../../../src-shared/domain';
import type { Store } from '../db/store';
import { OUTCOME_HANDLING, type OutcomeClass } from '../cooldown/outcome-classes';
import { openAlert, resolveAlert, type AlertChange } from './alert-center';
import { classifyClaudeProblem } from './claude-problems';

const FAILURE = new Set(['failed', 'timed_out', 'interrupted']);

export const failuresKey = (jobId: number) => `consecutive_failures:job:${jobId}`;
export const CLAUDE_AUTH_KEY = 'claude_auth';
export const USAGE_LIMIT_KEY = 'usage_limit';

/**
 * The job's last finished runs that count for "failing N times in a row", newest first: final
 * attempts only (a failure that is being retried is not over yet), skipped and cancelled runs left out.
 */
function lastFinalOutcomes(store: Store, jobId: number, limit: number): { id: number; status: string }[] {
  return store.db
    .prepare(
      `SELECT r.id, r.status FROM runs r
       WHERE r.job_id = @jobId AND r.status IN ('succeeded', 'failed', 'timed_out', 'interrupted')
         AND NOT EXISTS (SELECT 1 FROM runs n WHERE n.job_id = r.job_id AND n.id > r.id AND n.retry_of = COALESCE(r.retry_of, r.id))
       ORDER BY r.id DESC LIMIT @limit`,
    )
    .all({ jobId, limit }) as { id: number; status: string }[];
}

/**
 * Looks at a run that just reached its final state and opens or resolves the alerts it bears on:
 * N failures in a row for its job, and for Claude runs the login and spend-limit problems.
 */
export function noticeRunFinished(store: Store, run: Run, how: { retryQueued: boolean; outcomeClass?: OutcomeClass | undefined }, now: number): AlertChange[] {
  const { retryQueued } = how;
  const changes: AlertChange[] = [];
  const add = (c: AlertChange | null) => c && changes.push(c);
  const job = store.jobs.get(run.jobId);
  if (!job) return changes;

  if (run.status === 'succeeded') {
    add(resolveAlert(store, failuresKey(job.id), `Run #${run.id} succeeded`, now));
    if (job.kind === 'claude') {
      add(resolveAlert(store, CLAUDE_AUTH_KEY, `Claude run #${run.id} succeeded`, now));
      add(resolveAlert(store, USAGE_LIMIT_KEY, `Claude run #${run.id} succeeded`, now));
    }
    return changes;
  }
  if (!FAILURE.has(run.status)) return changes;

  if (job.kind === 'claude') {
    // The executor's own classification decides; the text match covers runs it did not classify.
    const alert = how.outcomeClass ? OUTCOME_HANDLING[how.outcomeClass].alert : undefined;
    const problem = alert === 'claude_auth' ? 'auth' : alert === 'limit_needs_user' ? 'spend_limit' : alert === null ? null : classifyClaudeProblem(run.error);
    if (problem === 'auth') {
      add(
        openAlert(
          store,
          { kind: 'claude_auth', conditionKey: CLAUDE_AUTH_KEY, jobId: null, title: 'Claude is not logged in', cause: `Run #${run.id} of "${job.name}": ${run.error}. Log in with \`claude\` (then /login) on this machine; scheduled Claude runs fail until then.`, runIds: [run.id] },
          now,
        ),
      );
    } else if (problem === 'spend_limit') {
      changes.push(...noticeLimitNeedsUser(store, run, run.error ?? 'spend limit', now));
    }
  }

  if (retryQueued) return changes;
  const threshold = job.notify.failureThreshold ?? store.settings.getAll().alertFailureThreshold;
  const recent = lastFinalOutcomes(store, job.id, threshold);
  if (recent.length >= threshold && recent.every((r) => FAILURE.has(r.status))) {
    const ids = recent.map((r) => r.id).reverse();
    add(
      openAlert(
        store,
        {
          kind: 'consecutive_failures',
          conditionKey: failuresKey(job.id),
          jobId: job.id,
          // A threshold of one alerts on every failure: "failed 1 times in a row" would read as a bug.
          title: threshold === 1 ? `"${job.name}" failed` : `"${job.name}" failed ${threshold} times in a row`,
          cause:
            threshold === 1
              ? `Run #${ids[0]} failed: ${run.error ?? run.status}`
              : `Runs ${ids.map((id) => `#${id}`).join(', ')} failed; the last one: ${run.error ?? run.status}`,
          runIds: ids,
        },
        now,
      ),
    );
  }
  return changes;
}

/** A spend, credit or organisation limit: runs wait, but only the user can lift it. */
export function noticeLimitNeedsUser(store: Store, run: Run, message: string, now: number): AlertChange[] {
  const opened = openAlert(
    store,
    {
      kind: 'usage_limit',
      conditionKey: USAGE_LIMIT_KEY,
      jobId: null,
      title: 'A Claude spend or credit limit needs you',
      cause: `Run #${run.id} of "${run.jobName}": ${message}. This limit does not lift by itself: raise it or add credits; Claude runs wait meanwhile.`,
      runIds: [run.id],
    },
    now,
  );
  return opened ? [opened] : [];
}
