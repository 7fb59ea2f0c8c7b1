/**
 * Recognises Claude usage-limit messages and tells them apart from retryable API errors and from
 * failures no retry can fix. Pure: callers pass the clock and the machine's zone, so every answer
 * is reproducible in a test table.
 *
 * The CLI has reworded the limit message many times (see docs/CLAUDE-CLI.md), so the patterns are
 * assembled from parts — opener, what, separator, `resets <when>`, optional `(Zone)`, optional
 * `· progress saved` — instead of listing the strings seen so far.
 */

export type LimitClassification =
  | {
      kind: 'usage_limit';
      /** Epoch ms; null when the message gives no usable time (`|0`, unparsable text). */
      resetsAt: number | null;
      /** `rate_limit_event` or the id of the text pattern that matched, e.g. `text:v2-hit`. */
      source: string;
      message: string;
      limitType?: string;
    }
  | { kind: 'transient'; reason: 'rate_limit_429' | 'overloaded_529' | 'temporary_limit'; message: string }
  | { kind: 'permanent'; reason: 'not_logged_in' | 'invalid_api_key' | 'credit_too_low'; message: string }
  | { kind: 'none' };

export type RateLimitEventClassification =
  | { kind: 'rejected'; resetsAt: number | null; limitType?: string }
  | { kind: 'warning'; resetsAt: number | null; limitType?: string }
  | { kind: 'allowed' };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * The CLI prints the reset time without seconds, so the real reset lies up to a minute after the
 * printed one. A printed time that passed less than this long ago still means "now", not tomorrow.
 */
const PRINTED_TIME_GRACE_MS = MINUTE_MS;

// ---------------------------------------------------------------------------------------------
// Zone math on top of Intl, which knows every IANA zone's DST history.

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  if (formatters.has(zone)) return formatters.get(zone) ?? null;
  let formatter: Intl.DateTimeFormat | null = null;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    // RangeError for a zone ICU does not know: the caller decides on a fallback.
  }
  formatters.set(zone, formatter);
  return formatter;
}

function wallClockAt(instant: number, formatter: Intl.DateTimeFormat): WallClock {
  const parts = formatter.formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    // Some ICU builds still render midnight as 24 despite h23.
    hour: field('hour') % 24,
    minute: field('minute'),
    second: field('second'),
  };
}

/** Milliseconds to add to UTC to get the zone's wall clock at `instant`. */
function offsetAt(instant: number, formatter: Intl.DateTimeFormat): number {
  const wall = wallClockAt(instant, formatter);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * Every instant at which the zone's clock shows this wall time: two in a fall-back overlap, one
 * normally. A time skipped by spring-forward is read with the offset from before the jump, which
 * lands it after the gap (2:30am EST on the spring-forward day is 3:30am EDT), as Temporal does.
 */
function instantsForWallTime(
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  formatter: Intl.DateTimeFormat,
): number[] {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const offsetBefore = offsetAt(wallAsUtc - DAY_MS, formatter);
  const offsetAfter = offsetAt(wallAsUtc + DAY_MS, formatter);
  const matches = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsUtc - offset)
    .filter((instant) => offsetAt(instant, formatter) === wallAsUtc - instant)
    .sort((a, b) => a - b);
  return matches.length > 0 ? matches : [wallAsUtc - offsetBefore];
}

function calendarDayAfter(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

// ---------------------------------------------------------------------------------------------
// `<when>`: `h[:mm]am|pm` within 24 h, `Mon D, h[:mm]am|pm` beyond.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.indexOf(lower.slice(0, 3));
  if (index < 0) return null;
  const full = MONTH_NAMES[index] ?? '';
  return full.startsWith(lower) || lower === 'sept' ? index + 1 : null;
}

function clockTime(text: string): { hour: number; minute: number } | null {
  const twelveHour = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$/i.exec(text);
  if (twelveHour) {
    const hour12 = Number(twelveHour[1]);
    const minute = Number(twelveHour[2] ?? '0');
    if (hour12 < 1 || hour12 > 12 || minute > 59) return null;
    const pm = twelveHour[3]?.toLowerCase() === 'p';
    return { hour: (hour12 % 12) + (pm ? 12 : 0), minute };
  }
  // Not printed by the US-locale CLI, but a 24-hour locale would print it this way.
  const twentyFourHour = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (twentyFourHour) {
    const hour = Number(twentyFourHour[1]);
    const minute = Number(twentyFourHour[2]);
    if (hour > 23 || minute > 59) return null;
    return { hour, minute };
  }
  return null;
}

