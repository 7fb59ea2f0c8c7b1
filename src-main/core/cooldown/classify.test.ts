import { describe, expect, it } from 'vitest';
import { classifyRun, NOT_LOGGED_IN_PREFIX, type RunEvidence } from './classify';
import type { LimitScope } from './limit-scope';
import type { OutcomeClass } from './outcome-classes';

/**
 * Every message of docs/CLAUDE-CLI.md, read in several local zones: the class, the reset instant
 * (printed minutes rounded up to the end of the minute) and the scope. A message that carries its
 * own zone must give the same instant whatever the machine's zone is.
 */

const at = (iso: string): number => Date.parse(iso);
const NOW = '2025-11-20T12:00:00Z'; // 07:00 New York (EST), 12:00 London (GMT), 20:00 Taipei

/** A run whose only evidence is the error text, as 2.0/1.0 print it (no rate_limit_event). */
const textRun = (text: string): RunEvidence => ({
  apiRetries: 0,
  result: { subtype: 'success', isError: true, text },
  syntheticTexts: [text],
  stderr: '',
  exitCode: 1,
  signal: null,
});

interface Row {
  text: string;
  class: OutcomeClass;
  scope?: LimitScope;
  limitType?: string | null;
  now?: string;
  /** Local zone → expected reset (ISO) or null. One entry per zone the row is read in. */
  resets: Record<string, string | null>;
}

const ANY_ZONE = (iso: string | null) => ({ UTC: iso, 'Asia/Taipei': iso, 'America/New_York': iso });

