import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_PATH, ensureCliBuilt, runCli, snapshot, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);
interface JobJson {
  id: number;
  name: string;
  enabled: boolean;
  lastStatus: string | null;
}
const list = async () => ((await cnp('--json', 'job', 'list')).json as JobJson[]).map((j) => `${j.name}:${j.enabled ? 'on' : 'off'}`);

async function seed() {
  for (const [name, command, tag] of [
    ['a', 'true', 'night'],
    ['b', 'false', 'night'],
    ['c', 'true', 'day'],
  ] as const) {
    const res = await cnp('job', 'create', '--name', name, '--command', command, '--manual', '--tag', tag);
    expect(res.exitCode, res.stderr).toBe(0);
  }
}

describe('batch job commands', () => {
  it('pause --tag and resume --status paused say what they did', async () => {
    await seed();
    const paused = await cnp('job', 'pause', '--tag', 'night');
    expect(paused.exitCode, paused.stderr).toBe(0);
    expect(paused.stdout).toBe('Paused job 1 (a).\nPaused job 2 (b).\n2 of 2 job(s) paused.\n');
    expect(await list()).toEqual(['a:off', 'b:off', 'c:on']);

    const again = await cnp('job', 'pause', '--all');
    expect(again.stdout).toContain('Job 1 (a) was already paused.');
    expect(again.stdout).toContain('Paused job 3 (c).');
    expect(again.stdout).toContain('1 of 3 job(s) paused.');

    const resumed = await cnp('--json', 'job', 'resume', '--status', 'paused');
    expect(resumed.json).toMatchObject({ action: 'resume', selector: '--status paused', changed: 3 });
    expect(await list()).toEqual(['a:on', 'b:on', 'c:on']);
  });

  it('run --tag runs each job here without an engine and exits 1 when one failed; --status failed finds it', async () => {
    await seed();
    const res = await cnp('job', 'run', '--tag', 'night');
    expect(res.exitCode).toBe(1);
    expect(res.stdout).toMatch(/Job 1 \(a\): .*succeeded/i);
    expect(res.stdout).toMatch(/Job 2 \(b\): .*failed/i);
    expect(res.stdout).toContain('1 of 2 run(s) succeeded.');

    const failedOnly = await cnp('--json', 'job', 'pause', '--status', 'failed');
    expect((failedOnly.json as { jobs: JobJson[] }).jobs.map((j) => j.name)).toEqual(['b']);
  });

  /**
   * `cnp job rm --tag …` in a real terminal: util-linux `script` gives the CLI a pseudo-terminal, and
   * the test answers the [y/N] question once it is on screen, as a person would.
   */
  function rmInTerminal(answer: string): Promise<{ exitCode: number | null; screen: string }> {
    const command = [process.execPath, CLI_PATH, '--db', t.db, 'job', 'rm', '--tag', 'night'].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env: { ...process.env, CNP_DB: '', CNP_LOGIN_PATH: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = false;
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString('utf8');
      if (!answered && screen.includes('[y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\r`);
      }
    });
    return new Promise((resolve) => child.on('close', (exitCode) => resolve({ exitCode, screen })));
  }

  it('rm of several jobs in a terminal asks [y/N]: "n" (or just Enter) changes nothing, "y" deletes', { timeout: 120_000 }, async () => {
    await seed();
    const before = snapshot(t.db);
    for (const answer of ['n', '']) {
      const no = await rmInTerminal(answer);
      expect(no.screen).toContain('This deletes 2 jobs and all their runs: 1 (a), 2 (b). Continue? [y/N]');
      expect(no.screen).toContain('Cancelled: nothing was changed.');
      expect(no.exitCode).toBe(2);
      expect(snapshot(t.db)).toEqual(before);
    }
    const yes = await rmInTerminal('y');
    expect(yes.exitCode, yes.screen).toBe(0);
    expect(yes.screen).toContain('2 job(s) deleted.');
    expect(await list()).toEqual(['c:on']);
  });

  it('rm of several jobs asks first: with no terminal and no --yes it refuses and deletes nothing', async () => {
    await seed();
    const before = snapshot(t.db);
    const refused = await cnp('job', 'rm', '--tag', 'night');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('This deletes 2 jobs and all their runs: 1 (a), 2 (b). Nothing was changed: add --yes to confirm when no terminal can ask.');
    expect(snapshot(t.db)).toEqual(before);
    expect(await list()).toHaveLength(3);

    const done = await cnp('job', 'rm', '--tag', 'night', '--yes');
    expect(done.exitCode, done.stderr).toBe(0);
    expect(done.stdout).toBe('Deleted job 1 (a).\nDeleted job 2 (b).\n2 job(s) deleted.\n');
    expect(await list()).toEqual(['c:on']);

    // One job needs no confirmation, as with an id.
    const one = await cnp('--json', 'job', 'rm', '--tag', 'day');
    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.json).toEqual({ action: 'rm', selector: '--tag day', deleted: [{ id: 3, name: 'c' }] });
  });

  it('a selector that matches nothing says so and exits 0', async () => {
    await seed();
    const res = await cnp('job', 'pause', '--tag', 'nope');
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe('No job matches --tag nope; nothing changed.\n');
  });

  // prettier-ignore
  const bad: [args: string[], message: RegExp][] = [
    [['job', 'pause'],                             /Give a job id, or --tag TAG, --all or --status STATUS/],
    [['job', 'pause', '1', '--all'],               /not both/],
    [['job', 'rm', '--all', '--tag', 'x'],         /Give one selector/],
    [['job', 'run', '--all', '--wait'],            /--wait and --follow work with one job id/],
    [['job', 'resume', '--status', 'sleepy'],      /--status/],
  ];

  it.each(bad)('%j is a usage error (exit 2)', async (args, message) => {
    const res = await cnp(...args);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
