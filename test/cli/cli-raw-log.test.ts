import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/db/store';
import { rawLogFile } from '../../src-main/core/raw-log/paths';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

beforeAll(() => ensureCliBuilt());

/** One database for the file: a long run with a full log, a run without one, all run by the CLI. */
let tmp: TempDir;
let longRun: number;
let noLogRun: number;
let serve: ServeProcess | null = null;

const cnp = (...args: string[]) => runCli(['--db', tmp.db, ...args], { timeoutMs: 120_000 });

async function runShell(name: string, command: string): Promise<number> {
  const job = (await cnp('job', 'create', '--name', name, '--command', command, '--manual', '--json')).json as { id: number };
  const run = await cnp('job', 'run', String(job.id), '--wait', '--json');
  expect(run.exitCode).toBe(0);
  return (run.json as { id: number }).id;
}

beforeAll(async () => {
  tmp = tempDir();
  // The kept head and tail are small, so the database cannot hold what the full log holds.
  await cnp('job', 'list');
  const store = openStore(tmp.db);
  store.settings.setMany({ maxOutputBytesPerRun: 256 * 1024 });
  store.close();
  longRun = await runShell('count', 'seq 1 100000');
  const off = openStore(tmp.db);
  off.settings.setMany({ keepRawLogs: false });
  off.close();
  noLogRun = await runShell('quiet', 'echo not kept in full');
}, 240_000);

afterAll(async () => {
  if (serve) {
    serve.child.kill('SIGTERM');
    await serve.child;
  }
  tmp?.cleanup();
});

describe.skipIf(process.platform === 'win32')('cnp runs logs RUN --raw', () => {
  it('writes the full log to stdout: all 100,000 lines, where the kept log has only head and tail', async () => {
    const raw = await cnp('runs', 'logs', String(longRun), '--raw');
    expect(raw.exitCode).toBe(0);
    const lines = raw.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(100_000);
    expect(lines[0]).toBe('1');
    expect(lines.at(-1)).toBe('100000');
    expect(raw.stdout).toBe(fs.readFileSync(rawLogFile(tmp.db, longRun)!, 'utf8'));
    expect(raw.stderr).toBe('');

    const kept = await cnp('runs', 'logs', String(longRun));
    expect(kept.exitCode).toBe(0);
    expect(kept.stdout.split('\n').length).toBeLessThan(50_000);

    const shown = (await cnp('runs', 'show', String(longRun), '--json')).json as { rawLogBytes: number; rawLogComplete: boolean };
    expect(shown).toMatchObject({ rawLogBytes: Buffer.byteLength(raw.stdout), rawLogComplete: true });
  });

  it('exits 3 with the reason when the run has no full log or does not exist', async () => {
    const none = await cnp('runs', 'logs', String(noLogRun), '--raw');
    expect(none.exitCode).toBe(3);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(`error: Run ${noLogRun} has no full log: it ran while full logs were turned off. Its kept lines are in the run's log.\n`);
    const missing = await cnp('runs', 'logs', '4242', '--raw');
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toBe('error: Run 4242 does not exist\n');
  });

  it('exits 2 for --raw with --follow or --json', async () => {
    const follow = await cnp('runs', 'logs', String(longRun), '--raw', '--follow');
    expect(follow.exitCode).toBe(2);
    expect(follow.stderr).toContain('cannot be combined with --follow');
    const json = await cnp('--json', 'runs', 'logs', String(longRun), '--raw');
    expect(json.exitCode).toBe(2);
    expect(json.json).toMatchObject({ error: { code: 'VALIDATION', field: 'raw' } });
  });
});

describe.skipIf(process.platform === 'win32')('GET /api/runs/:id/raw-log on cnp serve', () => {
  beforeAll(async () => {
    serve = await startServe(tmp.db);
  }, 60_000);

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${serve!.base}${path}`, { headers });
  const bearer = () => ({ authorization: `Bearer ${serve!.token}` });

  it('streams the file as a download with the token', async () => {
    const res = await get(`/api/runs/${longRun}/raw-log`, bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="run-${longRun}-full.log"`);
    expect(res.headers.get('x-full-log-complete')).toBe('true');
    const body = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    const lines = body.trimEnd().split('\n');
    expect(lines).toHaveLength(100_000);
    expect(lines.at(-1)).toBe('100000');
  });

  it('refuses without the token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { cookie: 'cnp_page_1=nope' }] as Record<string, string>[]) {
      const res = await get(`/api/runs/${longRun}/raw-log`, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('takes the page cookie the UI was opened with, so a plain link downloads', async () => {
    const page = await get(`/?token=${serve!.token}`);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const res = await get(`/api/runs/${longRun}/raw-log`, { cookie });
    expect(res.status).toBe(200);
    expect((await res.text()).endsWith('99999\n100000\n')).toBe(true);
  });

  it('answers 404 with a coded error and a sentence when there is no full log or no such run, 400 for a bad id', async () => {
    const none = await get(`/api/runs/${noLogRun}/raw-log`, bearer());
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `Run ${noLogRun} has no full log: it ran while full logs were turned off. Its kept lines are in the run's log.` },
    });
    const missing = await get('/api/runs/4242/raw-log', bearer());
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Run 4242 does not exist' } });
    const bad = await get('/api/runs/abc/raw-log', bearer());
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('says over the API that saving to a file is for the desktop app', async () => {
    const res = await fetch(`${serve!.base}/api/runs.saveRawLog`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ runId: longRun }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`GET /api/runs/${longRun}/raw-log`);
  });
});