const ROWS: Row[] = [
  // --- 1.0.x --------------------------------------------------------------------------------------
  { text: 'Claude AI usage limit reached|1763650800', class: 'usage_limit', resets: ANY_ZONE('2025-11-20T15:00:00Z') },
  { text: 'Claude AI usage limit reached|0', class: 'usage_limit_no_reset', resets: ANY_ZONE(null) },
  {
    text: 'Claude usage limit reached. Your limit will reset at 3pm (America/Bogota).',
    class: 'usage_limit',
    resets: ANY_ZONE('2025-11-20T20:01:00Z'),
  },
  { text: 'Claude usage limit reached.', class: 'usage_limit_no_reset', resets: ANY_ZONE(null) },
  {
    text: 'Claude usage limit reached. Your limit will reset at Oct 6, 6pm.',
    class: 'usage_limit',
    resets: { UTC: '2026-10-06T18:01:00Z', 'Asia/Taipei': '2026-10-06T10:01:00Z', 'America/New_York': '2026-10-06T22:01:00Z' },
  },
  // --- 1.0.88+ (U+2219, no zone: the local one) --------------------------------------------------
  {
    text: '5-hour limit reached \u2219 resets 6:34am',
    class: 'usage_limit',
    limitType: 'five_hour',
    resets: { UTC: '2025-11-21T06:35:00Z', 'Asia/Taipei': '2025-11-20T22:35:00Z', 'America/New_York': '2025-11-21T11:35:00Z' },
  },
  {
    text: 'Session limit reached \u2219 resets 6:34am',
    class: 'usage_limit',
    limitType: 'five_hour',
    resets: { UTC: '2025-11-21T06:35:00Z', 'Asia/Taipei': '2025-11-20T22:35:00Z', 'America/New_York': '2025-11-21T11:35:00Z' },
  },
  {
    text: 'Weekly limit reached \u2219 resets Nov 25, 3pm',
    class: 'usage_limit',
    limitType: 'seven_day',
    resets: { UTC: '2025-11-25T15:01:00Z', 'Asia/Taipei': '2025-11-25T07:01:00Z', 'America/New_York': '2025-11-25T20:01:00Z', 'Europe/London': '2025-11-25T15:01:00Z' },
  },
  {
    text: 'Opus limit reached \u2219 resets Nov 25, 3pm',
    class: 'usage_limit',
    scope: 'opus',
    limitType: 'seven_day_opus',
    resets: { UTC: '2025-11-25T15:01:00Z', 'Asia/Taipei': '2025-11-25T07:01:00Z' },
  },
  {
    text: 'Sonnet weekly limit reached \u2219 resets Nov 25, 3pm',
    class: 'usage_limit',
    scope: 'sonnet',
    limitType: 'seven_day_sonnet',
    resets: { UTC: '2025-11-25T15:01:00Z' },
  },
  { text: '5-hour limit reached \u2219 resets soon', class: 'usage_limit_no_reset', limitType: 'five_hour', resets: ANY_ZONE(null) },
  // --- 1.0.128 --------------------------------------------------------------------------------------
  {
    text: 'Spending cap reached resets Dec 4, 7:14pm',
    class: 'spend_limit',
    resets: { UTC: '2025-12-04T19:15:00Z', 'Asia/Taipei': '2025-12-04T11:15:00Z', 'America/New_York': '2025-12-05T00:15:00Z' },
  },
  {
    text: 'Limit reached \u2013 resets 3pm',
    class: 'usage_limit',
    resets: { UTC: '2025-11-20T15:01:00Z', 'Asia/Taipei': '2025-11-21T07:01:00Z', 'America/New_York': '2025-11-20T20:01:00Z' },
  },
  { text: 'Weekly limit resets Nov 25, 3pm', class: 'usage_limit', limitType: 'seven_day', resets: { UTC: '2025-11-25T15:01:00Z', 'America/New_York': '2025-11-25T20:01:00Z' } },
  { text: 'Opus limit resets Nov 25, 3pm', class: 'usage_limit', scope: 'opus', limitType: 'seven_day_opus', resets: { UTC: '2025-11-25T15:01:00Z' } },
  // --- 2.0+ / 2.1.330 (U+00B7, IANA zone in the text) ---------------------------------------------
  { text: "You've hit your limit · resets 3pm (Asia/Taipei)", class: 'usage_limit', resets: ANY_ZONE('2025-11-21T07:01:00Z') },
  { text: "You've hit your 5-hour limit · resets 4:30pm (Europe/London)", class: 'usage_limit', limitType: 'five_hour', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've hit your weekly limit · resets 4:30pm (Europe/London)", class: 'usage_limit', limitType: 'seven_day', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've hit your Opus limit · resets 4:30pm (Europe/London)", class: 'usage_limit', scope: 'opus', limitType: 'seven_day_opus', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've hit your Sonnet limit · resets 4:30pm (Europe/London) · progress saved", class: 'usage_limit', scope: 'sonnet', limitType: 'seven_day_sonnet', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've hit your usage credit limit · resets 4:30pm (Europe/London)", class: 'usage_limit', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've hit your usage limit · resets 4:30pm (Europe/London)", class: 'usage_limit', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've hit your fast limit · resets 4:30pm (Europe/London)", class: 'usage_limit', resets: ANY_ZONE('2025-11-20T16:31:00Z') },
  { text: "You've reached your weekly limit · resets Nov 25, 3pm (America/New_York)", class: 'usage_limit', limitType: 'seven_day', resets: ANY_ZONE('2025-11-25T20:01:00Z') },
  { text: "You're out of extra usage · resets 8pm (UTC)", class: 'usage_limit', resets: ANY_ZONE('2025-11-20T20:01:00Z') },
  { text: "You've hit your limit", class: 'usage_limit_no_reset', resets: ANY_ZONE(null) },
  // --- formats reported by users ------------------------------------------------------------------
  { text: "You've hit your session limit · resets 12:50am (America/Los_Angeles)", class: 'usage_limit', limitType: 'five_hour', resets: ANY_ZONE('2025-11-21T08:51:00Z') },
  { text: "You've hit your weekly limit · resets 5pm (America/Detroit)", class: 'usage_limit', limitType: 'seven_day', resets: ANY_ZONE('2025-11-20T22:01:00Z') },
  { text: "You've hit your limit · resets Jan 30, 11:30am (Asia/Calcutta)", class: 'usage_limit', resets: ANY_ZONE('2026-01-30T06:01:00Z') },
  { text: "You've hit your limit · resets Jan 24 at 6pm (Asia/Hong_Kong)", class: 'usage_limit', resets: ANY_ZONE('2026-01-24T10:01:00Z') },
  {
    text: "You've hit your limit · resets 10pm",
    class: 'usage_limit',
    resets: { UTC: '2025-11-20T22:01:00Z', 'Asia/Taipei': '2025-11-20T14:01:00Z', 'America/New_York': '2025-11-21T03:01:00Z' },
  },
  {
    text: 'You\u2019ve hit your limit for Claude messages. Limits will reset at 9:30 AM.',
    class: 'usage_limit',
    resets: { UTC: '2025-11-21T09:31:00Z', 'Asia/Taipei': '2025-11-21T01:31:00Z', 'America/New_York': '2025-11-20T14:31:00Z' },
  },
  { text: "You've hit your monthly spend limit · raise it at claude.ai/settings/usage", class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: "You've hit your monthly spend limit · raise it at claude.ai/settings/usage?from=cc_cli_limit_message", class: 'spend_limit', resets: ANY_ZONE(null) },
  {
    text: 'You have reached your specified API usage limits. You will regain access on 2026-01-01 at 00:00 UTC.',
    class: 'spend_limit',
    resets: ANY_ZONE('2026-01-01T00:01:00Z'),
  },
  { text: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error"},"error_type":"grace_daily_limit_reached"}', class: 'usage_limit_no_reset', resets: ANY_ZONE(null) },
  // --- spend and organisation limits with no reset (2.1.330): the user must act ----------------
  { text: "You've hit your org's monthly spend limit", class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: "You've hit your individual spend limit", class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: "You're out of usage credits", class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: 'Your org is out of usage · add funds to continue', class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: 'Usage is paused for your organization. Ask an admin to resume it.', class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: "You're out of extra usage", class: 'spend_limit', resets: ANY_ZONE(null) },
  { text: 'Credit balance is too low', class: 'spend_limit', resets: ANY_ZONE(null) },
  // --- not usage limits: retried with backoff ----------------------------------------------------
  {
    text: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization"}}',
    class: 'rate_limited',
    resets: ANY_ZONE(null),
  },
  { text: 'API Error: Request rejected (429) · this may be a temporary capacity issue', class: 'rate_limited', resets: ANY_ZONE(null) },
  { text: 'API Error: Rate limit reached', class: 'rate_limited', resets: ANY_ZONE(null) },
  {
    text: "API Error: Request rejected (429) · We're temporarily limiting requests (not your usage limit) · Please try again shortly",
    class: 'rate_limited',
    resets: ANY_ZONE(null),
  },
  { text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', class: 'rate_limited', resets: ANY_ZONE(null) },
  // --- warnings are not limits: the run went on (as an error result they are an unknown failure) --
  { text: "You've used 91% of your 5-hour limit · resets 3pm (UTC)", class: 'crash', resets: ANY_ZONE(null) },
  { text: 'Approaching weekly limit', class: 'crash', resets: ANY_ZONE(null) },
  { text: 'The retry logic checks whether the limit reached its maximum; the counter resets at midnight.', class: 'crash', resets: ANY_ZONE(null) },
  // --- permanent: never retried ------------------------------------------------------------------
  { text: 'Not logged in · Please run /login', class: 'auth', resets: ANY_ZONE(null) },
  { text: 'Invalid API key · Please run /login', class: 'auth', resets: ANY_ZONE(null) },
  { text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired."}}', class: 'auth', resets: ANY_ZONE(null) },
  { text: '--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons', class: 'permission_refused', resets: ANY_ZONE(null) },
  { text: 'No conversation found with session ID: 0b7c6f0e-4f1d-4f55-9b7a-1c2d3e4f5a6b', class: 'bad_session', resets: ANY_ZONE(null) },
  { text: "error: unknown option '--frobnicate'", class: 'invalid_option', resets: ANY_ZONE(null) },
  { text: 'Error: When using --print, --output-format=stream-json requires --verbose', class: 'invalid_option', resets: ANY_ZONE(null) },
  { text: "There's an issue with the selected model (claude-nonexistent). It may not exist or you may not have access to it.", class: 'invalid_option', resets: ANY_ZONE(null) },
  // --- minute precision around the reset itself --------------------------------------------------
  { text: "You've hit your limit · resets 2pm (UTC)", now: '2025-11-20T14:00:30Z', class: 'usage_limit', resets: ANY_ZONE('2025-11-20T14:01:00Z') },
  // Passed six minutes ago: the reset that has just gone by, not tomorrow's (the cooldown probes).
  { text: "You've hit your limit · resets 2pm (UTC)", now: '2025-11-20T14:06:00Z', class: 'usage_limit', resets: ANY_ZONE('2025-11-20T14:01:00Z') },
  { text: "You've hit your limit · resets 2pm (UTC)", now: '2025-11-20T14:20:00Z', class: 'usage_limit', resets: ANY_ZONE('2025-11-21T14:01:00Z') },
];

const CASES = ROWS.flatMap((row) => Object.entries(row.resets).map(([zone, resetsAt]) => ({ ...row, zone, resetsAt, label: `${row.text} [${zone}]` })));

describe('classifyRun: every CLAUDE-CLI.md message, in several zones', () => {
  it.each(CASES)('$label', (c) => {
    const got = classifyRun(textRun(c.text), at(c.now ?? NOW), c.zone);
    expect(got.class).toBe(c.class);
    expect(got.resetsAt === null ? null : new Date(got.resetsAt).toISOString().replace('.000Z', 'Z')).toBe(c.resetsAt);
    expect(got.scope).toBe(c.scope ?? 'all');
    if (c.limitType !== undefined) expect(got.limitType).toBe(c.limitType);
  });

  it('names the login problem for scheduled runs and keeps the CLI text', () => {
    const got = classifyRun(textRun('Not logged in · Please run /login'), at(NOW), 'UTC');
    expect(got.message).toBe(`${NOT_LOGGED_IN_PREFIX}: Not logged in · Please run /login`);
  });

  it('shows the limit message itself, not the JSON line around it', () => {
    const got = classifyRun(textRun('{"result":"5-hour limit reached ∙ resets 6:34am","is_error":true}'), at(NOW), 'UTC');
    expect(got.message).toBe('5-hour limit reached ∙ resets 6:34am');
  });
});

const base: RunEvidence = { apiRetries: 0, syntheticTexts: [], stderr: '', exitCode: 0, signal: null };

describe('classifyRun: structured evidence first, text second, exit code last', () => {
  it.each<{ name: string; evidence: RunEvidence; expected: { class: OutcomeClass; resetsAt?: string | null; scope?: LimitScope; evidence?: string } }>([
    {
      name: '2.1 usage limit: rate_limit_event rejected with resetsAt is exact, no rounding',
      evidence: {
        ...base,
        exitCode: 1,
        rejected: { resetsAt: 1763650845, rateLimitType: 'five_hour' },
        result: { subtype: 'success', isError: true, text: "You've hit your limit · resets 3pm (UTC)" },
      },
      expected: { class: 'usage_limit', resetsAt: '2025-11-20T15:00:45Z', scope: 'all', evidence: 'rate_limit_event' },
    },
    {
      name: '2.1 weekly Opus limit: the event type decides the scope',
      evidence: { ...base, exitCode: 1, rejected: { resetsAt: 1764082800, rateLimitType: 'seven_day_opus' }, result: { subtype: 'success', isError: true, text: "You've hit your Opus limit · resets Nov 25, 3pm (UTC)" } },
      expected: { class: 'usage_limit', resetsAt: '2025-11-25T15:00:00Z', scope: 'opus' },
    },
    {
      name: '2.1 plain 429 after its own retries: rejected without resetsAt and "(not your usage limit)"',
      evidence: {
        ...base,
        exitCode: 1,
        apiRetries: 10,
        rejected: { rateLimitType: 'five_hour' },
        result: { subtype: 'success', isError: true, text: "API Error: Request rejected (429) · We're temporarily limiting requests (not your usage limit) · Please try again shortly" },
      },
      expected: { class: 'rate_limited', resetsAt: null, scope: 'all' },
    },
    {
      name: 'rejected without resetsAt and no recognisable text, after retries: a rate limit',
      evidence: { ...base, exitCode: 1, apiRetries: 3, rejected: {}, result: { subtype: 'success', isError: true, text: 'API Error' } },
      expected: { class: 'rate_limited' },
    },
    {
      name: 'rejected without resetsAt, no retries, no text: a usage limit with unknown reset',
      evidence: { ...base, exitCode: 1, rejected: { rateLimitType: 'seven_day' }, result: { subtype: 'success', isError: true, text: '' } },
      expected: { class: 'usage_limit_no_reset', resetsAt: null },
    },
    {
      name: 'rejected without resetsAt, minute text: the text gives the reset, rounded up',
      evidence: { ...base, exitCode: 1, rejected: { rateLimitType: 'five_hour' }, result: { subtype: 'success', isError: true, text: "You've hit your limit · resets 3pm (UTC)" } },
      expected: { class: 'usage_limit', resetsAt: '2025-11-20T15:01:00Z' },
    },
    {
      name: '2.0 max turns: is_error false and exit 0 is still not a success',
      evidence: { ...base, result: { subtype: 'error_max_turns', isError: false } },
      expected: { class: 'max_turns' },
    },
    {
      name: '2.1 max turns: is_error true, exit 1',
      evidence: { ...base, exitCode: 1, result: { subtype: 'error_max_turns', isError: true, errors: ['Reached maximum number of turns (1)'] } },
      expected: { class: 'max_turns' },
    },
    { name: 'max budget', evidence: { ...base, exitCode: 1, result: { subtype: 'error_max_budget_usd', isError: true } }, expected: { class: 'max_budget' } },
    {
      name: 'unknown --resume session: only an error_during_execution result',
      evidence: { ...base, exitCode: 1, result: { subtype: 'error_during_execution', isError: true, errors: ['No conversation found with session ID: abc'] } },
      expected: { class: 'bad_session' },
    },
    {
      name: 'a rate limit reported as a success with exit 0 (synthetic line) is not a success',
      evidence: { ...base, syntheticTexts: ['API Error: Rate limit reached'], result: { subtype: 'success', isError: false, text: 'API Error: Rate limit reached' } },
      expected: { class: 'rate_limited' },
    },
    {
      name: 'an answer that merely talks about API errors is a success',
      evidence: { ...base, result: { subtype: 'success', isError: false, text: 'I fixed the handler so that "API Error: 429" is retried, and added tests for it.' } },
      expected: { class: 'success' },
    },
    { name: 'success', evidence: { ...base, result: { subtype: 'success', isError: false, text: 'Done' } }, expected: { class: 'success' } },
    {
      name: 'root refusal on stderr, no result, exit 1',
      evidence: { ...base, exitCode: 1, stderr: '--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons' },
      expected: { class: 'permission_refused' },
    },
    { name: 'usage error on stderr', evidence: { ...base, exitCode: 1, stderr: "error: unknown option '--frobnicate'" }, expected: { class: 'invalid_option' } },
    { name: 'killed by SIGTERM without a result', evidence: { ...base, exitCode: 143, signal: null }, expected: { class: 'crash', evidence: 'exit' } },
    { name: 'exit 0 without a result (output cut off)', evidence: { ...base, exitCode: 0 }, expected: { class: 'crash', evidence: 'exit' } },
    {
      name: 'an unknown API error as a result: a crash, retried',
      evidence: { ...base, exitCode: 1, result: { subtype: 'success', isError: true, text: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}' } },
      expected: { class: 'crash' },
    },
  ])('$name', ({ evidence, expected }) => {
    const got = classifyRun(evidence, at(NOW), 'UTC');
    expect(got.class).toBe(expected.class);
    if (expected.resetsAt !== undefined) expect(got.resetsAt === null ? null : new Date(got.resetsAt).toISOString().replace('.000Z', 'Z')).toBe(expected.resetsAt);
    if (expected.scope !== undefined) expect(got.scope).toBe(expected.scope);
    if (expected.evidence !== undefined) expect(got.evidence).toBe(expected.evidence);
  });
});
