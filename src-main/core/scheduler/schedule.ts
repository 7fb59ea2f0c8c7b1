import { Cron } from 'croner';
import cronstrue from 'cronstrue';

/**
 * When a job fires. All instants are epoch milliseconds (UTC); the timezone only shapes cron
 * matching and display.
 */
export type Schedule =
  | { type: 'cron'; cron: string; timezone: string }
  | { type: 'interval'; everySeconds: number; timezone: string; anchor: number }
  | { type: 'once'; at: number; timezone: string }
  | { type: 'manual'; timezone: string };

export type ScheduleField = 'cron' | 'timezone' | 'everySeconds' | 'at';

export class ScheduleError extends Error {
  constructor(
    readonly field: ScheduleField,
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}

export interface MissedFireTimes {
  /** The earliest `cap` missed fire times, in order. */
  times: number[];
  truncated: boolean;
  total: number;
  /** Counting a dense cron over a long gap would block the event loop, so it stops early. */
  totalIsLowerBound: boolean;
}

/** Missed cron fire times counted at most (or `cap`, if larger): ~70 µs each in a timezone. */
export const MISSED_COUNT_LIMIT = 1_000;

// ─── Timezones ──────────────────────────────────────────────────────────────────────────────────

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // 'h23' because hour12: false renders midnight as "24" in some ICU versions.
      hourCycle: 'h23',
    });
    zoneFormats.set(zone, format);
  }
  return format;
}

export function isValidTimezone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    zoneFormat(zone);
    return true;
  } catch {
    return false;
  }
}

export function validateTimezone(zone: string): void {
  if (!isValidTimezone(zone)) {
    throw new ScheduleError('timezone', `Unknown timezone "${zone}": use an IANA name such as Asia/Taipei`);
  }
}

/** "2026-12-01 09:00" (seconds only when set), as a wall clock reads it in `zone`. */
function formatInZone(instant: number, zone: string): string {
  const parts: Record<string, string> = {};
  for (const part of zoneFormat(zone).formatToParts(instant)) parts[part.type] = part.value;
  const seconds = parts.second === '00' ? '' : `:${parts.second}`;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds}`;
}

// ─── Cron expressions ───────────────────────────────────────────────────────────────────────────

interface CronField {
  label: string;
  min: number;
  max: number;
  /** croner rejects steps larger than the field's size. */
  maxStep: number;
  /** Names accepted in place of numbers, the first one meaning `min`. */
  names?: readonly string[];
  special?: 'dayOfMonth' | 'dayOfWeek';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SECOND: CronField = { label: 'second', min: 0, max: 59, maxStep: 60 };
const FIVE_FIELDS: readonly CronField[] = [
  { label: 'minute', min: 0, max: 59, maxStep: 60 },
  { label: 'hour', min: 0, max: 23, maxStep: 24 },
  { label: 'day-of-month', min: 1, max: 31, maxStep: 31, special: 'dayOfMonth' },
  { label: 'month', min: 1, max: 12, maxStep: 12, names: MONTHS },
  // 7 is Sunday too, as in Vixie cron.
  { label: 'day-of-week', min: 0, max: 7, maxStep: 7, names: WEEKDAYS, special: 'dayOfWeek' },
];

const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** One complaint about a field; `token` is the part at fault, absent when it is the whole field. */
interface FieldProblem {
  token?: string;
  problem: string;
}

function allowedValues(field: CronField): string {
  const range = `${field.min}-${field.max}`;
  if (field.special === 'dayOfMonth') return `${range}, L, LW or a day with W such as 15W`;
  if (field.special === 'dayOfWeek') return `${range}, SUN-SAT, or forms such as FRI#2 and 5L`;
  return field.names ? `${range} or ${field.names[0]}-${field.names[field.names.length - 1]}` : range;
}

function parseValue(field: CronField, text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text) ?? -1;
  return index < 0 ? null : field.min + index;
}

