import { limitTypeOfName } from './limit-scope';
import { parseResetWhen, zoneFormatter } from './reset-time';
import type { OutcomeClass } from './outcome-classes';

/**
 * The texts the Claude CLI prints for its failures (docs/CLAUDE-CLI.md), as one ordered table:
 * the first rule that matches decides. The usage-limit wording has changed many times, so those
 * patterns are assembled from parts — opener, what, separator, `resets <when>`, optional `(Zone)`,
 * optional `· progress saved` — instead of listing the strings seen so far.
 *
 * Order matters where wordings overlap: "(not your usage limit)" is a rate limit; "You've hit your
 * monthly spend limit" is a spend limit, not a usage limit; an invalid key also says "/login".
 */

const SEPARATORS = '\u2219\u00B7\u2022\u2013'; // ∙ (1.0.88+), · (2.0+), • (some terminals), – (1.0.128)
const SEP = String.raw`\s*[${SEPARATORS}]\s*`;
const APOSTROPHE = "['\u2019]";
const CLOCK = String.raw`\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?`;
const DATE_PREFIX = String.raw`[a-z]{3,9}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s(?:at\s)?`;
// Precise forms first; the catch-all keeps an unparsable time from hiding the limit itself.
const WHEN = String.raw`(?<when>(?:${DATE_PREFIX})?${CLOCK}|\d{1,2}:\d{2}|[^()\n\r"${SEPARATORS}]{1,60}?)`;
const ZONE = String.raw`(?:\s*\((?<zone>[a-z][\w+\-]*(?:/[\w+\-]+)*)\))?`;
const PROGRESS_SAVED = String.raw`(?:${SEP}progress saved)?`;
const WHAT = String.raw`(?<what>[\w.\-]+(?: [\w.\-]+){0,2})`;
const ENDS_HERE = String.raw`(?=\s*(?:$|[."\n\r${SEPARATORS}]))`;
const RESETS = String.raw`resets\s+(?:at\s+)?${WHEN}${ZONE}(?=\s*(?:$|[."\n\r${SEPARATORS}]))`;

/** How a rule finds the reset instant in its match. */
export type ResetForm = 'none' | 'epoch' | 'when' | 'utc-date';

export interface TextRule {
  id: string;
  class: OutcomeClass;
  regex: RegExp;
  reset: ResetForm;
}

const rx = (source: string) => new RegExp(source, 'i');

export const TEXT_RULES: readonly TextRule[] = [
  // --- auth: permanent until someone logs in ---------------------------------------------------
  { id: 'text:invalid-api-key', class: 'auth', regex: /Invalid API key/i, reset: 'none' },
  { id: 'text:not-logged-in', class: 'auth', regex: /Not logged in\b|Please run \/login/i, reset: 'none' },
  { id: 'text:auth-401', class: 'auth', regex: /API Error:\s*401\b|authentication_error|OAuth token (?:has expired|was revoked)/i, reset: 'none' },

  // --- plain rate limits that say they are not the usage limit ---------------------------------
  { id: 'text:temporary-limit', class: 'rate_limited', regex: /temporarily limiting requests|not your usage limit/i, reset: 'none' },

  // --- spend, credit and organisation limits: the user must act (some also name a reset) --------
  { id: 'text:v1-spending-cap', class: 'spend_limit', regex: rx(String.raw`Spending cap reached(?:${SEP}|\s+)${RESETS}`), reset: 'when' },
  { id: 'text:v1-spending-cap', class: 'spend_limit', regex: /Spending cap reached/i, reset: 'none' },
  {
    id: 'text:api-console-limit',
    class: 'spend_limit',
    regex: /reached your specified API usage limits?\.?(?: You will regain access on (?<date>\d{4}-\d{2}-\d{2}) at (?<time>\d{2}:\d{2}) UTC)?/i,
    reset: 'utc-date',
  },
  { id: 'text:spend-limit', class: 'spend_limit', regex: /\bspend limit\b/i, reset: 'none' },
  { id: 'text:out-of-credits', class: 'spend_limit', regex: /out of usage credits|org is out of usage|add funds to continue/i, reset: 'none' },
  { id: 'text:usage-paused', class: 'spend_limit', regex: /Usage is paused for your organi[sz]ation/i, reset: 'none' },
  { id: 'text:credit-too-low', class: 'spend_limit', regex: /Credit balance is too low/i, reset: 'none' },

  // --- usage limits ----------------------------------------------------------------------------
  // A JSON error body names it inside an `API Error: 429`: before the plain rate-limit rules.
  { id: 'text:grace-daily-limit', class: 'usage_limit', regex: /grace_daily_limit_reached/i, reset: 'none' },
  { id: 'text:v1-epoch', class: 'usage_limit', regex: /Claude AI usage limit reached\|(?<epoch>\d+)/i, reset: 'epoch' },
  {
    id: 'text:v2-hit',
    class: 'usage_limit',
    regex: rx(String.raw`You${APOSTROPHE}ve (?:hit|reached) your (?:${WHAT} )?limit(?:${SEP}${RESETS}|${ENDS_HERE})${PROGRESS_SAVED}`),
    reset: 'when',
  },
  {
    id: 'text:v2-messages',
    class: 'usage_limit',
    regex: rx(String.raw`You${APOSTROPHE}ve (?:hit|reached) your limit for Claude messages\.?(?:\s*Limits? will reset at\s+${WHEN}${ZONE}${ENDS_HERE})?`),
    reset: 'when',
  },
  {
    id: 'text:v2-extra-usage',
    class: 'usage_limit',
    regex: rx(String.raw`You${APOSTROPHE}re out of extra usage${SEP}${RESETS}${PROGRESS_SAVED}`),
    reset: 'when',
  },
  // Without a reset, running out of extra usage waits for the user to buy more.
  { id: 'text:v2-extra-usage', class: 'spend_limit', regex: rx(String.raw`You${APOSTROPHE}re out of extra usage${ENDS_HERE}`), reset: 'none' },
  {
    id: 'text:v1-terminal',
    class: 'usage_limit',
    regex: rx(String.raw`Claude(?: AI)? usage limit reached\.?\s*Your limit will reset at\s+${WHEN}${ZONE}${ENDS_HERE}`),
    reset: 'when',
  },
  // Plain rate limits and overload: the CLI already retried; back off and try again. Before the
  // bullet form, which would read `API Error: Rate limit reached` as a limit named "Rate".
  { id: 'text:overloaded-529', class: 'rate_limited', regex: /API Error:\s*529\b|overloaded_error|API Error:[^\n]*\boverloaded\b/i, reset: 'none' },
  { id: 'text:rate-limit-429', class: 'rate_limited', regex: /API Error:\s*(?:429\b|Request rejected \(429\)|Rate limit reached)|rate_limit_error/i, reset: 'none' },

  {
    id: 'text:v1088-bullet',
    class: 'usage_limit',
    regex: rx(String.raw`(?:${WHAT} )?limit reached(?:${SEP}${RESETS}|${SEP}?${ENDS_HERE})${PROGRESS_SAVED}`),
    reset: 'when',
  },
  { id: 'text:v1-limit-resets', class: 'usage_limit', regex: rx(String.raw`\b(?<what>weekly|opus|sonnet) limit ${RESETS}`), reset: 'when' },
  // Bare 1.0.x wording without the epoch: still a limit, reset unknown.
  { id: 'text:v1-plain', class: 'usage_limit', regex: /Claude(?: AI)? usage limit reached/i, reset: 'none' },

  // --- invocation problems no retry can fix ----------------------------------------------------
  { id: 'text:unknown-session', class: 'bad_session', regex: /No conversation found with session ID/i, reset: 'none' },
  { id: 'text:session-in-use', class: 'bad_session', regex: /Session ID \S+ is already in use|Invalid session ID/i, reset: 'none' },
  { id: 'text:root-refused', class: 'permission_refused', regex: /cannot be used with root\/sudo privileges/i, reset: 'none' },
  { id: 'text:unknown-model', class: 'invalid_option', regex: /issue with the selected model|not_found_error[^\n]*\bmodel\b|Invalid model\b/i, reset: 'none' },
  {
    id: 'text:usage-error',
    class: 'invalid_option',
    regex: /error: (?:unknown option|option '[^']+' argument|too many arguments|missing required argument)|requires --verbose|Input must be provided either through stdin/i,
    reset: 'none',
  },
  { id: 'text:nested-session', class: 'invalid_option', regex: /cannot be launched inside another Claude Code session/i, reset: 'none' },
];

