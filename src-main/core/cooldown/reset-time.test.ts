import { describe, expect, it } from 'vitest';
import { parseResetWhen } from './reset-time';

const at = (iso: string): number => Date.parse(iso);

interface WhenCase {
  when: string;
  zone: string;
  now: string;
  expected: string | null;
}

const WHEN_CASES: WhenCase[] = [
  { when: '3pm', zone: 'Asia/Taipei', now: '2025-11-20T02:00:00Z', expected: '2025-11-20T07:00:00.000Z' },
  { when: '3pm', zone: 'Asia/Taipei', now: '2025-11-20T08:00:00Z', expected: '2025-11-21T07:00:00.000Z' },
  // Passed less than 15 minutes ago: the reset that has just gone by, not tomorrow's.
  { when: '3pm', zone: 'Asia/Taipei', now: '2025-11-20T07:10:00Z', expected: '2025-11-20T07:00:00.000Z' },
  { when: '3pm', zone: 'Asia/Taipei', now: '2025-11-20T07:16:00Z', expected: '2025-11-21T07:00:00.000Z' },
  { when: '12am', zone: 'UTC', now: '2025-11-20T12:00:00Z', expected: '2025-11-21T00:00:00.000Z' },
  { when: '12pm', zone: 'UTC', now: '2025-11-20T11:00:00Z', expected: '2025-11-20T12:00:00.000Z' },
  { when: '9:05 AM', zone: 'Europe/London', now: '2025-07-01T06:00:00Z', expected: '2025-07-01T08:05:00.000Z' },
  { when: 'Dec 31, 11:59pm', zone: 'America/New_York', now: '2025-12-30T00:00:00Z', expected: '2026-01-01T04:59:00.000Z' },
  { when: 'Jan 1, 12am', zone: 'Asia/Taipei', now: '2025-12-31T00:00:00Z', expected: '2025-12-31T16:00:00.000Z' },
  { when: 'Sept 3, 9am', zone: 'UTC', now: '2025-08-30T00:00:00Z', expected: '2025-09-03T09:00:00.000Z' },
  { when: 'Feb 30, 3pm', zone: 'UTC', now: '2025-01-01T00:00:00Z', expected: null },
  { when: 'Foo 3, 3pm', zone: 'UTC', now: '2025-01-01T00:00:00Z', expected: null },
  { when: '13pm', zone: 'UTC', now: '2025-01-01T00:00:00Z', expected: null },
  { when: 'tomorrow', zone: 'UTC', now: '2025-01-01T00:00:00Z', expected: null },
  { when: '3pm', zone: 'Not/AZone', now: '2025-01-01T00:00:00Z', expected: null },
];

describe('parseResetWhen', () => {
  it.each(WHEN_CASES)('$when in $zone at $now → $expected', ({ when, zone, now, expected }) => {
    expect(parseResetWhen(when, zone, at(now))).toBe(expected === null ? null : at(expected));
  });
});

