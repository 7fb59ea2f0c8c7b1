import { describe, expect, it } from 'vitest';
import { instantFrom, splitList } from '../../src-main/cli/options';
import { formatWallTime, wallTimeToInstant } from '../../src-main/cli/wall-time';

describe('--at wall times in a zone', () => {
  it.each([
    // zone, written, instant
    ['Asia/Taipei', '2026-03-01T09:30', '2026-03-01T01:30:00.000Z'],
    ['Asia/Taipei', '2026-03-01', '2026-02-28T16:00:00.000Z'],
    ['UTC', '2026-12-31 23:59:59', '2026-12-31T23:59:59.000Z'],
    ['Europe/London', '2026-07-01T09:00', '2026-07-01T08:00:00.000Z'],
    // America/New_York repeats 01:00-02:00 on 2026-11-01: the earlier (EDT) reading wins.
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'],
    // …and skips 02:00-03:00 on 2026-03-08: a time in the gap lands after it.
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:30:00.000Z'],
    // An explicit offset or Z is taken as given, whatever the zone.
    ['Asia/Taipei', '2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['UTC', '2026-03-01T09:30:00+08:00', '2026-03-01T01:30:00.000Z'],
  ])('%s: %s is %s', (zone, written, expected) => {
    expect(new Date(instantFrom(written, zone) ?? NaN).toISOString()).toBe(expected);
  });

  it.each(['tomorrow', '2026-02-30T09:00', '2026-13-01', '2026-01-01T24:00', '1767225600'])('refuses %s', (written) => {
    expect(instantFrom(written, 'UTC')).toBeNull();
  });

  it('refuses an unknown zone', () => {
    expect(wallTimeToInstant({ year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, 'Mars/Base')).toBeNull();
  });

  it('formats an instant as the zone’s wall clock reads it', () => {
    expect(formatWallTime(Date.parse('2026-03-01T01:30:00Z'), 'Asia/Taipei')).toBe('2026-03-01 09:30 GMT+8');
    expect(formatWallTime(Date.parse('2026-03-01T01:30:05Z'), 'UTC')).toBe('2026-03-01 01:30:05 UTC');
  });
});

describe('--allowed-tools lists', () => {
  it.each([
    ['Read,Edit', ['Read', 'Edit']],
    ['Read Edit  Write', ['Read', 'Edit', 'Write']],
    ['Read, Bash(git diff:*) Edit', ['Read', 'Bash(git diff:*)', 'Edit']],
    ['Bash(npm run test, lint)', ['Bash(npm run test, lint)']],
    [' , ', []],
  ])('%j → %j', (text, tools) => {
    expect(splitList(text)).toEqual(tools);
  });
});
