import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

/** cron explain must not open a database: CNP_DB and the app-data folder both point at t.dir. */
const explain = (...args: string[]) => runCli(['cron', 'explain', ...args], { env: { CNP_DB: t.db, XDG_CONFIG_HOME: t.dir } });

describe('cnp cron explain', () => {
  it('describes an expression and lists its next runs in the zone', async () => {
    const r = await explain('0 9 * * 1-5', '--tz', 'Asia/Taipei', '--count', '3', '--json');
    expect(r.exitCode).toBe(0);
    const preview = r.json as { description: string; nextRuns: string[] };
    expect(preview.description).toMatch(/09:00.*Monday through Friday.*Asia\/Taipei/);
    expect(preview.nextRuns).toHaveLength(3);
    for (const at of preview.nextRuns) {
      expect(at).toMatch(/T01:00:00\.000Z$/);
      // 01:00 UTC on a weekday in Taipei is the same calendar day there.
      expect([1, 2, 3, 4, 5]).toContain(new Date(at).getUTCDay());
    }
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });

  it('prints the description and times for people', async () => {
    const r = await explain('*/30 * * * *', '--tz', 'UTC', '--count', '2');
    expect(r.stdout).toMatch(/^Every 30 minutes \(UTC\)\n\nNext runs:\n {2}\d{4}-\d\d-\d\d \d\d:(00|30) UTC {2}\(.+Z\)\n/);
  });

  it.each([
    ['61 * * * *', /minute/],
    ['0 24 * * *', /hour/],
    ['0 9 32 * *', /day-of-month/],
    ['0 9 * 13 *', /month/],
    ['0 9 * * 8', /day-of-week/],
    ['* * *', /5 fields/],
    ['0 0 30 2 *', /never fires/],
  ])('rejects %s with exit 2 naming the field, creating nothing', async (expr, field) => {
    const r = await explain(expr, '--json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(field);
    expect(r.json).toMatchObject({ error: { code: 'VALIDATION', field: 'schedule.cron' } });
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });

  it('rejects an unknown timezone with exit 2 naming it', async () => {
    const r = await explain('0 9 * * *', '--tz', 'Mars/Base', '--json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/timezone "Mars\/Base"/);
    expect(r.json).toMatchObject({ error: { field: 'schedule.timezone' } });
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });

  it('rejects a count that is not a number', async () => {
    const r = await explain('0 9 * * *', '--count', 'lots');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--count/);
  });
});
