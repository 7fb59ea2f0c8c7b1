import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (db: string, ...args: string[]) => runCli(['--db', db, ...args]);
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function ok(db: string, ...args: string[]) {
  const res = await cnp(db, ...args);
  expect(res.exitCode, `${args.join(' ')}: ${res.stderr}`).toBe(0);
  return res;
}

async function seed(db: string) {
  await ok(db, 'prompt', 'add', '--title', 'Nightly review', '--body', 'Review the commits.\nBe brief.');
  await ok(db, 'job', 'create', '--name', 'daily', '--prompt-id', '1', '--cron', '0 9 * * 1-5', '--tz', 'Asia/Taipei', '--retry-delays', '30s,60s,5m,15m,1h', '--tag', 'night', '--model', 'sonnet', '--allowed-tools', 'Read,Bash(git diff:*)');
  await ok(db, 'job', 'create', '--name', 'backup', '--command', './backup.sh', '--every', '2h', '--cwd', t.dir, '--timeout', '30m', '--env', 'A=1', '--retries', '2', '--tag', 'ops');
  await ok(db, 'job', 'create', '--name', 'ping', '--url', 'https://example.com/health', '--method', 'POST', '--header', 'X-Id: 7', '--manual', '--disabled', '--tag', 'ops');
}

describe('cnp job export / import', () => {
  it('round-trips: export → import into an empty database → export again gives identical YAML', async () => {
    const a = path.join(t.dir, 'a.db');
    const b = path.join(t.dir, 'b.db');
    const file = path.join(t.dir, 'jobs.yaml');
    await seed(a);
    const exported = await ok(a, 'job', 'export', '--all', '--out', file);
    expect(exported.stdout).toMatch(/Wrote 3 job\(s\) and 1 prompt\(s\)/);

    const imported = await ok(b, 'job', 'import', file);
    expect(imported.stdout).toContain('3 jobs created: "backup", "daily", "ping"');
    const again = await ok(b, 'job', 'export');
    expect(again.stdout).toBe(fs.readFileSync(file, 'utf8'));

    const listA = (await ok(a, '--json', 'job', 'list')).json as Record<string, unknown>[];
    const listB = (await ok(b, '--json', 'job', 'list')).json as Record<string, unknown>[];
    const strip = (jobs: Record<string, unknown>[]) => [...jobs].sort((x, y) => String(x.name).localeCompare(String(y.name))).map(({ id: _i, createdAt: _c, updatedAt: _u, nextRunAt: _n, lastScheduledAt: _l, promptId: _p, ...rest }) => rest);
    expect(strip(listB)).toEqual(strip(listA));
  });

  it('exports only the jobs with --tag', async () => {
    const a = path.join(t.dir, 'a.db');
    await seed(a);
    const res = await ok(a, 'job', 'export', '--tag', 'ops');
    expect(res.stdout).toContain('name: backup');
    expect(res.stdout).toContain('name: ping');
    expect(res.stdout).not.toContain('name: daily');
    expect(res.stdout).not.toContain('prompts:');
  });

  it('--dry-run reports and writes nothing; --prune without a terminal or --yes refuses', async () => {
    const a = path.join(t.dir, 'a.db');
    await seed(a);
    const file = path.join(t.dir, 'one.yaml');
    fs.writeFileSync(file, 'jobs:\n  - name: solo\n    command: echo hi\n    schedule: {type: manual, timezone: UTC}\n');
    const before = sha(a);
    const dry = await ok(a, 'job', 'import', file, '--dry-run', '--prune');
    expect(dry.stdout).toContain('1 job would be created: "solo"');
    expect(dry.stdout).toContain('3 jobs would be deleted: "daily", "backup", "ping"');
    expect(sha(a)).toBe(before);

    // Checking a file against a database that does not exist yet creates none.
    const fresh = path.join(t.dir, 'fresh.db');
    const dryFresh = await ok(fresh, 'job', 'import', file, '--dry-run');
    expect(dryFresh.stdout).toContain('1 job would be created: "solo"');
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('fresh.db'))).toEqual([]);

    const refused = await cnp(a, 'job', 'import', file, '--prune');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--prune would delete 3 jobs.*add --yes/s);
    expect(sha(a)).toBe(before);

    const done = await ok(a, '--json', 'job', 'import', file, '--prune', '--yes');
    expect((done.json as { jobs: { deleted: string[] } }).jobs.deleted).toEqual(['daily', 'backup', 'ping']);
    expect(((await ok(a, '--json', 'job', 'list')).json as unknown[]).length).toBe(1);
  });

  // prettier-ignore
  const bad: [name: string, yaml: string, where: string, field: string, message: RegExp][] = [
    ['a syntax error',       'jobs:\n  - name: a\n    command: x\n    schedule: {type: manual\n',                                        'bad.yaml:5', '(syntax)',                      /Flow map|flow collection|Expected/i],
    ['an unknown field',     'jobs:\n  - name: a\n    command: x\n    colour: red\n    schedule: {type: manual}\n',                   'bad.yaml:4', 'jobs[0].colour',                /unknown field "colour"/],
    ['an invalid cron',      'jobs:\n  - name: a\n    command: x\n    schedule:\n      type: cron\n      expression: "0 25 * * *"\n', 'bad.yaml:6', 'jobs[0].schedule.expression',  /hour field "25" is out of range/],
    ['an unknown timezone',  'jobs:\n  - name: a\n    command: x\n    schedule:\n      type: manual\n      timezone: Mars/Olympus\n',  'bad.yaml:6', 'jobs[0].schedule.timezone',    /Unknown timezone "Mars\/Olympus"/],
    ['duplicate names',      'jobs:\n  - name: a\n    command: x\n    schedule: {type: manual}\n  - name: a\n    command: y\n    schedule: {type: manual}\n', 'bad.yaml:5', 'jobs[1].name', /"a" is used twice/],
  ];

  it.each(bad)('%s exits 2 naming file:line and the field, and leaves the database unchanged', async (_name, yaml, where, field, message) => {
    const a = path.join(t.dir, 'a.db');
    await seed(a);
    const file = path.join(t.dir, 'bad.yaml');
    fs.writeFileSync(file, yaml);
    const before = sha(a);
    const res = await cnp(a, '--json', 'job', 'import', file);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain(`${file}:${where.split(':')[1]}: ${field}: `);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain('Nothing was imported.');
    expect((res.json as { error: { code: string; field: string } }).error).toMatchObject({ code: 'VALIDATION', field });
    expect(sha(a)).toBe(before);
    expect(fs.existsSync(`${a}-wal`) ? fs.statSync(`${a}-wal`).size : 0).toBe(0);
  });

  it('a missing file exits 2 and creates no database', async () => {
    const res = await cnp(t.db, 'job', 'import', path.join(t.dir, 'nope.yaml'));
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/no such file/);
    expect(fs.existsSync(t.db)).toBe(false);
  });

  it('prints the JSON Schema that ships in schemas/', async () => {
    const res = await runCli(['job', 'schema']);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe(fs.readFileSync(path.resolve(__dirname, '../../schemas/jobs.schema.json'), 'utf8'));
  });
});
