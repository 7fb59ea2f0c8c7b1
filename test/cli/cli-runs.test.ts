import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { openStore, type Store } from '../../src-main/core/db/store';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

ensureCliBuilt();

interface RunJson {
  id: number;
  jobId: number;
  status: string;
  trigger: string;
  attempt: number;
  exitCode: number | null;
}

let t: TempDir;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

const cnp = (...args: string[]) => runCli(['--db', t.db, ...args]);

async function shellJob(command: string): Promise<string> {
  const r = await cnp('job', 'create', '--name', 'sh', '--command', command, '--manual', '--json');
  expect(r.exitCode).toBe(0);
  return String((r.json as { id: number }).id);
}

describe('cnp job run with no engine running: the CLI runs it itself', () => {
  it('waits for a run that succeeds and exits 0', async () => {
    const id = await shellJob('echo hello');
    const r = await cnp('job', 'run', id, '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.json).toMatchObject({ jobId: Number(id), status: 'succeeded', trigger: 'cli', exitCode: 0 });
  });

  it('exits 1 when the run fails', async () => {
    const id = await shellJob('exit 3');
    const r = await cnp('job', 'run', id, '--wait', '--json');
    expect(r.exitCode).toBe(1);
    expect(r.json).toMatchObject({ status: 'failed', exitCode: 3 });
  });

  it('streams the output with --follow, then the outcome', async () => {
    const id = await shellJob('echo one; echo two >&2');
    const human = await cnp('job', 'run', id, '--follow');
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/^one\ntwo\nrun \d+ succeeded in /);

    const json = await cnp('job', 'run', id, '--follow', '--json');
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, 2)).toMatchObject([
      { kind: 'stdout', payload: { text: 'one' } },
      { kind: 'stderr', payload: { text: 'two' } },
    ]);
    expect(lines.at(-1)).toMatchObject({ status: 'succeeded', trigger: 'cli' });
  });

  it('exits 3 for an unknown job', async () => {
    await shellJob('true');
    const r = await cnp('job', 'run', '99', '--wait');
    expect(r.exitCode).toBe(3);
  });
});

describe('cnp runs', () => {
  it('lists, shows, prints logs, retries and cancels', async () => {
    const id = await shellJob('echo logged');
    const first = (await cnp('job', 'run', id, '--wait', '--json')).json as RunJson;

    const list = await cnp('runs', 'list', '--json');
    expect((list.json as RunJson[]).map((r) => r.id)).toEqual([first.id]);
    expect((await cnp('runs', 'list', '--status', 'failed', '--json')).json).toEqual([]);
    expect((await cnp('job', 'history', id, '--last', '5', '--json')).json).toMatchObject([{ id: first.id }]);

    const show = await cnp('runs', 'show', String(first.id));
    expect(show.stdout).toMatch(/^status:\s+succeeded$/m);
    const logs = await cnp('runs', 'logs', String(first.id));
    expect(logs.stdout).toBe('logged\n');
    const logsJson = await cnp('runs', 'logs', String(first.id), '--json');
    expect(logsJson.json).toMatchObject({ runId: first.id, events: [{ kind: 'stdout', payload: { text: 'logged' } }], truncated: false });
    const followed = await cnp('runs', 'logs', String(first.id), '--follow');
    expect(followed.stdout).toMatch(/^logged\nrun \d+ succeeded/);

    // With no engine the retry stays queued, so it can be cancelled.
    const retry = (await cnp('runs', 'retry', String(first.id), '--json')).json as RunJson;
    expect(retry).toMatchObject({ status: 'queued', trigger: 'retry', attempt: 2 });
    const cancelled = await cnp('runs', 'cancel', String(retry.id), '--json');
    expect(cancelled.json).toMatchObject({ id: retry.id, status: 'cancelled' });
    const again = await cnp('runs', 'cancel', String(retry.id), '--json');
    expect(again.exitCode).toBe(1);
    expect(again.json).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('rejects a status that is not one', async () => {
    const r = await cnp('runs', 'list', '--status', 'sleeping');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--status/);
  });
});

describe('cnp job run while an engine is running', () => {
  let store: Store | null = null;
  let engine: Engine | null = null;
  afterEach(async () => {
    await engine?.stop();
    store?.close();
    engine = null;
    store = null;
  });

  it('leaves the run to the engine and, with --wait, follows it there', async () => {
    const id = await shellJob('echo from-engine');
    store = openStore(t.db);
    engine = new Engine({ store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' }, pollMs: 50 });
    await engine.start();

    const r = await cnp('job', 'run', id, '--follow', '--json');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ kind: 'stdout', payload: { text: 'from-engine' } });
    expect(lines.at(-1)).toMatchObject({ status: 'succeeded', trigger: 'cli' });
    // The engine, not the CLI, claimed it.
    const runId = (lines.at(-1) as { id: number }).id;
    const row = store.db.prepare('SELECT engine_id FROM runs WHERE id = ?').get(runId) as { engine_id: string | null } | undefined;
    expect(row?.engine_id).toBe(engine.holder);
  });

  it('only queues the run without --wait', async () => {
    const id = await shellJob('sleep 0.2');
    store = openStore(t.db);
    engine = new Engine({ store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' }, pollMs: 50 });
    await engine.start();
    const r = await cnp('job', 'run', id, '--json');
    expect(r.exitCode).toBe(0);
    expect(r.json).toMatchObject({ status: 'queued', trigger: 'cli' });
  });
});
