import { describe, expect, it } from 'vitest';
import type { BackoffKind, RetryPolicy } from '../../../src-shared/domain';
import { retryDelayMs, shouldRetry } from './retry';

const policy = (backoff: BackoffKind, delaySeconds: number, maxDelaySeconds: number, jitter = 0, maxRetries = 3): RetryPolicy => ({
  maxRetries,
  backoff,
  delaySeconds,
  maxDelaySeconds,
  jitter,
});

describe('retryDelayMs', () => {
  // prettier-ignore
  const cases: [name: string, policy: RetryPolicy, retries: number[], random: number, expectedMs: number[]][] = [
    ['fixed waits the same each time',           policy('fixed', 60, 3600),        [1, 2, 3, 4],    0.5, [60_000, 60_000, 60_000, 60_000]],
    ['linear grows by the delay',                policy('linear', 60, 3600),       [1, 2, 3, 4],    0.5, [60_000, 120_000, 180_000, 240_000]],
    ['exponential doubles',                      policy('exponential', 60, 3600),  [1, 2, 3, 4, 5], 0.5, [60_000, 120_000, 240_000, 480_000, 960_000]],
    ['exponential stops at the cap',             policy('exponential', 60, 300),   [3, 4, 5, 30],   0.5, [240_000, 300_000, 300_000, 300_000]],
    ['linear stops at the cap',                  policy('linear', 60, 150),        [1, 2, 3],       0.5, [60_000, 120_000, 150_000]],
    ['a cap below the delay wins',               policy('fixed', 60, 10),          [1, 2],          0.5, [10_000, 10_000]],
    ['a huge retry number stays finite',         policy('exponential', 1, 86_400), [100],           0.5, [86_400_000]],
    ['zero delay retries at once',               policy('exponential', 0, 3600),   [1, 5],          0.5, [0, 0]],
    // Jitter spreads a delay by ±jitter·delay: random 0 is the low end, random → 1 the high end.
    ['jitter 0.1, random 0: 10% early',          policy('fixed', 60, 3600, 0.1),   [1, 2],          0,   [54_000, 54_000]],
    ['jitter 0.1, random 0.5: the delay itself', policy('fixed', 60, 3600, 0.1),   [1],             0.5, [60_000]],
    ['jitter 0.1, random 0.75: 5% late',         policy('linear', 60, 3600, 0.1),  [2],             0.75, [126_000]],
    ['jitter 1, random 0: no wait',              policy('fixed', 60, 3600, 1),     [1],             0,   [0]],
    ['jitter 0 ignores random',                  policy('exponential', 60, 3600),  [2],             0.99, [120_000]],
    // The cap is a cap: jitter never pushes a capped delay past it.
    ['jitter at the cap stays at or under it',   policy('exponential', 60, 300, 0.2), [10],        0.999, [300_000]],
    ['jitter at the cap can still go under it',  policy('exponential', 60, 300, 0.2), [10],        0,    [240_000]],
  ];

  it.each(cases)('%s', (_name, p, retries, random, expectedMs) => {
    expect(retries.map((n) => retryDelayMs(p, n, () => random))).toEqual(expectedMs);
  });

  // prettier-ignore
  const bounds: [policy: RetryPolicy, retry: number, lowMs: number, highMs: number][] = [
    [policy('fixed', 60, 3600, 0.1),       1, 54_000, 66_000],
    [policy('exponential', 60, 3600, 0.5), 3, 120_000, 360_000],
    [policy('linear', 10, 3600, 0.25),     4, 30_000, 50_000],
    [policy('exponential', 60, 300, 0.2),  9, 240_000, 300_000],
  ];

  it.each(bounds)('jittered delays stay within bounds (%o, retry %i)', (p, retry, lowMs, highMs) => {
    const randoms = Array.from({ length: 101 }, (_, i) => Math.min(i / 100, 0.999_999));
    const delays = randoms.map((x) => retryDelayMs(p, retry, () => x));
    expect(Math.min(...delays)).toBe(lowMs);
    expect(Math.max(...delays)).toBeLessThanOrEqual(highMs);
    expect(Math.max(...delays)).toBeGreaterThan(highMs - 100);
    // More random, never less wait.
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  const ladder = (delaysSeconds: number[], jitter = 0): RetryPolicy => ({ ...policy('ladder', 60, 300, jitter), delaysSeconds });

  // prettier-ignore
  const ladders: [name: string, policy: RetryPolicy, retries: number[], random: number, expectedMs: number[]][] = [
    ['a ladder walks its steps in order',         ladder([30, 60, 300, 900, 3600]), [1, 2, 3, 4, 5], 0.5, [30_000, 60_000, 300_000, 900_000, 3_600_000]],
    ['past its end the last step repeats',        ladder([30, 60]),                 [2, 3, 10],      0.5, [60_000, 60_000, 60_000]],
    ['the ladder ignores the max delay',          ladder([7200]),                   [1],             0.5, [7_200_000]],
    ['a zero step retries at once',               ladder([0, 10]),                  [1, 2],          0.5, [0, 10_000]],
    ['jitter only makes a step earlier, random 0', ladder([100], 0.2),              [1],             0,   [80_000]],
    ['jitter never makes a step later',           ladder([100], 0.2),               [1],             0.999, [100_000]],
  ];

  it.each(ladders)('%s', (_name, p, retries, random, expectedMs) => {
    expect(retries.map((n) => retryDelayMs(p, n, () => random))).toEqual(expectedMs);
  });

  // prettier-ignore
  const multipliers: [multiplier: number, retries: number[], expectedMs: number[]][] = [
    [3,   [1, 2, 3], [10_000, 30_000, 90_000]],
    [1.5, [1, 2, 3], [10_000, 15_000, 22_500]],
    [1,   [1, 5],    [10_000, 10_000]],
    [10,  [4],       [3_600_000]], // capped by the max delay
  ];

  it.each(multipliers)('exponential with multiplier %d', (multiplier, retries, expectedMs) => {
    const p: RetryPolicy = { ...policy('exponential', 10, 3600), multiplier };
    expect(retries.map((n) => retryDelayMs(p, n, () => 0.5))).toEqual(expectedMs);
  });

  it('uses Math.random when no random is given, within the jitter bounds', () => {
    const p = policy('fixed', 60, 3600, 0.5);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(p, 1);
      expect(d).toBeGreaterThanOrEqual(30_000);
      expect(d).toBeLessThanOrEqual(90_000);
    }
  });
});

describe('shouldRetry', () => {
  // prettier-ignore
  const cases: [maxRetries: number, attempt: number, status: string, errorKind: string | null, retry: boolean][] = [
    // Attempt n may be followed by another while n ≤ maxRetries: maxRetries 2 means 3 attempts.
    [2, 1, 'failed',      'transient', true],
    [2, 2, 'failed',      'transient', true],
    [2, 3, 'failed',      'transient', false],
    [0, 1, 'failed',      'transient', false],
    [2, 1, 'failed',      null,        true],
    [2, 1, 'timed_out',   'transient', true],
    [2, 1, 'interrupted', 'transient', true],
    [1, 2, 'interrupted', 'transient', false],
    // Permanent errors are never retried, however many retries are left.
    [5, 1, 'failed',      'permanent', false],
    [5, 1, 'timed_out',   'permanent', false],
    [5, 1, 'interrupted', 'permanent', false],
    // Only failures are retried: not a success, a cancel or a skip.
    [5, 1, 'succeeded',   null,        false],
    [5, 1, 'cancelled',   null,        false],
    [5, 1, 'cancelled',   'transient', false],
    [5, 1, 'skipped',     null,        false],
    [5, 1, 'queued',      null,        false],
  ];

  it.each(cases)('maxRetries %i, attempt %i, %s (%s) → %s', (maxRetries, attempt, status, errorKind, retry) => {
    expect(shouldRetry(policy('fixed', 60, 3600, 0, maxRetries), attempt, status, errorKind)).toBe(retry);
  });
});
