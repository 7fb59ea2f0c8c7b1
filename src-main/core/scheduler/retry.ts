import type { RetryPolicy } from '../../../src-shared/domain';

/** The wait before retry `retry` (1 = the first) before jitter: the policy's growth, capped. */
function baseDelayMs(policy: RetryPolicy, retry: number): { ms: number; capMs: number } {
  if (policy.backoff === 'ladder' && policy.delaysSeconds?.length) {
    // An explicit ladder is what the user wrote: its last step repeats and no cap applies.
    const steps = policy.delaysSeconds;
    const ms = steps[Math.min(Math.max(1, retry), steps.length) - 1]! * 1000;
    return { ms, capMs: ms };
  }
  const base = policy.delaySeconds * 1000;
  const factor = policy.multiplier ?? 2;
  const raw =
    policy.backoff === 'fixed' ? base : policy.backoff === 'linear' ? base * retry : base * factor ** Math.max(0, retry - 1);
  const capMs = policy.maxDelaySeconds * 1000;
  return { ms: Math.min(raw, capMs), capMs };
}

/**
 * The wait before retry number `retry` (1 = the first retry). Jitter spreads retries of many jobs
 * that failed together (e.g. a network outage) so they do not all hit again at once.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const { ms, capMs } = baseDelayMs(policy, retry);
  const spread = ms * policy.jitter;
  // Jitter never pushes a delay past the cap: the maximum delay is a promise to the user.
  return Math.max(0, Math.min(capMs, Math.round(ms - spread + random() * 2 * spread)));
}

/** Whether a finished attempt gets another: only real failures, never permanent ones or cancels. */
export function shouldRetry(policy: RetryPolicy, attempt: number, status: string, errorKind: string | null): boolean {
  if (!['failed', 'timed_out', 'interrupted'].includes(status)) return false;
  if (errorKind === 'permanent') return false;
  return attempt <= policy.maxRetries;
}
