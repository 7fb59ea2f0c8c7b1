import { describe, expect, it } from 'vitest';
import { classifyLimitText, classifyRateLimitEvent, parseResetWhen, type LimitClassification } from './detect';

const at = (iso: string): number => Date.parse(iso);

interface TextCase {
  name: string;
  text: string;
  now: string;
  zone: string;
  expected:
    | { kind: 'usage_limit'; resetsAt: string | null; source: string; limitType?: string; message?: string }
    | Exclude<LimitClassification, { kind: 'usage_limit' }>
    | { kind: 'transient' | 'permanent'; reason: string };
}

const usage = (resetsAt: string | null, source: string, limitType?: string) =>
  ({ kind: 'usage_limit', resetsAt, source, ...(limitType ? { limitType } : {}) }) as const;

const TEXT_CASES: TextCase[] = [
  // --- 1.0.x ---------------------------------------------------------------------------------
  {
    name: '1.0.x epoch seconds',
    text: 'Claude AI usage limit reached|1763640000',
    now: '2025-11-20T09:00:00Z',
    zone: 'UTC',
    expected: usage('2025-11-20T12:00:00.000Z', 'text:v1-epoch'),
  },
  {
    name: '1.0.x |0 means the reset is unknown',
    text: 'Claude AI usage limit reached|0',
    now: '2025-11-20T09:00:00Z',
    zone: 'UTC',
    expected: usage(null, 'text:v1-epoch'),
  },
  {
    name: '1.0.x epoch embedded in a result line',
    text: '{"type":"result","subtype":"success","is_error":true,"result":"Claude AI usage limit reached|1763640000"}',
    now: '2025-11-20T09:00:00Z',
    zone: 'Asia/Taipei',
    expected: usage('2025-11-20T12:00:00.000Z', 'text:v1-epoch'),
  },
  {
    name: '1.0.x terminal form in America/Bogota, zone from the message beats the local zone',
    text: 'Claude usage limit reached. Your limit will reset at 3pm (America/Bogota).',
    now: '2025-11-20T15:00:00Z', // 10:00 in Bogota
    zone: 'UTC',
    expected: usage('2025-11-20T20:00:00.000Z', 'text:v1-terminal'),
  },
  // --- 1.0.88+ (U+2219, no zone: local) -------------------------------------------------------
  {
    name: '1.0.88 5-hour, 6:34am already passed in Asia/Taipei → tomorrow',
    text: '5-hour limit reached \u2219 resets 6:34am',
    now: '2025-11-20T00:00:00Z', // 08:00 in Taipei
    zone: 'Asia/Taipei',
    expected: usage('2025-11-20T22:34:00.000Z', 'text:v1088-bullet', 'five_hour'),
  },
  {
    name: '1.0.88 session, later today in Asia/Taipei',
    text: 'Session limit reached ∙ resets 11:15am',
    now: '2025-11-20T00:00:00Z',
    zone: 'Asia/Taipei',
    expected: usage('2025-11-20T03:15:00.000Z', 'text:v1088-bullet', 'five_hour'),
  },
  {
    name: '1.0.88 weekly with a date, Europe/London in winter',
    text: 'Weekly limit reached ∙ resets Nov 25, 3pm',
    now: '2025-11-20T12:00:00Z',
    zone: 'Europe/London',
    expected: usage('2025-11-25T15:00:00.000Z', 'text:v1088-bullet', 'seven_day'),
  },
  {
    name: '1.0.88 Opus weekly across the new year in America/New_York',
    text: 'Opus weekly limit reached ∙ resets Jan 2, 9am',
    now: '2025-12-30T17:00:00Z',
    zone: 'America/New_York',
    expected: usage('2026-01-02T14:00:00.000Z', 'text:v1088-bullet', 'seven_day_opus'),
  },
  {
    name: '1.0.88 with U+00B7 instead of U+2219',
    text: '5-hour limit reached · resets 6pm',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: usage('2025-11-20T18:00:00.000Z', 'text:v1088-bullet', 'five_hour'),
  },
  {
    name: '1.0.88 date already past this year → next year',
    text: 'Weekly limit reached ∙ resets Nov 1, 3pm',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: usage('2026-11-01T15:00:00.000Z', 'text:v1088-bullet', 'seven_day'),
  },
  {
    name: '1.0.88 unparsable time still counts, reset unknown',
    text: '5-hour limit reached ∙ resets soon',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: usage(null, 'text:v1088-bullet', 'five_hour'),
  },
  // --- 2.0+ (U+00B7, IANA zone) ---------------------------------------------------------------
  {
    name: '2.0 plain limit in Asia/Taipei, local zone UTC',
    text: "You've hit your limit · resets 3pm (Asia/Taipei)",
    now: '2025-11-20T02:00:00Z', // 10:00 in Taipei
    zone: 'UTC',
    expected: { ...usage('2025-11-20T07:00:00.000Z', 'text:v2-hit'), message: "You've hit your limit · resets 3pm (Asia/Taipei)" },
  },
  {
    name: '2.0 curly apostrophe, Europe/London in summer (BST), progress saved',
    text: 'You\u2019ve hit your session limit · resets 4:30pm (Europe/London) · progress saved',
    now: '2025-07-01T10:00:00Z',
    zone: 'UTC',
    expected: {
      ...usage('2025-07-01T15:30:00.000Z', 'text:v2-hit', 'five_hour'),
      message: 'You\u2019ve hit your session limit · resets 4:30pm (Europe/London) · progress saved',
    },
  },
  {
    name: '2.0 America/New_York DST edge: 6am after spring-forward night is EDT',
    text: "You've hit your 5-hour limit · resets 6am (America/New_York)",
    now: '2025-03-09T04:30:00Z', // 23:30 EST on Mar 8
    zone: 'UTC',
    expected: usage('2025-03-09T10:00:00.000Z', 'text:v2-hit', 'five_hour'),
  },
  {
    name: '2.0 America/New_York 2:30am does not exist on spring-forward day → 3:30am EDT',
    text: "You've reached your weekly limit · resets Mar 9, 2:30am (America/New_York)",
    now: '2025-03-05T12:00:00Z',
    zone: 'UTC',
    expected: usage('2025-03-09T07:30:00.000Z', 'text:v2-hit', 'seven_day'),
  },
  {
    name: '2.0 America/New_York fall-back: first 1:30am (EDT) when both are ahead',
    text: "You've hit your limit · resets 1:30am (America/New_York)",
    now: '2025-11-02T04:00:00Z', // 00:00 EDT
    zone: 'UTC',
    expected: usage('2025-11-02T05:30:00.000Z', 'text:v2-hit'),
  },
  {
    name: '2.0 America/New_York fall-back: second 1:30am (EST) once the first has passed',
    text: "You've hit your limit · resets 1:30am (America/New_York)",
    now: '2025-11-02T05:45:00Z', // 1:45 EDT
    zone: 'UTC',
    expected: usage('2025-11-02T06:30:00.000Z', 'text:v2-hit'),
  },
  {
    name: '2.0 out of extra usage, UTC, already passed → tomorrow',
    text: "You're out of extra usage · resets 8pm (UTC)",
    now: '2025-11-20T21:00:00Z',
    zone: 'Asia/Taipei',
    expected: usage('2025-11-21T20:00:00.000Z', 'text:v2-extra-usage'),
  },
  {
    name: '2.0 printed minute just passed (seconds dropped) is still now, not tomorrow',
    text: "You've hit your limit · resets 2pm (UTC)",
    now: '2025-11-20T14:00:30Z',
    zone: 'UTC',
    expected: usage('2025-11-20T14:00:00.000Z', 'text:v2-hit'),
  },
  {
    name: '2.0 Opus limit with a date, embedded in an assistant line',
    text: '{"type":"assistant","message":{"model":"<synthetic>","content":[{"type":"text","text":"You\u2019ve hit your Opus limit · resets Nov 25, 3pm (Asia/Taipei)"}]},"error":"rate_limit"}',
    now: '2025-11-20T02:00:00Z',
    zone: 'UTC',
    expected: usage('2025-11-25T07:00:00.000Z', 'text:v2-hit', 'seven_day_opus'),
  },
  {
    name: '2.0 unknown zone falls back to the local zone (America/Bogota)',
    text: "You've hit your limit · resets 3pm (Mars/Olympus_Mons)",
    now: '2025-11-20T12:00:00Z', // 07:00 in Bogota
    zone: 'America/Bogota',
    expected: usage('2025-11-20T20:00:00.000Z', 'text:v2-hit'),
  },
  {
    name: '2.0 impossible hour → reset unknown',
    text: "You've hit your limit · resets 25pm (UTC)",
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: usage(null, 'text:v2-hit'),
  },
  {
    name: '2.0 without a reset clause',
    text: "You've hit your limit",
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: usage(null, 'text:v2-hit'),
  },
  {
    name: '2.0 24-hour clock from a non-US locale',
    text: "You've hit your limit · resets 15:00 (Europe/London)",
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: usage('2025-11-20T15:00:00.000Z', 'text:v2-hit'),
  },
  // --- transient: retry with backoff ---------------------------------------------------------
  {
    name: '429 rate_limit_error',
    text: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization"}}',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'transient', reason: 'rate_limit_429' },
  },
  {
    name: '429 request rejected',
    text: 'API Error: Request rejected (429) · this may be a temporary capacity issue',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'transient', reason: 'rate_limit_429' },
  },
  {
    name: 'rate limit reached (no reset clause)',
    text: 'API Error: Rate limit reached',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'transient', reason: 'rate_limit_429' },
  },
  {
    name: 'temporary limiting that explicitly is not the usage limit',
    text: "API Error: Request rejected (429) · We're temporarily limiting requests (not your usage limit) · Please try again shortly",
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'transient', reason: 'temporary_limit' },
  },
  {
    name: '529 overloaded',
    text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'transient', reason: 'overloaded_529' },
  },
  // --- permanent: never retry ------------------------------------------------------------------
  {
    name: 'not logged in',
    text: 'Not logged in · Please run /login',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'permanent', reason: 'not_logged_in', message: 'Not logged in · Please run /login' },
  },
  {
    name: 'invalid API key',
    text: 'Invalid API key · Please run /login',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'permanent', reason: 'invalid_api_key' },
  },
  {
    name: 'credit balance too low',
    text: 'Credit balance is too low',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'permanent', reason: 'credit_too_low' },
  },
  // --- nothing to see --------------------------------------------------------------------------
  { name: 'ordinary text', text: 'Hello from fake claude', now: '2025-11-20T12:00:00Z', zone: 'UTC', expected: { kind: 'none' } },
  { name: 'empty text', text: '', now: '2025-11-20T12:00:00Z', zone: 'UTC', expected: { kind: 'none' } },
  {
    name: 'prose about limits is not a limit',
    text: 'The retry logic checks whether the limit reached its maximum; the counter resets at midnight.',
    now: '2025-11-20T12:00:00Z',
    zone: 'UTC',
    expected: { kind: 'none' },
  },
];