export interface TextMatch {
  rule: TextRule;
  /** The line that matched, so the user sees the error rather than a whole transcript. */
  message: string;
  /** Epoch ms. For `when` texts: the start of the named minute (the caller rounds it up). */
  resetsAt: number | null;
  /** `exact` for epoch values, `minute` for printed clock times. */
  precision: 'exact' | 'minute' | null;
  limitType: string | null;
}

function resetFromEpoch(digits: string): number | null {
  const value = Number(digits);
  if (!Number.isFinite(value) || value <= 0) return null;
  // Seconds in every known version; a millisecond value would otherwise land in the year 50000+.
  return value > 1e12 ? value : value * 1000;
}

function lineAround(text: string, index: number, length: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const newline = text.indexOf('\n', index + length);
  const line = text.slice(start, newline < 0 ? undefined : newline).trim();
  // A JSON line around the message (a raw event pasted in) says less than the message itself.
  const candidate = line.startsWith('{') ? text.slice(index, index + length).trim() : line;
  return candidate.slice(0, 500);
}

function readReset(rule: TextRule, groups: Record<string, string | undefined>, now: number, localZone: string) {
  if (rule.reset === 'epoch' && groups.epoch !== undefined) return { resetsAt: resetFromEpoch(groups.epoch), precision: 'exact' as const };
  if (rule.reset === 'utc-date' && groups.date !== undefined && groups.time !== undefined) {
    const t = Date.parse(`${groups.date}T${groups.time}:00Z`);
    return Number.isFinite(t) ? { resetsAt: t, precision: 'minute' as const } : { resetsAt: null, precision: null };
  }
  if (rule.reset === 'when' && groups.when !== undefined) {
    const zone = groups.zone !== undefined && zoneFormatter(groups.zone) ? groups.zone : localZone;
    const t = parseResetWhen(groups.when.replace(/[.,;:!\s]+$/, ''), zone, now);
    return { resetsAt: t, precision: t === null ? null : ('minute' as const) };
  }
  return { resetsAt: null, precision: null };
}

/** The first rule of the table that matches `text`, with its reset read in the message's zone. */
export function matchErrorText(text: string, now: number, localZone: string): TextMatch | null {
  if (text.trim() === '') return null;
  for (const rule of TEXT_RULES) {
    const match = rule.regex.exec(text);
    if (!match) continue;
    const groups = match.groups ?? {};
    const { resetsAt, precision } = readReset(rule, groups, now, localZone);
    return {
      rule,
      message: lineAround(text, match.index, match[0].length),
      resetsAt,
      precision,
      limitType: limitTypeOfName(groups.what),
    };
  }
  return null;
}