export function parseResetWhen(when: string, zone: string, now: number): number | null {
  const formatter = zoneFormatter(zone);
  if (!formatter || !Number.isFinite(now)) return null;
  const text = when.trim().replace(/\s+/g, ' ');
  const earliest = now - PRINTED_TIME_GRACE_MS;
  const today = wallClockAt(now, formatter);

  const dated = /^([a-z]{3,9}\.?) (\d{1,2})(?:st|nd|rd|th)?,? (?:at )?(.+)$/i.exec(text);
  if (dated) {
    const month = monthNumber(dated[1] ?? '');
    const day = Number(dated[2]);
    const time = clockTime(dated[3] ?? '');
    if (month === null || !time) return null;
    for (const year of [today.year, today.year + 1]) {
      const date = { year, month, day };
      const check = calendarDayAfter(date, 0);
      if (check.month !== month || check.day !== day) continue; // Feb 30, or Feb 29 in a common year
      const next = instantsForWallTime(date, time.hour, time.minute, formatter).find((t) => t > earliest);
      if (next !== undefined) return next;
    }
    return null;
  }

  const time = clockTime(text);
  if (!time) return null;
  // Two days ahead covers "already passed today" plus a DST shift moving the instant past midnight.
  for (let days = 0; days <= 2; days += 1) {
    const date = calendarDayAfter(today, days);
    const next = instantsForWallTime(date, time.hour, time.minute, formatter).find((t) => t > earliest);
    if (next !== undefined) return next;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The message grammar.

const SEPARATORS = '\u2219\u00B7\u2022'; // ∙ (1.0.88+), · (2.0+), • (seen in some terminals)
const SEP = String.raw`\s*[${SEPARATORS}]\s*`;
const APOSTROPHE = "['\u2019]";
const CLOCK = String.raw`\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?`;
const DATE_PREFIX = String.raw`[a-z]{3,9}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s(?:at\s)?`;
// Precise forms first; the catch-all keeps an unparsable time from hiding the limit itself.
const WHEN = String.raw`(?<when>(?:${DATE_PREFIX})?${CLOCK}|\d{1,2}:\d{2}|[^()\n\r"${SEPARATORS}]{1,60})`;
const ZONE = String.raw`(?:\s*\((?<zone>[a-z][\w+\-]*(?:/[\w+\-]+)*)\))?`;
const PROGRESS_SAVED = String.raw`(?:${SEP}progress saved)?`;
const WHAT = String.raw`(?<what>[\w.\-]+(?: [\w.\-]+){0,2})`;
const ENDS_HERE = String.raw`(?=\s*(?:$|["\n\r${SEPARATORS}]))`;

interface LimitPattern {
  source: string;
  regex: RegExp;
}

const LIMIT_PATTERNS: LimitPattern[] = [
  { source: 'text:v1-epoch', regex: /Claude AI usage limit reached\|(?<epoch>\d+)/i },
  {
    source: 'text:v2-hit',
    regex: new RegExp(
      String.raw`You${APOSTROPHE}ve (?:hit|reached) your (?:${WHAT} )?limit(?:${SEP}resets\s+${WHEN}${ZONE}|${ENDS_HERE})${PROGRESS_SAVED}`,
      'i',
    ),
  },
  {
    source: 'text:v2-extra-usage',
    regex: new RegExp(
      String.raw`You${APOSTROPHE}re out of extra usage(?:${SEP}resets\s+${WHEN}${ZONE}|${ENDS_HERE})${PROGRESS_SAVED}`,
      'i',
    ),
  },
  {
    source: 'text:v1088-bullet',
    regex: new RegExp(
      String.raw`(?:${WHAT} )?limit reached${SEP}resets\s+(?:at\s+)?${WHEN}${ZONE}${PROGRESS_SAVED}`,
      'i',
    ),
  },
  {
    source: 'text:v1-terminal',
    regex: new RegExp(
      String.raw`Claude(?: AI)? usage limit reached\.?\s*Your limit will reset at\s+${WHEN}${ZONE}`,
      'i',
    ),
  },
  // Bare 1.0.x wording without the epoch: still a limit, reset unknown.
  { source: 'text:v1-plain', regex: /Claude(?: AI)? usage limit reached/i },
];

/** Maps the `<what>` of the text to the vocabulary of `rate_limit_event.rateLimitType`. */
function limitTypeOf(what: string | undefined): string | undefined {
  const words = (what ?? '').toLowerCase();
  if (words.includes('opus')) return 'seven_day_opus';
  if (words.includes('sonnet')) return 'seven_day_sonnet';
  if (words.includes('week')) return 'seven_day';
  if (/5-hour|five-hour|session/.test(words)) return 'five_hour';
  return undefined;
}

function resetFromEpoch(digits: string): number | null {
  const value = Number(digits);
  if (!Number.isFinite(value) || value <= 0) return null;
  // Seconds in every known version; a millisecond value would otherwise land in the year 50000+.
  return value > 1e12 ? value : value * 1000;
}

function matchUsageLimit(text: string, now: number, localZone: string): LimitClassification | null {
  for (const { source, regex } of LIMIT_PATTERNS) {
    const match = regex.exec(text);
    if (!match) continue;
    const groups = match.groups ?? {};
    let resetsAt: number | null = null;
    if (groups.epoch !== undefined) {
      resetsAt = resetFromEpoch(groups.epoch);
    } else if (groups.when !== undefined) {
      const zone = groups.zone !== undefined && zoneFormatter(groups.zone) ? groups.zone : localZone;
      resetsAt = parseResetWhen(groups.when.replace(/[.,;:!\s]+$/, ''), zone, now);
    }
    const limitType = limitTypeOf(groups.what);
    return {
      kind: 'usage_limit',
      resetsAt,
      source,
      message: match[0].trim(),
      ...(limitType !== undefined ? { limitType } : {}),
    };
  }
  return null;
}

type Rule<K extends 'transient' | 'permanent', R> = { kind: K; reason: R; regex: RegExp };

const PERMANENT_RULES: Rule<'permanent', 'not_logged_in' | 'invalid_api_key' | 'credit_too_low'>[] = [
  // Before not_logged_in: the invalid-key message also tells the user to run /login.
  { kind: 'permanent', reason: 'invalid_api_key', regex: /Invalid API key/i },
  { kind: 'permanent', reason: 'not_logged_in', regex: /Not logged in\b/i },
  { kind: 'permanent', reason: 'credit_too_low', regex: /Credit balance is too low/i },
];

const TRANSIENT_RULES: Rule<'transient', 'rate_limit_429' | 'overloaded_529' | 'temporary_limit'>[] = [
  // Before the 429 rule: this wording arrives inside a `Request rejected (429)` error.
  { kind: 'transient', reason: 'temporary_limit', regex: /temporarily limiting requests/i },
  {
    kind: 'transient',
    reason: 'overloaded_529',
    regex: /API Error:\s*529\b|overloaded_error|API Error:[^\n]*\boverloaded\b/i,
  },
  {
    kind: 'transient',
    reason: 'rate_limit_429',
    regex: /API Error:\s*(?:429\b|Request rejected \(429\)|Rate limit reached)|rate_limit_error/i,
  },
];

/** The line holding the match, so the user sees the error rather than a whole transcript. */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end).trim().slice(0, 500);
}