describe('classifyLimitText', () => {
  it.each(TEXT_CASES)('$name', ({ text, now, zone, expected }) => {
    const actual = classifyLimitText(text, at(now), zone);
    if (expected.kind === 'usage_limit') {
      const { resetsAt, ...rest } = expected;
      expect(actual).toMatchObject({ ...rest, resetsAt: resetsAt === null ? null : at(resetsAt) });
      if (actual.kind === 'usage_limit' && expected.limitType === undefined) {
        expect(actual.limitType).toBeUndefined();
      }
    } else {
      expect(actual).toMatchObject(expected);
    }
  });

  it('returns the limit message itself, not the JSON around it', () => {
    const line = '{"result":"5-hour limit reached ∙ resets 6:34am","is_error":true}';
    const actual = classifyLimitText(line, at('2025-11-20T00:00:00Z'), 'UTC');
    expect(actual).toMatchObject({ kind: 'usage_limit', message: '5-hour limit reached ∙ resets 6:34am' });
  });
});

interface WhenCase {
  when: string;
  zone: string;
  now: string;
  expected: string | null;
}

const WHEN_CASES: WhenCase[] = [
  { when: '3pm', zone: 'Asia/Taipei', now: '2025-11-20T02:00:00Z', expected: '2025-11-20T07:00:00.000Z' },
  { when: '3pm', zone: 'Asia/Taipei', now: '2025-11-20T08:00:00Z', expected: '2025-11-21T07:00:00.000Z' },
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

describe('classifyRateLimitEvent', () => {
  it.each([
    {
      info: { status: 'rejected', resetsAt: 1763640000, rateLimitType: 'five_hour' },
      expected: { kind: 'rejected', resetsAt: 1763640000000, limitType: 'five_hour' },
    },
    { info: { status: 'rejected' }, expected: { kind: 'rejected', resetsAt: null } },
    { info: { status: 'rejected', resetsAt: 0 }, expected: { kind: 'rejected', resetsAt: null } },
    {
      info: { status: 'allowed_warning', resetsAt: 1763640000, rateLimitType: 'seven_day' },
      expected: { kind: 'warning', resetsAt: 1763640000000, limitType: 'seven_day' },
    },
    { info: { status: 'allowed', resetsAt: 1763640000, rateLimitType: 'five_hour' }, expected: { kind: 'allowed' } },
    { info: {}, expected: { kind: 'allowed' } },
  ])('$info.status → $expected.kind', ({ info, expected }) => {
    expect(classifyRateLimitEvent(info)).toEqual(expected);
  });
});
