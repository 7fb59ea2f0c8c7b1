import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

interface JobJson {
  id: number;
  name: string;
  kind: string;
  enabled: boolean;
  priority: number;
  nextRunAt: string | null;
  schedule: { type: string; cron?: string; everySeconds?: number; at?: string; timezone: string };
  tags: string[];
  options: { cwd?: string; env?: Record<string, string>; model?: string; allowedTools?: string[] };
  retry: { maxRetries: number; backoff: string };
  timeoutSeconds: number | null;
  http: { url: string; method: string; headers: Record<string, string> } | null;
}

const DAY = 86_400_000;

/** The next 01:00 UTC after now: 09:00 in Asia/Taipei, which has no DST. */
function nextOneAmUtc(now = Date.now()): number {
  const d = new Date(now);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 1, 0, 0);
  return today > now ? today : today + DAY;
}

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);

async function createDaily(): Promise<JobJson> {
  const r = await cnp('job', 'create', '--name', 'daily', '--prompt', 'hi', '--cron', '0 9 * * *', '--tz', 'Asia/Taipei', '--json');
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return r.json as JobJson;
}

describe('cnp job create', () => {
  it('creates a daily Taipei job whose next run is the next 01:00 UTC', async () => {
    const before = Date.now();
    const job = await createDaily();
    expect(job).toMatchObject({ name: 'daily', kind: 'claude', enabled: true, priority: 5, schedule: { type: 'cron', cron: '0 9 * * *', timezone: 'Asia/Taipei' } });
    const expected = nextOneAmUtc(before);
    // A test that straddles 01:00 UTC may see either side.
    expect([expected, nextOneAmUtc(Date.now())]).toContain(Date.parse(job.nextRunAt ?? ''));
  });

  it('lists the job with --json and in a human table', async () => {
    const job = await createDaily();
    const json = await cnp('job', 'list', '--json');
    expect(json.exitCode).toBe(0);
    expect((json.json as JobJson[]).map((j) => j.id)).toEqual([job.id]);
    const human = await cnp('job', 'list');
    expect(human.stdout).toMatch(/ID\s+NAME\s+KIND\s+SCHEDULE\s+NEXT RUN\s+LAST/);
    expect(human.stdout).toMatch(/daily\s+claude\s+At 09:00 \(Asia\/Taipei\)\s+\d{4}-\d\d-\d\d 09:00 GMT\+8/);
  });

  it('gives the next three fire times on consecutive days', async () => {
    const job = await createDaily();
    const r = await cnp('job', 'next', String(job.id), '--count', '3', '--json');
    expect(r.exitCode).toBe(0);
    const { jobId, nextRuns } = r.json as { jobId: number; nextRuns: string[] };
    expect(jobId).toBe(job.id);
    expect(nextRuns).toHaveLength(3);
    const times = nextRuns.map((s) => Date.parse(s));
    expect(times[0]).toBe(Date.parse(job.nextRunAt ?? ''));
    expect(times[1]! - times[0]!).toBe(DAY);
    expect(times[2]! - times[1]!).toBe(DAY);
    for (const s of nextRuns) expect(s).toMatch(/T01:00:00\.000Z$/);
  });

  it('makes shell, interval and HTTP jobs from their options', async () => {
    const shell = await cnp(
      'job', 'create', '--name', 'sh', '--command', 'echo hi', '--every', '15m', '--tag', 'a', '--tag', 'b',
      '--env', 'A=1', '--env', 'B=x=y', '--cwd', t.dir, '--timeout', '2m', '--retries', '3', '--backoff', 'linear',
      '--allowed-tools', 'Read,Bash(git diff:*) Edit', '--priority', '9', '--disabled', '--json',
    );
    expect(shell.stderr).toBe('');
    expect(shell.json).toMatchObject({
      kind: 'shell',
      enabled: false,
      priority: 9,
      nextRunAt: null,
      schedule: { type: 'interval', everySeconds: 900 },
      tags: ['a', 'b'],
      timeoutSeconds: 120,
      retry: { maxRetries: 3, backoff: 'linear' },
      options: { cwd: t.dir, env: { A: '1', B: 'x=y' }, allowedTools: ['Read', 'Bash(git diff:*)', 'Edit'] },
    });
    const http = await cnp('job', 'create', '--name', 'ping', '--url', 'https://example.com/hook', '--method', 'post', '--header', 'X-Token: abc', '--body', '{}', '--manual', '--json');
    expect(http.json).toMatchObject({ kind: 'http', http: { url: 'https://example.com/hook', method: 'POST', headers: { 'X-Token': '••••' } }, schedule: { type: 'manual' } });
  });

  it('reads --at without an offset as a wall time in --tz', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const r = await cnp('job', 'create', '--name', 'once', '--command', 'true', '--at', `${year}-03-01T09:30`, '--tz', 'Asia/Taipei', '--json');
    expect(r.exitCode).toBe(0);
    expect((r.json as JobJson).schedule.at).toBe(`${year}-03-01T01:30:00.000Z`);
  });
});

