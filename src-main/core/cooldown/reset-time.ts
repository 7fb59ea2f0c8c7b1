/**
 * Reads the reset time the Claude CLI prints (`6:23am`, `Nov 25, 3pm`, `Jan 24 at 6pm`, `15:00`)
 * as an instant in a named IANA zone. Pure: the clock and the zone are arguments, so a test table
 * can pin every answer.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * A printed time that passed less than this long ago is the reset that has just gone by (the CLI
 * still reports the old window for a little while), not the same time tomorrow: the caller probes
 * again soon instead of waiting a day.
 */
export const JUST_PASSED_MS = 15 * MINUTE_MS;

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

export function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
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

/**
 * The start of the named minute, in `zone`: the next such instant, or one that passed less than
 * JUST_PASSED_MS ago. Null for a text that is not a time or a zone ICU does not know.
 */
export function parseResetWhen(when: string, zone: string, now: number): number | null {
  const formatter = zoneFormatter(zone);
  if (!formatter || !Number.isFinite(now)) return null;
  const text = when.trim().replace(/\s+/g, ' ');
  const earliest = now - JUST_PASSED_MS;
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

