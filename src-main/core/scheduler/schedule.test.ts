import { describe, expect, it } from 'vitest';
import {
  MISSED_COUNT_LIMIT,
  ScheduleError,
  describeSchedule,
  isValidTimezone,
  missedFireTimes,
  nextFireAfter,
  nextFireTimes,
  parseDuration,
  validateCron,
  validateSchedule,
  validateTimezone,
  type Schedule,
} from './schedule';

const at = (iso: string): number => Date.parse(iso);
/** Tables are written to the second; fire times never carry milliseconds. */
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const cron = (expr: string, timezone: string): Schedule => ({ type: 'cron', cron: expr, timezone });
const every = (everySeconds: number, anchor: string, timezone = 'UTC'): Schedule => ({
  type: 'interval',
  everySeconds,
  timezone,
  anchor: at(anchor),
});
const once = (when: string, timezone = 'UTC'): Schedule => ({ type: 'once', at: at(when), timezone });
const manual: Schedule = { type: 'manual', timezone: 'UTC' };

/** Validation is relative to this instant. */
const NOW = at('2026-06-01T00:00:00Z');

describe('cron fire times', () => {
  // [what, pattern, timezone, start (exclusive), expected fire times in UTC]
  const table: Array<[string, string, string, string, string[]]> = [
    ['09:00 in Taipei is 01:00 UTC, every day', '0 9 * * *', 'Asia/Taipei', '2026-01-01T00:00:00Z',
      ['2026-01-01T01:00:00Z', '2026-01-02T01:00:00Z', '2026-01-03T01:00:00Z', '2026-01-04T01:00:00Z']],
    ['start exactly on a fire time is excluded', '0 9 * * *', 'Asia/Taipei', '2026-01-01T01:00:00Z',
      ['2026-01-02T01:00:00Z', '2026-01-03T01:00:00Z']],
    ['start half a second before a fire time', '0 9 * * *', 'Asia/Taipei', '2026-01-01T00:59:59.500Z',
      ['2026-01-01T01:00:00Z', '2026-01-02T01:00:00Z']],
    ['start half a second after a fire time', '0 9 * * *', 'Asia/Taipei', '2026-01-01T01:00:00.500Z',
      ['2026-01-02T01:00:00Z']],

    // Taipei has no DST: the same UTC time across the dates other zones switch on.
    ['Taipei, no DST in March', '30 2 * * *', 'Asia/Taipei', '2026-03-07T00:00:00Z',
      ['2026-03-07T18:30:00Z', '2026-03-08T18:30:00Z', '2026-03-09T18:30:00Z']],
    ['Taipei, no DST in November', '30 1 * * *', 'Asia/Taipei', '2026-10-31T00:00:00Z',
      ['2026-10-31T17:30:00Z', '2026-11-01T17:30:00Z', '2026-11-02T17:30:00Z']],

    // New York springs forward 2026-03-08 02:00 EST → 03:00 EDT, so 02:30 does not exist that day.
    // croner runs a fixed-time job at the first valid time after the gap (03:00 EDT = 07:00 UTC).
    ['New York spring gap: fixed time runs at 03:00 EDT', '30 2 * * *', 'America/New_York', '2026-03-07T00:00:00Z',
      ['2026-03-07T07:30:00Z', '2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z']],
    ['New York spring gap: a list of hours counts as fixed time', '30 2,14 * * *', 'America/New_York', '2026-03-08T00:00:00Z',
      ['2026-03-08T07:00:00Z', '2026-03-08T18:30:00Z', '2026-03-09T06:30:00Z']],
    ['New York spring gap: a stepped job skips the missing hour', '*/15 2 * * *', 'America/New_York', '2026-03-08T00:00:00Z',
      ['2026-03-09T06:00:00Z', '2026-03-09T06:15:00Z', '2026-03-09T06:30:00Z', '2026-03-09T06:45:00Z']],

    // New York falls back 2026-11-01 02:00 EDT → 01:00 EST, so 01:00-01:59 happens twice.
    ['New York autumn repeat: fixed time fires once, on the first pass', '30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z',
      ['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']],
    ['New York autumn repeat: a list of hours fires once too', '30 1,13 * * *', 'America/New_York', '2026-11-01T00:00:00Z',
      ['2026-11-01T05:30:00Z', '2026-11-01T18:30:00Z', '2026-11-02T06:30:00Z']],
    ['New York autumn repeat: a stepped job runs on both passes', '*/30 1 * * *', 'America/New_York', '2026-11-01T00:00:00Z',
      ['2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z', '2026-11-02T06:00:00Z']],

    // London springs forward 2026-03-29 01:00 GMT → 02:00 BST and falls back 2026-10-25 02:00 BST → 01:00 GMT.
    ['London spring gap: 01:30 runs at 02:00 BST', '30 1 * * *', 'Europe/London', '2026-03-28T00:00:00Z',
      ['2026-03-28T01:30:00Z', '2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z']],
    ['London autumn repeat: 01:30 fires once, at 01:30 BST', '30 1 * * *', 'Europe/London', '2026-10-24T00:00:00Z',
      ['2026-10-24T00:30:00Z', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']],
    ['London autumn repeat: 01:00 fires once', '0 1 * * *', 'Europe/London', '2026-10-24T12:00:00Z',
      ['2026-10-25T00:00:00Z', '2026-10-26T01:00:00Z']],

    ['Feb 29 waits for the next leap year', '0 0 29 2 *', 'UTC', '2026-01-01T00:00:00Z',
      ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z']],
    ['Feb 29 in Taipei is Feb 28 in UTC', '0 0 29 2 *', 'Asia/Taipei', '2026-01-01T00:00:00Z',
      ['2028-02-28T16:00:00Z', '2032-02-28T16:00:00Z']],
    ['day 31 skips 30-day months and February', '0 0 31 * *', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-31T00:00:00Z', '2026-03-31T00:00:00Z', '2026-05-31T00:00:00Z', '2026-07-31T00:00:00Z',
        '2026-08-31T00:00:00Z', '2026-10-31T00:00:00Z', '2026-12-31T00:00:00Z']],
    ['L is the last day of each month', '0 0 L * *', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z', '2026-04-30T00:00:00Z']],
    ['L in February of a leap year', '0 0 L 2 *', 'UTC', '2027-03-01T00:00:00Z',
      ['2028-02-29T00:00:00Z', '2029-02-28T00:00:00Z']],
    ['LW is the last weekday of the month', '0 0 LW * *', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z', '2026-03-31T00:00:00Z']],
    ['15W moves a Sunday 15th to Monday', '0 0 15W * *', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-15T00:00:00Z', '2026-02-16T00:00:00Z', '2026-03-16T00:00:00Z']],
    ['MON#L is the last Monday', '0 0 * * MON#L', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-26T00:00:00Z', '2026-02-23T00:00:00Z', '2026-03-30T00:00:00Z']],
    ['5L is the last Friday', '0 0 * * 5L', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z']],
    ['FRI#2 is the second Friday', '0 0 * * FRI#2', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-09T00:00:00Z', '2026-02-13T00:00:00Z']],
    ['7 and SUN are both Sunday', '0 0 * * 7', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z']],
    ['weekday names in a range, lowercase', '0 9 * * mon-fri', 'UTC', '2026-01-02T00:00:00Z',
      ['2026-01-02T09:00:00Z', '2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z']],
    ['month names with a step', '0 0 1 JAN-MAY/2 *', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', '2027-01-01T00:00:00Z']],

    // Day-of-month and day-of-week are ORed when both are restricted (Vixie cron): April 13 2026 is a Monday.
    ['day 13 OR Friday', '0 0 13 * FRI', 'UTC', '2026-04-01T00:00:00Z',
      ['2026-04-03T00:00:00Z', '2026-04-10T00:00:00Z', '2026-04-13T00:00:00Z', '2026-04-17T00:00:00Z']],
    ['? does not restrict, so only Mondays', '0 0 ? * MON', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z']],
    // Deviation from Vixie cron (which would AND here because the field starts with *): croner ORs.
    ['*/2 in day-of-month still ORs with Monday', '0 0 */2 * MON', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z', '2026-01-07T00:00:00Z']],

    ['6 fields: seconds first', '*/20 * * * * *', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-01T00:00:20Z', '2026-01-01T00:00:40Z', '2026-01-01T00:01:00Z', '2026-01-01T00:01:20Z']],
    ['6 fields in Taipei', '30 0 9 * * *', 'Asia/Taipei', '2026-01-01T00:00:00Z',
      ['2026-01-01T01:00:30Z', '2026-01-02T01:00:30Z']],
    ['@daily in Taipei', '@daily', 'Asia/Taipei', '2026-01-01T00:00:00Z',
      ['2026-01-01T16:00:00Z', '2026-01-02T16:00:00Z']],
    ['extra spaces are ignored', '  0   9 * *  * ', 'UTC', '2026-01-01T00:00:00Z',
      ['2026-01-01T09:00:00Z']],
  ];

  it.each(table)('%s: %s in %s after %s', (_what, pattern, timezone, start, expected) => {
    expect(nextFireTimes(cron(pattern, timezone), at(start), expected.length).map(iso)).toEqual(expected);
  });

  it.each(table)('nextFireAfter agrees: %s', (_what, pattern, timezone, start, expected) => {
    const first = nextFireAfter(cron(pattern, timezone), at(start));
    expect(first === null ? null : iso(first)).toBe(expected[0]);
  });
});

describe('interval, once and manual fire times', () => {
  // [what, schedule, start (exclusive), count, expected]
  const table: Array<[string, Schedule, string, number, string[]]> = [
    ['counts from the anchor', every(900, '2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z', 3,
      ['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z']],
    ['a start before the anchor gives anchor + one interval', every(900, '2026-01-01T00:00:00Z'), '2025-12-01T00:00:00Z', 1,
      ['2026-01-01T00:15:00Z']],
    ['a start between fire times', every(900, '2026-01-01T00:00:00Z'), '2026-01-01T00:20:00Z', 2,
      ['2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z']],
    ['a start on a fire time is excluded', every(900, '2026-01-01T00:00:00Z'), '2026-01-01T00:30:00Z', 1,
      ['2026-01-01T00:45:00Z']],
    ['keeps the anchor phase after a restart days later', every(3600, '2026-01-01T10:07:13Z'), '2026-01-05T15:00:00Z', 2,
      ['2026-01-05T15:07:13Z', '2026-01-05T16:07:13Z']],
    ['ignores DST: hourly in real time through the New York repeat', every(3600, '2026-11-01T04:00:00Z', 'America/New_York'),
      '2026-11-01T04:00:00Z', 4,
      ['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z']],
    ['90 seconds', every(90, '2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z', 3,
      ['2026-01-01T00:01:30Z', '2026-01-01T00:03:00Z', '2026-01-01T00:04:30Z']],
    ['once, still ahead', once('2026-12-01T01:00:00Z'), '2026-06-01T00:00:00Z', 3, ['2026-12-01T01:00:00Z']],
    ['once, already fired', once('2026-12-01T01:00:00Z'), '2026-12-01T01:00:00Z', 3, []],
    ['manual never fires by itself', manual, '2026-06-01T00:00:00Z', 3, []],
    ['count 0', every(900, '2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z', 0, []],
  ];

  it.each(table)('%s', (_what, schedule, start, count, expected) => {
    expect(nextFireTimes(schedule, at(start), count).map(iso)).toEqual(expected);
    if (count > 0) {
      const first = nextFireAfter(schedule, at(start));
      expect(first === null ? null : iso(first)).toBe(expected[0] ?? null);
    }
  });
});

describe('missed fire times (catch-up)', () => {
  const quarterHours = [
    '2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z', '2026-01-01T01:00:00Z',
    '2026-01-01T01:15:00Z', '2026-01-01T01:30:00Z', '2026-01-01T01:45:00Z', '2026-01-01T02:00:00Z',
    '2026-01-01T02:15:00Z', '2026-01-01T02:30:00Z', '2026-01-01T02:45:00Z', '2026-01-01T03:00:00Z',
  ];
  // [what, schedule, since (exclusive), until (inclusive), cap, times, truncated, total]
  const table: Array<[string, Schedule, string, string, number, string[], boolean, number]> = [
    ['*/15 over a 3-hour gap', cron('*/15 * * * *', 'Asia/Taipei'), '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 100,
      quarterHours, false, 12],
    ['*/15 over a 3-hour gap, capped: the earliest 5', cron('*/15 * * * *', 'Asia/Taipei'), '2026-01-01T00:00:00Z',
      '2026-01-01T03:00:00Z', 5, quarterHours.slice(0, 5), true, 12],
    ['cap 0 still counts', cron('*/15 * * * *', 'UTC'), '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 0, [], true, 12],
    ['since is exclusive and until inclusive', cron('*/15 * * * *', 'UTC'), '2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', 10,
      ['2026-01-01T00:30:00Z'], false, 1],
    ['nothing due', cron('0 9 * * *', 'UTC'), '2026-01-01T09:00:00Z', '2026-01-02T08:59:59Z', 10, [], false, 0],
    ['an empty window', cron('* * * * *', 'UTC'), '2026-01-01T03:00:00Z', '2026-01-01T00:00:00Z', 10, [], false, 0],
    // 04:00-07:00 UTC is 00:00 EDT to 02:00 EST: three real hours, one of them the repeated 01:00.
    ['*/15 through the New York autumn repeat counts real time', cron('*/15 * * * *', 'America/New_York'),
      '2026-11-01T04:00:00Z', '2026-11-01T07:00:00Z', 2, ['2026-11-01T04:15:00Z', '2026-11-01T04:30:00Z'], true, 12],
    ['interval over a 3-hour gap', every(900, '2025-12-31T23:00:00Z'), '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 100,
      quarterHours, false, 12],
    ['interval, capped', every(900, '2025-12-31T23:00:00Z'), '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 3,
      quarterHours.slice(0, 3), true, 12],
    ['interval that was not due yet', every(86_400, '2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z', '2026-01-01T23:00:00Z', 10,
      [], false, 0],
    ['once, inside the gap', once('2026-01-01T01:00:00Z'), '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 10,
      ['2026-01-01T01:00:00Z'], false, 1],
    ['once, before the gap', once('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 10, [], false, 0],
    ['manual', manual, '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 10, [], false, 0],
  ];

  it.each(table)('%s', (_what, schedule, since, until, cap, times, truncated, total) => {
    const missed = missedFireTimes(schedule, at(since), at(until), cap);
    expect({ ...missed, times: missed.times.map(iso) }).toEqual({ times, truncated, total, totalIsLowerBound: false });
  });

  it('stops counting a dense cron after a long sleep instead of blocking', () => {
    const missed = missedFireTimes(cron('* * * * * *', 'UTC'), at('2026-01-01T00:00:00Z'), at('2026-01-08T00:00:00Z'), 3);
    expect(missed).toEqual({
      times: [at('2026-01-01T00:00:01Z'), at('2026-01-01T00:00:02Z'), at('2026-01-01T00:00:03Z')],
      truncated: true,
      total: MISSED_COUNT_LIMIT,
      totalIsLowerBound: true,
    });
  });
});

describe('validation', () => {
  const cronMessages: Array<[string, string]> = [
    ['61 * * * *', 'minute field "61" is out of range (0-59)'],
    ['1,61 * * * *', 'minute field "1,61": "61" is out of range (0-59)'],
    ['0-60 * * * *', 'minute field "0-60": "60" is out of range (0-59)'],
    ['* 24 * * *', 'hour field "24" is out of range (0-23)'],
    ['* * 32 * *', 'day-of-month field "32" is out of range (1-31)'],
    ['* * 0 * *', 'day-of-month field "0" is out of range (1-31)'],
    ['* * * 13 *', 'month field "13" is out of range (1-12)'],
    ['* * * * 8', 'day-of-week field "8" is out of range (0-7)'],
    ['60 0 * * * *', 'second field "60" is out of range (0-59)'],
    ['x * * * *', 'minute field "x" is not a valid value (use 0-59)'],
    ['* * * FOO *', 'month field "FOO" is not a valid value (use 1-12 or JAN-DEC)'],
    ['* * * * FUN', 'day-of-week field "FUN" is not a valid value (use 0-7, SUN-SAT, or forms such as FRI#2 and 5L)'],
    ['*/0 * * * *', 'minute field "*/0" has a step of 0 (use 1-60)'],
    ['* */25 * * *', 'hour field "*/25" has a step of 25 (use 1-24)'],
    ['5/5 * * * *', 'minute field "5/5" needs * or a range before the step (e.g. */5 or 0-59/5)'],
    ['5-1 * * * *', 'minute field "5-1" starts after it ends (ranges cannot wrap around: list the values instead)'],
    ['* * * * SAT-MON', 'day-of-week field "SAT-MON" starts after it ends (ranges cannot wrap around: list the values instead)'],
    ['-1 * * * *', 'minute field "-1" is not a valid range (e.g. 0-59)'],
    ['1,,2 * * * *', 'minute field "1,,2" has an empty entry (check the commas)'],
    ['? * * * *', 'minute field "?" can only be the whole day-of-month or day-of-week field'],
    ['* * 1,15W * *', 'day-of-month field "1,15W": "15W" must be the whole field (W works on a single day, e.g. 15W)'],
    ['* * 32W * *', 'day-of-month field "32W": "32" is out of range (1-31)'],
    ['* * * * MON#6', 'day-of-week field "MON#6" needs 1-5 or L after # (e.g. MON#1 or FRI#L)'],
    ['* * * * L', 'day-of-week field "L" needs a weekday before L (e.g. 5L or FRI#L for the last Friday)'],
    ['0 12 1 * +MON', 'day-of-week field "+MON" uses the "+" (AND) modifier, which is not supported: a day matches when its day-of-month OR its day-of-week matches'],
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week) or 6 (second first), got 4'],
    ['0 0 0 1 1 * 2027', 'expected 5 fields (minute hour day-of-month month day-of-week) or 6 (second first), got 7'],
    ['', 'it is empty'],
    ['@reboot', '@reboot is not supported (there is no start-up trigger): use a time, e.g. @daily'],
    ['0 0 30 2 *', 'it never fires (no date matches its day-of-month, month and day-of-week together)'],
    ['0 0 0 31 4 *', 'it never fires (no date matches its day-of-month, month and day-of-week together)'],
  ];

  it.each(cronMessages)('rejects %j: %s', (expr, reason) => {
    expect(() => validateCron(expr, 'UTC', NOW)).toThrow(
      new ScheduleError('cron', `Invalid cron expression "${expr}": ${reason}`),
    );
    try {
      validateCron(expr, 'UTC', NOW);
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleError);
      expect((error as ScheduleError).field).toBe('cron');
    }
  });

  it.each([
    '0 9 * * *', '*/15 * * * *', '0 9 * * MON-FRI', '0 0 L * *', '0 0 LW * *', '0 0 15W * *', '0 0 1,L * *',
    '0 0 * * 5#L', '0 0 * * fri#2', '0 0 * * 7L', '0 0 ? * MON', '0 0 1 * ?', '0 0 1 JAN,jul *', '0 0-23/2 * * *',
    '30 */10 * * * *', '@hourly', '@weekly', '0 0 29 2 *', '0 0 * 2 MON#5',
  ])('accepts %j', (expr) => {
    expect(() => validateCron(expr, 'Asia/Taipei', NOW)).not.toThrow();
  });

  const scheduleMessages: Array<[string, Schedule, ScheduleError]> = [
    ['unknown zone', cron('0 9 * * *', 'Mars/Base'),
      new ScheduleError('timezone', 'Unknown timezone "Mars/Base": use an IANA name such as Asia/Taipei')],
    ['unknown zone on a manual job', { type: 'manual', timezone: 'Nowhere' },
      new ScheduleError('timezone', 'Unknown timezone "Nowhere": use an IANA name such as Asia/Taipei')],
    ['interval of half a second', every(0.5, '2026-01-01T00:00:00Z'),
      new ScheduleError('everySeconds', 'Interval must be at least 1 second, got 0.5 seconds')],
    ['interval of 0', every(0, '2026-01-01T00:00:00Z'),
      new ScheduleError('everySeconds', 'Interval must be at least 1 second, got 0 seconds')],
    ['interval of 1.5 s', every(1.5, '2026-01-01T00:00:00Z'),
      new ScheduleError('everySeconds', 'Interval must be a whole number of seconds, got 1.5')],
    ['once in the past', once('2026-05-01T01:00:00Z', 'Asia/Taipei'),
      new ScheduleError('at', 'Run time 2026-05-01 09:00 (Asia/Taipei) is in the past: pick a time after 2026-06-01 08:00')],
    ['once right now', once('2026-06-01T00:00:00Z'),
      new ScheduleError('at', 'Run time 2026-06-01 00:00 (UTC) is in the past: pick a time after 2026-06-01 00:00')],
    ['cron that never fires', cron('0 0 31 11 *', 'UTC'),
      new ScheduleError('cron', 'Invalid cron expression "0 0 31 11 *": it never fires (no date matches its day-of-month, month and day-of-week together)')],
  ];

  it.each(scheduleMessages)('rejects %s', (_what, schedule, expected) => {
    let thrown: unknown;
    try {
      validateSchedule(schedule, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScheduleError);
    expect({ field: (thrown as ScheduleError).field, message: (thrown as ScheduleError).message }).toEqual({
      field: expected.field,
      message: expected.message,
    });
  });

  it.each<[string, Schedule]>([
    ['cron', cron('0 9 * * *', 'Asia/Taipei')],
    ['interval of 1 s', every(1, '2026-01-01T00:00:00Z')],
    ['once in the future', once('2026-06-01T00:00:01Z')],
    ['manual', manual],
  ])('accepts %s', (_what, schedule) => {
    expect(() => validateSchedule(schedule, NOW)).not.toThrow();
  });

  it.each<[string, Schedule, ScheduleError]>([
    ['a bad field', cron('61 * * * *', 'UTC'),
      new ScheduleError('cron', 'Invalid cron expression "61 * * * *": minute field "61" is out of range (0-59)')],
    ['an unknown zone', cron('0 9 * * *', 'Mars/Base'),
      new ScheduleError('timezone', 'Unknown timezone "Mars/Base": use an IANA name such as Asia/Taipei')],
  ])('computing fire times for a stored schedule with %s throws the same error', (_what, schedule, expected) => {
    expect(() => nextFireAfter(schedule, NOW)).toThrow(expected);
    expect(() => missedFireTimes(schedule, NOW, NOW + 3_600_000, 10)).toThrow(expected);
  });

  it.each<[string, boolean]>([
    ['Asia/Taipei', true],
    ['America/New_York', true],
    ['Europe/London', true],
    ['UTC', true],
    ['Mars/Base', false],
    ['', false],
    ['Asia/Taipei ', false],
  ])('isValidTimezone(%j) is %s', (zone, valid) => {
    expect(isValidTimezone(zone)).toBe(valid);
    if (valid) expect(() => validateTimezone(zone)).not.toThrow();
    else expect(() => validateTimezone(zone)).toThrow(ScheduleError);
  });
});

describe('parseDuration', () => {
  it.each<[string, number | null]>([
    ['90s', 90],
    ['15m', 900],
    ['2h', 7200],
    ['1d', 86_400],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1d2h3m4s', 93_784],
    ['2H', 7200],
    [' 15m ', 900],
    ['0s', 0],
    ['', null],
    ['15', null],
    ['m', null],
    ['1.5h', null],
    ['-5m', null],
    ['30m1h', null],
    ['1h1h', null],
    ['100ms', null],
    ['15 m', null],
    ['1 5m', null],
    ['fifteen minutes', null],
    ['99999999999999999999d', null],
  ])('%j → %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});

describe('describeSchedule', () => {
  it.each<[Schedule, string]>([
    [cron('0 9 * * *', 'Asia/Taipei'), 'At 09:00 (Asia/Taipei)'],
    [cron('*/15 * * * *', 'UTC'), 'Every 15 minutes (UTC)'],
    [cron('0 9 * * MON-FRI', 'America/New_York'), 'At 09:00, Monday through Friday (America/New_York)'],
    [cron('*/20 * * * * *', 'UTC'), 'Every 20 seconds (UTC)'],
    [cron('0 0 L * *', 'UTC'), 'At 00:00, on the last day of the month (UTC)'],
    [cron('0 0 lw * *', 'UTC'), 'At 00:00, on the last weekday of the month (UTC)'],
    [cron('0 0 * * FRI#L', 'UTC'), 'At 00:00, on the last Friday of the month (UTC)'],
    [cron('@daily', 'Europe/London'), 'At 00:00 (Europe/London)'],
    [every(900, '2026-01-01T00:00:00Z'), 'Every 15 minutes'],
    [every(90, '2026-01-01T00:00:00Z'), 'Every 90 seconds'],
    [every(7200, '2026-01-01T00:00:00Z'), 'Every 2 hours'],
    [every(5400, '2026-01-01T00:00:00Z'), 'Every 90 minutes'],
    [every(3600, '2026-01-01T00:00:00Z'), 'Every hour'],
    [every(60, '2026-01-01T00:00:00Z'), 'Every minute'],
    [every(1, '2026-01-01T00:00:00Z'), 'Every second'],
    [every(172_800, '2026-01-01T00:00:00Z'), 'Every 2 days'],
    [once('2026-12-01T01:00:00Z', 'Asia/Taipei'), 'Once at 2026-12-01 09:00 (Asia/Taipei)'],
    [once('2026-12-01T01:00:30Z', 'America/New_York'), 'Once at 2026-11-30 20:00:30 (America/New_York)'],
    [once('2026-01-01T00:00:00Z', 'Asia/Taipei'), 'Once at 2026-01-01 08:00 (Asia/Taipei)'],
    [manual, 'Manually'],
  ])('%j → %s', (schedule, words) => {
    expect(describeSchedule(schedule)).toBe(words);
  });
});