function checkValue(field: CronField, text: string): FieldProblem | null {
  const value = parseValue(field, text);
  if (value === null) return { token: text, problem: `is not a valid value (use ${allowedValues(field)})` };
  if (value < field.min || value > field.max) {
    return { token: text, problem: `is out of range (${field.min}-${field.max})` };
  }
  return null;
}

function checkStep(field: CronField, item: string, step: string): FieldProblem | null {
  if (!/^\d+$/.test(step)) return { token: item, problem: 'has a step that is not a whole number (e.g. */5)' };
  const n = Number(step);
  if (n < 1 || n > field.maxStep) {
    return { token: item, problem: `has a step of ${n} (use 1-${field.maxStep})` };
  }
  return null;
}

function checkRange(field: CronField, item: string, range: string): FieldProblem | null {
  const bounds = range.split('-');
  if (bounds.length !== 2) return { token: item, problem: `is not a valid range (e.g. ${field.min}-${field.max})` };
  const [from = '', to = ''] = bounds;
  if (from === '' || to === '') {
    return { token: item, problem: `is not a valid range (e.g. ${field.min}-${field.max})` };
  }
  const problem = checkValue(field, from) ?? checkValue(field, to);
  if (problem) return problem;
  if ((parseValue(field, from) ?? 0) > (parseValue(field, to) ?? 0)) {
    return { token: item, problem: 'starts after it ends (ranges cannot wrap around: list the values instead)' };
  }
  return null;
}

/** Day-of-month extras croner and cronstrue both understand: L, LW and nW, the last two alone. */
function checkDayOfMonthItem(field: CronField, item: string, alone: boolean): FieldProblem | null | undefined {
  if (item === 'L') return null;
  const weekday = /^(\d+|L)W$/.exec(item);
  if (!weekday) return undefined;
  if (!alone) return { token: item, problem: 'must be the whole field (W works on a single day, e.g. 15W)' };
  return item === 'LW' ? null : checkValue(field, weekday[1] ?? '');
}

/** Day-of-week extras: 5L / FRIL (last Friday) and 5#2 / FRI#L (nth Friday), on one weekday. */
function checkDayOfWeekItem(field: CronField, item: string): FieldProblem | null | undefined {
  if (item.startsWith('+')) {
    return {
      token: item,
      problem: 'uses the "+" (AND) modifier, which is not supported: a day matches when its day-of-month OR its day-of-week matches',
    };
  }
  if (item === 'L') return { token: item, problem: 'needs a weekday before L (e.g. 5L or FRI#L for the last Friday)' };
  const nth = /^(.*)#(.*)$/.exec(item);
  if (nth) {
    const [, day = '', which = ''] = nth;
    if (!/^[1-5L]$/.test(which)) return { token: item, problem: 'needs 1-5 or L after # (e.g. MON#1 or FRI#L)' };
    return checkValue(field, day);
  }
  const last = /^(.+)L$/.exec(item);
  if (last) return checkValue(field, last[1] ?? '');
  return undefined;
}

function checkItem(field: CronField, item: string, alone: boolean): FieldProblem | null {
  if (item === '') return { problem: 'has an empty entry (check the commas)' };
  if (item === '?') {
    return field.special && alone
      ? null
      : { token: item, problem: 'can only be the whole day-of-month or day-of-week field' };
  }
  if (field.special === 'dayOfMonth') {
    const result = checkDayOfMonthItem(field, item, alone);
    if (result !== undefined) return result;
  }
  if (field.special === 'dayOfWeek') {
    const result = checkDayOfWeekItem(field, item);
    if (result !== undefined) return result;
  }
  const slash = item.indexOf('/');
  if (slash >= 0) {
    const base = item.slice(0, slash);
    const step = item.slice(slash + 1);
    if (base !== '*' && !base.includes('-')) {
      return { token: item, problem: `needs * or a range before the step (e.g. */5 or ${field.min}-${field.max}/5)` };
    }
    return checkStep(field, item, step) ?? (base === '*' ? null : checkRange(field, item, base));
  }
  if (item === '*') return null;
  if (item.includes('-')) return checkRange(field, item, item);
  return checkValue(field, item);
}