describe('rejected input exits 2, names the field, and leaves the database as it was', () => {
  const cases: { what: string; args: string[]; names: RegExp }[] = [
    { what: 'an interval below 1 s', args: ['--prompt', 'hi', '--every', '0s'], names: /--every/ },
    { what: 'a junk interval', args: ['--prompt', 'hi', '--every', 'soon'], names: /--every/ },
    { what: 'an interval of eleven thousand years', args: ['--prompt', 'hi', '--every', '100000000h'], names: /366 days/ },
    { what: 'an interval just over 366 days', args: ['--prompt', 'hi', '--every', '8785h'], names: /366 days/ },
    { what: 'a one-time date in the past', args: ['--prompt', 'hi', '--at', '2020-01-01T00:00:00Z'], names: /past/ },
    { what: 'an unknown timezone', args: ['--prompt', 'hi', '--cron', '0 9 * * *', '--tz', 'Mars/Base'], names: /timezone/i },
    { what: 'a bad cron minute', args: ['--prompt', 'hi', '--cron', '61 * * * *'], names: /minute/ },
    { what: 'a missing prompt id', args: ['--prompt-id', '999', '--manual'], names: /Prompt 999/ },
    { what: 'a folder that does not exist', args: ['--command', 'true', '--manual', '--cwd', '/no/such/folder'], names: /cwd/ },
    { what: 'a priority out of range', args: ['--command', 'true', '--manual', '--priority', '11'], names: /priority/ },
    { what: 'a number option that is not a number', args: ['--command', 'true', '--manual', '--retries', 'many'], names: /--retries/ },
    { what: 'a bad --env', args: ['--command', 'true', '--manual', '--env', 'NOVALUE'], names: /--env/ },
    { what: 'a choice that is not one', args: ['--command', 'true', '--manual', '--overlap', 'sometimes'], names: /--overlap/ },
    { what: 'two schedules', args: ['--command', 'true', '--manual', '--every', '1h'], names: /one schedule/ },
    { what: 'no schedule', args: ['--command', 'true'], names: /schedule/ },
    { what: 'an unknown option', args: ['--command', 'true', '--manual', '--frobnicate'], names: /--frobnicate/ },
  ];

  it.each(cases)('$what, with no database yet: none is created', async ({ args, names }) => {
    const r = await cnp('job', 'create', '--name', 'x', ...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toMatch(names);
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });

  it.each(cases)('$what, with a database: its bytes do not change', async ({ args, names }) => {
    await createDaily();
    const before = snapshot(t.db);
    const r = await cnp('job', 'create', '--name', 'x', ...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(names);
    expect(snapshot(t.db)?.equals(before!)).toBe(true);
    expect(fs.readdirSync(t.dir)).toEqual([path.basename(t.db)]);
  });

  it('reports the error as a JSON envelope on stdout with --json', async () => {
    const r = await cnp('job', 'create', '--name', 'x', '--prompt', 'hi', '--cron', '0 9 * * *', '--tz', 'Mars/Base', '--json');
    expect(r.exitCode).toBe(2);
    expect(r.json).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('Mars/Base'), field: 'schedule.timezone' } });
    expect(r.stderr).toContain('error: Unknown timezone "Mars/Base"');
  });

  it('reports usage errors as JSON too', async () => {
    const r = await cnp('job', 'list', '--bogus', '--json');
    expect(r.exitCode).toBe(2);
    expect(r.json).toEqual({ error: { code: 'VALIDATION', message: "unknown option '--bogus'", field: 'bogus' } });
  });
});

describe('unknown ids exit 3', () => {
  it.each([['job', 'show'], ['job', 'pause'], ['job', 'next'], ['job', 'history'], ['runs', 'show']])('%s %s 42', async (group, command) => {
    await createDaily();
    const before = snapshot(t.db);
    const r = await cnp(group, command, '42', '--json');
    expect(r.exitCode).toBe(3);
    expect(r.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(snapshot(t.db)?.equals(before!)).toBe(true);
  });

  it('leaves no database behind when there was none', async () => {
    const r = await cnp('job', 'show', '42');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe('error: Job 42 does not exist\n');
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });

  it('rejects an id that is not a number with exit 2', async () => {
    const r = await cnp('job', 'show', 'abc');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/job id/);
  });
});