export function classifyLimitText(text: string, now: number, localZone: string): LimitClassification {
  const usageLimit = matchUsageLimit(text, now, localZone);
  if (usageLimit) return usageLimit;
  for (const rule of [...PERMANENT_RULES, ...TRANSIENT_RULES]) {
    const match = rule.regex.exec(text);
    if (!match) continue;
    const message = lineAround(text, match.index);
    return rule.kind === 'permanent'
      ? { kind: 'permanent', reason: rule.reason, message }
      : { kind: 'transient', reason: rule.reason, message };
  }
  return { kind: 'none' };
}

/**
 * `rate_limit_event.rate_limit_info` (2.1.45+). `resetsAt` there is epoch seconds; the answer is
 * epoch ms like everything else in the app. `allowed` arrives on ordinary runs and means nothing.
 */
export function classifyRateLimitEvent(info: {
  status?: string;
  resetsAt?: number;
  rateLimitType?: string;
}): RateLimitEventClassification {
  const resetsAt =
    typeof info.resetsAt === 'number' && Number.isFinite(info.resetsAt) && info.resetsAt > 0
      ? info.resetsAt > 1e12
        ? info.resetsAt
        : info.resetsAt * 1000
      : null;
  const limitType = info.rateLimitType !== undefined ? { limitType: info.rateLimitType } : {};
  if (info.status === 'rejected') return { kind: 'rejected', resetsAt, ...limitType };
  if (info.status === 'allowed_warning') return { kind: 'warning', resetsAt, ...limitType };
  return { kind: 'allowed' };
}