function checkField(field: CronField, text: string): FieldProblem | null {
  const items = text.toUpperCase().split(',');
  for (const item of items) {
    const problem = checkItem(field, item, items.length === 1);
    if (problem) return problem;
  }
  return null;
}

/** The expression as croner and cronstrue get it: nicknames expanded, single spaces. */
function normalizeCron(expr: string): string {
  const trimmed = expr.trim();
  return NICKNAMES[trimmed.toLowerCase()] ?? trimmed.split(/\s+/).join(' ');
}

const CRONER_OPTIONS = {
  paused: true,
  mode: '5-or-6-parts',
  // Standard (Vixie) OR: a day matches when day-of-month OR day-of-week matches, unless one of them
  // is exactly * or ?. Unlike Vixie cron, croner counts */2 as a restriction, so it ORs too.
  domAndDow: false,
  // Vixie-like DST rule: any job without a wildcard or step in its time fields (e.g. 30 1,13 * * *)
  // runs once in a repeated hour and just after a skipped one; the rest skip gaps and run twice.
  fixedTimeRule: 'no-wildcard',
} as const;

const CRON_CACHE_LIMIT = 20_000;
const cronCache = new Map<string, Cron>();

/** Parsing costs ~30 µs and the engine asks for the same few thousand jobs over and over. */
function cronFor(normalized: string, timezone: string): Cron {
  const key = `${timezone}\u0000${normalized}`;
  let cron = cronCache.get(key);
  if (!cron) {
    cron = new Cron(normalized, { ...CRONER_OPTIONS, timezone });
    if (cronCache.size >= CRON_CACHE_LIMIT) {
      const oldest = cronCache.keys().next();
      if (!oldest.done) cronCache.delete(oldest.value);
    }
    cronCache.set(key, cron);
  }
  return cron;
}

function cronError(expr: string, reason: string): ScheduleError {
  return new ScheduleError('cron', `Invalid cron expression "${expr}": ${reason}`);
}

/** `now` only decides "never fires"; 5- and 6-field patterns have no year, so any `now` will do. */
export function validateCron(expr: string, timezone: string, now: number = Date.now()): void {
  validateTimezone(timezone);
  const normalized = normalizeCron(expr);
  if (normalized === '') throw cronError(expr, 'it is empty');
  if (normalized.toLowerCase() === '@reboot') {
    throw cronError(expr, '@reboot is not supported (there is no start-up trigger): use a time, e.g. @daily');
  }
  if (normalized.startsWith('@')) {
    throw cronError(expr, 'unknown shortcut: use @yearly, @monthly, @weekly, @daily, @hourly or 5 or 6 fields');
  }
  const parts = normalized.split(' ');
  if (parts.length !== 5 && parts.length !== 6) {
    throw cronError(
      expr,
      `expected 5 fields (minute hour day-of-month month day-of-week) or 6 (second first), got ${parts.length}`,
    );
  }
  const fields = parts.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  fields.forEach((field, i) => {
    const text = parts[i] ?? '';
    const fault = checkField(field, text);
    if (!fault) return;
    const whole = fault.token === undefined || fault.token === text.toUpperCase();
    const where = whole ? '' : `: "${fault.token}"`;
    throw cronError(expr, `${field.label} field "${text}"${where} ${fault.problem}`);
  });
  let cron: Cron;
  try {
    cron = cronFor(normalized, timezone);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    throw cronError(expr, reason);
  }
  if (cron.nextRun(new Date(now)) === null) {
    throw cronError(expr, 'it never fires (no date matches its day-of-month, month and day-of-week together)');
  }
}

function cronForSchedule(s: { cron: string; timezone: string }): Cron {
  // croner only notices a bad zone on its first lookup, with a message that names no field.
  validateTimezone(s.timezone);
  try {
    return cronFor(normalizeCron(s.cron), s.timezone);
  } catch (error) {
    // Turns croner's wording into ours, which names the field; rethrows if ours finds nothing.
    validateCron(s.cron, s.timezone);
    throw error;
  }
}

