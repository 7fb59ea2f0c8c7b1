import type { RetryPolicy } from '../../../src-shared/domain';

/**
 * The wait before retry number `retry` (1 = the first retry). Jitter spreads retries of many jobs
 * that failed together (e.g. a network outage) so they do not all hit again at once.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const base = policy.delaySeconds * 1000;
  const raw =
    policy.backoff === 'fixed' ? base : policy.backoff === 'linear' ? base * retry : base * 2 ** Math.max(0, retry - 1);
  const cap = policy.maxDelaySeconds * 1000;
  const capped = Math.min(raw, cap);
  const spread = capped * policy.jitter;
  // Jitter never pushes a delay past the cap: the maximum delay is a promise to the user.
  return Math.max(0, Math.min(cap, Math.round(capped - spread + random() * 2 * spread)));
}

/** Whether a finished attempt gets another: only real failures, never permanent ones or cancels. */
export function shouldRetry(policy: RetryPolicy, attempt: number, status: string, errorKind: string | null): boolean {
  if (!['failed', 'timed_out', 'interrupted'].includes(status)) return false;
  if (errorKind === 'permanent') return false;
  return attempt <= policy.maxRetries;
}