describe('cnp job update, pause, resume, rm', () => {
  it('changes only the options given', async () => {
    const job = await createDaily();
    const r = await cnp('job', 'update', String(job.id), '--priority', '8', '--tag', 'night', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.json).toMatchObject({ id: job.id, name: 'daily', priority: 8, tags: ['night'], schedule: { cron: '0 9 * * *', timezone: 'Asia/Taipei' }, nextRunAt: job.nextRunAt });
  });

  it('moves the current schedule to another zone with --tz alone', async () => {
    const job = await createDaily();
    const r = await cnp('job', 'update', String(job.id), '--tz', 'UTC', '--json');
    const updated = r.json as JobJson;
    expect(updated.schedule).toEqual({ type: 'cron', cron: '0 9 * * *', timezone: 'UTC' });
    expect(updated.nextRunAt).toMatch(/T09:00:00\.000Z$/);
  });

  it('replaces the whole schedule with a new when option', async () => {
    const job = await createDaily();
    const r = await cnp('job', 'update', String(job.id), '--every', '2h', '--json');
    expect((r.json as JobJson).schedule).toEqual({ type: 'interval', everySeconds: 7200, timezone: 'Asia/Taipei' });
  });

  it('merges options and env into the ones the job has', async () => {
    const created = await cnp('job', 'create', '--name', 'sh', '--command', 'true', '--manual', '--env', 'A=1', '--model', 'opus', '--json');
    const id = String((created.json as JobJson).id);
    const r = await cnp('job', 'update', id, '--env', 'B=2', '--json');
    expect((r.json as JobJson).options).toMatchObject({ model: 'opus', env: { A: '1', B: '2' } });
  });

  it('refuses an update with nothing to change, and a bad one, without writing', async () => {
    const job = await createDaily();
    const before = snapshot(t.db);
    const empty = await cnp('job', 'update', String(job.id));
    expect(empty.exitCode).toBe(2);
    const bad = await cnp('job', 'update', String(job.id), '--cron', '0 25 * * *');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/hour/);
    const missing = await cnp('job', 'update', '99', '--priority', '2');
    expect(missing.exitCode).toBe(3);
    expect(snapshot(t.db)?.equals(before!)).toBe(true);
  });

  it('pauses and resumes', async () => {
    const job = await createDaily();
    const paused = await cnp('job', 'pause', String(job.id), '--json');
    expect(paused.json).toMatchObject({ enabled: false, nextRunAt: null });
    const list = await cnp('job', 'list', '--disabled', '--json');
    expect((list.json as JobJson[]).map((j) => j.id)).toEqual([job.id]);
    expect((await cnp('job', 'list', '--enabled', '--json')).json).toEqual([]);
    const human = await cnp('job', 'list');
    expect(human.stdout).toMatch(/paused/);
    const resumed = await cnp('job', 'resume', String(job.id), '--json');
    expect(resumed.json).toMatchObject({ enabled: true, nextRunAt: job.nextRunAt });
  });

  it('filters the list by tag', async () => {
    await cnp('job', 'create', '--name', 'a', '--command', 'true', '--manual', '--tag', 'x');
    await cnp('job', 'create', '--name', 'b', '--command', 'true', '--manual', '--tag', 'y');
    const r = await cnp('job', 'list', '--tag', 'y', '--json');
    expect((r.json as JobJson[]).map((j) => j.name)).toEqual(['b']);
  });

  it('deletes a job', async () => {
    const job = await createDaily();
    const r = await cnp('job', 'rm', String(job.id), '--json');
    expect(r.json).toEqual({ id: job.id, deleted: true, dependants: [], warning: null });
    expect((await cnp('job', 'show', String(job.id))).exitCode).toBe(3);
  });

  it('shows a job as key: value lines', async () => {
    const job = await createDaily();
    const r = await cnp('job', 'show', String(job.id));
    expect(r.stdout).toMatch(/^id:\s+\d+$/m);
    expect(r.stdout).toMatch(/^schedule:\s+At 09:00 \(Asia\/Taipei\)$/m);
    expect(r.stdout).toMatch(/^next run:\s+\d{4}-\d\d-\d\d 09:00 GMT\+8/m);
  });
});

describe('choosing the database', () => {
  it('uses CNP_DB when --db is not given', async () => {
    const r = await runCli(['job', 'create', '--name', 'env', '--command', 'true', '--manual', '--json'], { env: { CNP_DB: t.db } });
    expect(r.exitCode).toBe(0);
    expect(fs.existsSync(t.db)).toBe(true);
    const list = await runCli(['job', 'list', '--json'], { env: { CNP_DB: t.db } });
    expect((list.json as JobJson[]).map((j) => j.name)).toEqual(['env']);
  });

  it('lets --db win over CNP_DB', async () => {
    const other = path.join(t.dir, 'other.db');
    await runCli(['--db', other, 'job', 'create', '--name', 'flag', '--command', 'true', '--manual'], { env: { CNP_DB: t.db } });
    expect(fs.existsSync(other)).toBe(true);
    expect(fs.existsSync(t.db)).toBe(false);
  });

  it('accepts the global options after the subcommand too', async () => {
    await createDaily();
    const r = await runCli(['job', 'list', '--json', '--db', t.db]);
    expect((r.json as JobJson[]).map((j) => j.name)).toEqual(['daily']);
  });
});