// ─── Whole schedules ────────────────────────────────────────────────────────────────────────────

export function validateSchedule(s: Schedule, now: number): void {
  validateTimezone(s.timezone);
  switch (s.type) {
    case 'cron':
      validateCron(s.cron, s.timezone, now);
      return;
    case 'interval':
      if (!Number.isFinite(s.everySeconds) || s.everySeconds < 1) {
        throw new ScheduleError('everySeconds', `Interval must be at least 1 second, got ${s.everySeconds} seconds`);
      }
      if (!Number.isInteger(s.everySeconds)) {
        throw new ScheduleError('everySeconds', `Interval must be a whole number of seconds, got ${s.everySeconds}`);
      }
      if (!Number.isSafeInteger(s.everySeconds * 1000)) {
        throw new ScheduleError('everySeconds', `Interval of ${s.everySeconds} seconds is too long`);
      }
      if (!Number.isFinite(s.anchor)) throw new RangeError(`Interval anchor must be an instant, got ${s.anchor}`);
      return;
    case 'once':
      if (!Number.isFinite(s.at)) throw new ScheduleError('at', 'Run time is not a valid date');
      // "Strictly after now", so a valid once-schedule always has a next fire time.
      if (s.at <= now) {
        throw new ScheduleError(
          'at',
          `Run time ${formatInZone(s.at, s.timezone)} (${s.timezone}) is in the past: pick a time after ${formatInZone(now, s.timezone)}`,
        );
      }
      return;
    case 'manual':
      return;
  }
}

/** Interval fires are anchor + k·period for k ≥ 1: counted from the anchor, so restarts don't drift. */
function intervalFireAfter(anchor: number, period: number, after: number): number {
  const k = Math.max(1, Math.floor((after - anchor) / period) + 1);
  return anchor + k * period;
}

/** The first fire time strictly after `after`, or null if there is none. */
export function nextFireAfter(s: Schedule, after: number): number | null {
  switch (s.type) {
    case 'cron':
      return cronForSchedule(s).nextRun(new Date(after))?.getTime() ?? null;
    case 'interval':
      return intervalFireAfter(s.anchor, s.everySeconds * 1000, after);
    case 'once':
      return s.at > after ? s.at : null;
    case 'manual':
      return null;
  }
}

export function nextFireTimes(s: Schedule, after: number, count: number): number[] {
  const n = Math.floor(count);
  if (!(n > 0)) return [];
  switch (s.type) {
    case 'cron':
      return cronForSchedule(s)
        .nextRuns(n, new Date(after))
        .map((date) => date.getTime());
    case 'interval': {
      const period = s.everySeconds * 1000;
      const first = intervalFireAfter(s.anchor, period, after);
      return Array.from({ length: n }, (_, i) => first + i * period);
    }
    case 'once':
    case 'manual': {
      const next = nextFireAfter(s, after);
      return next === null ? [] : [next];
    }
  }
}

/** Fire times in (since, until], for catch-up after sleep or restart: the earliest `cap`, and how many. */
export function missedFireTimes(s: Schedule, since: number, until: number, cap: number): MissedFireTimes {
  const limit = Math.max(0, Math.floor(cap));
  const result = (times: number[], total: number, totalIsLowerBound = false): MissedFireTimes => ({
    times,
    truncated: total > times.length,
    total,
    totalIsLowerBound,
  });
  if (!(until > since)) return result([], 0);
  switch (s.type) {
    case 'interval': {
      const period = s.everySeconds * 1000;
      const first = intervalFireAfter(s.anchor, period, since);
      if (first > until) return result([], 0);
      const total = Math.floor((until - first) / period) + 1;
      return result(
        Array.from({ length: Math.min(limit, total) }, (_, i) => first + i * period),
        total,
      );
    }
    case 'once':
    case 'manual': {
      const next = nextFireAfter(s, since);
      if (next === null || next > until) return result([], 0);
      return result(limit > 0 ? [next] : [], 1);
    }
    case 'cron': {
      const cron = cronForSchedule(s);
      const countLimit = Math.max(limit, MISSED_COUNT_LIMIT);
      const times: number[] = [];
      let total = 0;
      let cursor = cron.nextRun(new Date(since));
      while (cursor !== null && cursor.getTime() <= until) {
        if (total === countLimit) return result(times, total, true);
        if (times.length < limit) times.push(cursor.getTime());
        total += 1;
        cursor = cron.nextRun(cursor);
      }
      return result(times, total);
    }
  }
}

