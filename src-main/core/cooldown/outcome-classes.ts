/**
 * The named outcomes of one Claude run, and what each means for the scheduler — the one table the
 * executor, the runner, `cnp runs show` and alerts read, so no two places disagree about whether a
 * failure is retried, deferred or needs the user.
 */

export const OUTCOME_CLASSES = [
  'success',
  'usage_limit',
  'usage_limit_no_reset',
  'rate_limited',
  'auth',
  'spend_limit',
  'max_turns',
  'max_budget',
  'bad_session',
  'permission_refused',
  'invalid_option',
  'crash',
] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

/**
 * - `done`: nothing follows. - `retry`: the job's retry policy applies (transient).
 * - `never`: permanent, a retry would fail the same way (and might cost money).
 * - `defer`: not a failure; the run waits for the cooldown and uses no attempt.
 */
export type OutcomeFollowUp = 'done' | 'retry' | 'never' | 'defer';

/** Conditions an alert can be raised for (core/alerts hooks `claude.outcome` events with these). */
export type OutcomeAlert = 'claude_auth' | 'limit_needs_user';

export interface OutcomeHandling {
  followUp: OutcomeFollowUp;
  /** The run's `errorKind` as the retry policy reads it. */
  errorKind: 'permanent' | 'transient' | 'usage_limit' | null;
  alert: OutcomeAlert | null;
  /** A few words for logs and the UI. */
  label: string;
}

export const OUTCOME_HANDLING: Record<OutcomeClass, OutcomeHandling> = {
  success: { followUp: 'done', errorKind: null, alert: null, label: 'succeeded' },
  usage_limit: { followUp: 'defer', errorKind: 'usage_limit', alert: null, label: 'usage limit' },
  usage_limit_no_reset: { followUp: 'defer', errorKind: 'usage_limit', alert: null, label: 'usage limit (reset unknown)' },
  rate_limited: { followUp: 'retry', errorKind: 'transient', alert: null, label: 'rate limited or overloaded' },
  auth: { followUp: 'never', errorKind: 'permanent', alert: 'claude_auth', label: 'not logged in' },
  spend_limit: { followUp: 'defer', errorKind: 'usage_limit', alert: 'limit_needs_user', label: 'spend, credit or organisation limit' },
  max_turns: { followUp: 'never', errorKind: 'permanent', alert: null, label: 'max turns reached' },
  max_budget: { followUp: 'never', errorKind: 'permanent', alert: null, label: 'max budget reached' },
  bad_session: { followUp: 'never', errorKind: 'permanent', alert: null, label: 'unknown or unusable session' },
  permission_refused: { followUp: 'never', errorKind: 'permanent', alert: null, label: 'permission mode refused' },
  invalid_option: { followUp: 'never', errorKind: 'permanent', alert: null, label: 'invalid option' },
  crash: { followUp: 'retry', errorKind: 'transient', alert: null, label: 'crashed' },
};
