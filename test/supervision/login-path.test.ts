import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';
import { killMatching, processesMatching } from './helpers';
import { query, startServe } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir | null = null;
const markers: string[] = [];
afterEach(() => {
  markers.splice(0).forEach(killMatching);
  tmp?.cleanup();
  tmp = null;
});

/** A HOME whose bash start-up files sleep `seconds` (a unique sleep, to find it) and add a PATH entry. */
function slowHome(dir: string, seconds: number): { home: string; sleep: string; extra: string } {
  const home = path.join(dir, 'home');
  const extra = path.join(dir, 'login-only-bin');
  fs.mkdirSync(home);
  fs.mkdirSync(extra);
  // sleep adds up its arguments: the second one only makes the process findable.
  const sleep = `0.000${process.pid}${Math.floor(Math.random() * 1e6)}`;
  markers.push(sleep);
  const body = `sleep ${seconds} ${sleep}\nexport PATH="${extra}:$PATH"\n`;
  for (const f of ['.bash_profile', '.profile', '.bashrc']) fs.writeFileSync(path.join(home, f), body);
  return { home, sleep, extra };
}

const bash = fs.existsSync('/bin/bash') ? '/bin/bash' : null;

describe.skipIf(process.platform !== 'linux' || !bash)('the login-shell PATH probe', () => {
  it('never delays a run: with a .bashrc that sleeps 60 s runs start at once, and the probe’s group is killed at its timeout', async () => {
    tmp = tempDir();
    const { home, sleep } = slowHome(tmp.dir, 60);
    const job = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'quick', '--command', 'echo ran', '--manual']);
    const engine = await startServe(tmp.db, { env: { HOME: home, SHELL: bash!, CNP_LOGIN_PATH: '1' } });
    try {
      // The probe is running meanwhile (its start-up file is sleeping).
      await waitFor(() => processesMatching(sleep).length > 0, 5_000);
      const t0 = Date.now();
      await runCli(['--db', tmp.db, 'job', 'run', String((job.json as { id: number }).id)]);
      const run = await waitFor(() => query<{ status: string; pid: number | null; started_at: number; finished_at: number | null }>(tmp!.db, 'SELECT status, pid, started_at, finished_at FROM runs')[0]?.finished_at ? query<{ status: string; pid: number | null }>(tmp!.db, 'SELECT status, pid FROM runs')[0] : null, 10_000);
      expect(run!.status).toBe('succeeded');
      // Before: every run awaited the probe, so this took the whole .bashrc (61 s in the report).
      expect(Date.now() - t0).toBeLessThan(4_000);
      // The hard timeout (5 s) kills the probe's whole group, the sleeping start-up file included.
      await waitFor(() => processesMatching(sleep).length === 0, 9_000, 100);
    } finally {
      engine.child.kill('SIGTERM');
      await engine.child;
    }
  }, 60_000);

  it('runs outside the engine’s process group, so killing the engine does not interrupt the user’s start-up files', async () => {
    tmp = tempDir();
    const { home, sleep } = slowHome(tmp.dir, 3);
    const engine = await startServe(tmp.db, { env: { HOME: home, SHELL: bash!, CNP_LOGIN_PATH: '1' }, detached: true });
    await waitFor(() => processesMatching(sleep).length > 0, 5_000);
    const [probe] = processesMatching(sleep);
    const group = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);
    expect(group(probe!)).not.toBe(group(engine.child.pid!));
    process.kill(-engine.child.pid!, 'SIGKILL');
    await engine.child;
    // The start-up file's sleep goes on to its natural end rather than being cut half way.
    await new Promise((r) => setTimeout(r, 300));
    expect(processesMatching(sleep)).toEqual([probe]);
  }, 30_000);

  it('cnp doctor shows the login PATH and how long the shell took; runs then get it', async () => {
    tmp = tempDir();
    const { home, extra } = slowHome(tmp.dir, 0.4);
    const env = { HOME: home, SHELL: bash!, CNP_LOGIN_PATH: '1' };
    const doctor = await runCli(['--db', tmp.db, '--json', 'doctor'], { env });
    const login = (doctor.json as { loginPath: { status: string; path: string; tookMs: number; shell: string } }).loginPath;
    expect(login.status).toBe('ok');
    expect(login.path.split(':')).toContain(extra);
    expect(login.tookMs).toBeGreaterThanOrEqual(400);
    expect(login.shell).toBe(bash);
    const text = await runCli(['--db', tmp.db, 'doctor'], { env });
    expect(text.stdout).toMatch(new RegExp(`login PATH:\\s+found in \\d+ ms by ${bash}: .*${extra}`));

    // An engine caches what it found; later runs (even inline ones) get the login shell's entries.
    const engine = await startServe(tmp.db, { env });
    await waitFor(() => query<{ value: string }>(tmp!.db, "SELECT value FROM settings WHERE key = 'state:login_path'")[0], 10_000);
    engine.child.kill('SIGTERM');
    await engine.child;
    const job = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'path', '--command', 'echo "$PATH"', '--manual'], { env });
    const run = await runCli(['--db', tmp.db, 'job', 'run', String((job.json as { id: number }).id), '--wait'], { env });
    expect(run.exitCode).toBe(0);
    const printed = query<{ payload: string }>(tmp.db, "SELECT payload FROM run_events WHERE kind = 'stdout'").map((e) => (JSON.parse(e.payload) as { text: string }).text);
    expect(printed.join('\n').split(':')).toContain(extra);
  }, 60_000);
});