/**
 * The most recent `n` fire times in (since, until], oldest first: what a `run_once` or capped
 * `run_all` catch-up wants after a long sleep, without walking every missed slot from the start.
 */
export function recentFireTimes(s: Schedule, since: number, until: number, n: number): number[] {
  if (!(until > since) || n <= 0) return [];
  switch (s.type) {
    case 'interval': {
      const period = s.everySeconds * 1000;
      const first = intervalFireAfter(s.anchor, period, since);
      if (first > until) return [];
      const last = first + Math.floor((until - first) / period) * period;
      const times: number[] = [];
      for (let t = last; t >= first && times.length < n; t -= period) times.push(t);
      return times.reverse();
    }
    case 'once':
    case 'manual':
      return missedFireTimes(s, since, until, n).times;
    case 'cron': {
      // previousRuns counts a run in the reference's own second, so step past `until` by 1 ms.
      const times = cronForSchedule(s)
        .previousRuns(n, new Date(until + 1))
        .map((d) => d.getTime())
        .filter((t) => t > since && t <= until);
      return times.reverse();
    }
  }
}

// ─── Words ──────────────────────────────────────────────────────────────────────────────────────

/** cronstrue misreads lowercase L/W and has no "#L"; "5L" means the same last Friday to croner. */
function cronForWords(normalized: string): string {
  return normalized.toUpperCase().replace(/#L\b/g, 'L');
}

function describeCron(expr: string, timezone: string): string {
  const normalized = normalizeCron(expr);
  let words: string;
  try {
    words = cronstrue.toString(cronForWords(normalized), {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    words = `Cron "${normalized}"`;
  }
  return `${words} (${timezone})`;
}

const INTERVAL_UNITS = [
  { seconds: 86_400, one: 'day' },
  { seconds: 3_600, one: 'hour' },
  { seconds: 60, one: 'minute' },
  { seconds: 1, one: 'second' },
] as const;

function describeInterval(everySeconds: number): string {
  const unit = INTERVAL_UNITS.find((u) => everySeconds % u.seconds === 0) ?? INTERVAL_UNITS[3];
  const n = everySeconds / unit.seconds;
  return n === 1 ? `Every ${unit.one}` : `Every ${n} ${unit.one}s`;
}

export function describeSchedule(s: Schedule): string {
  switch (s.type) {
    case 'cron':
      return describeCron(s.cron, s.timezone);
    case 'interval':
      return describeInterval(s.everySeconds);
    case 'once':
      return `Once at ${formatInZone(s.at, s.timezone)} (${s.timezone})`;
    case 'manual':
      return 'Manually';
  }
}

const DURATION_UNITS: Readonly<Record<string, number>> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** '90s', '15m', '2h', '1d', '1h30m', '1h 30m' → seconds; units largest first, each once. */
export function parseDuration(text: string): number | null {
  const compact = text.trim().toLowerCase().replace(/([dhms])\s+(?=\d)/g, '$1');
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(compact);
  if (!match || compact === '') return null;
  let seconds = 0;
  (['d', 'h', 'm', 's'] as const).forEach((unit, i) => {
    const amount = match[i + 1];
    if (amount !== undefined) seconds += Number(amount) * (DURATION_UNITS[unit] ?? 0);
  });
  return Number.isSafeInteger(seconds) ? seconds : null;
}
