import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { processStartTime } from '../../src-main/core/executors/supervision/proc-table';
import { exitStatusFile, prepareExitStatusFile, runToken } from '../../src-main/core/executors/supervision/supervisor';
import { SUPERVISOR_GRACE_MS } from '../../src-main/core/recover-run';
import { tempStore, waitFor, type TempStore } from '../helpers/temp-store';
import { killMatching, processesMatching, startUnderStandIn } from './helpers';

let t: TempStore | null = null;
let engine: Engine | null = null;
const holders: ChildProcess[] = [];
const marks: string[] = [];
afterEach(async () => {
  await engine?.stop();
  engine = null;
  holders.splice(0).forEach((h) => h.kill('SIGKILL'));
  marks.splice(0).forEach(killMatching);
  t?.cleanup();
  t = null;
});

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

/**
 * A run claimed by an engine that then died, as a kill -9 can leave it: a `running` row naming a
 * dead engine and the run's supervisor, the engine holding the supervisor's lifeline killed, and
 * the supervisor frozen (SIGSTOP) after its command ended but before it recorded how. The command
 * wrote `end` to the log: it finished.
 */
async function runOfDeadEngine(store: TempStore) {
  const mark = `${300 + Math.floor(Math.random() * 600)}.${process.pid}${Math.floor(Math.random() * 1e6)}`;
  marks.push(mark);
  const log = path.join(store.dir, 'log');
  const s = store.store;
  const job = s.db
    .prepare("INSERT INTO jobs (name, kind, payload, schedule_type, timezone, enabled, priority, created_at, updated_at) VALUES ('once', 'shell', '{\"command\":\"true\"}', 'manual', 'UTC', 1, 5, ?, ?)")
    .run(Date.now(), Date.now()).lastInsertRowid as number;
  // An engine that is gone: the id of a process that has exited.
  const deadPid = spawnSync('true').pid;
  const engineId = `engine:${os.hostname()}/${deadPid}@1/ab12`;
  const runId = s.runs.insert({ jobId: job, trigger: 'manual', status: 'running', priority: 5, scheduledFor: null, startedAt: Date.now(), engineId }, Date.now())!;
  const exitFile = prepareExitStatusFile(store.dbPath, runId);
  const { holder, supervisor } = await startUnderStandIn(`: ${mark}; echo start >> ${log}; sleep 0.3; echo end >> ${log}`, runToken(runId, engineId), exitFile);
  holders.push(holder);
  s.runs.setPid(runId, supervisor, processStartTime(supervisor));
  await waitFor(() => read(log).includes('start'), 10_000, 10);
  process.kill(supervisor, 'SIGSTOP');
  await waitFor(() => read(log).includes('end'), 10_000, 10);
  // The command has exited (a zombie its frozen supervisor has not reaped): left are the supervisor
  // and its watcher, a fork of it with the same command line.
  await waitFor(() => processesMatching(mark).length === 2, 10_000, 10);
  holder.kill('SIGKILL');
  await new Promise((r) => holder.once('exit', r));
  return { runId, supervisor, exitFile: exitStatusFile(store.dbPath, runId)! };
}

const gone = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
};

describe.skipIf(process.platform !== 'linux')('an engine taking over from a dead one lets its supervisors finish recording', () => {
  it('a supervisor still recording when the new engine takes the lease is waited for: its finished command is stored as succeeded', async () => {
    t = tempStore();
    const { runId, supervisor } = await runOfDeadEngine(t);
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' }, maintenance: false });
    await engine.start();
    expect(engine.isActive()).toBe(true);
    // Taking over did not kill the supervisor at work, nor settle its run without it.
    await new Promise((r) => setTimeout(r, 300));
    expect(gone(supervisor)).toBe(false);
    expect(t.store.runs.get(runId)!.status).toBe('running');

    process.kill(supervisor, 'SIGCONT');
    const run = await waitFor(() => {
      const r = t!.store.runs.get(runId)!;
      return r.status !== 'running' && r;
    }, 10_000);
    expect(run.status).toBe('succeeded');
    expect(run.exitCode).toBe(0);
    // Nothing was queued to run it again.
    expect(t.store.db.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 1 });
    await waitFor(() => gone(supervisor), 5_000, 10);
  });

  it(`a supervisor stuck past its grace (${SUPERVISOR_GRACE_MS} ms) is killed and its run is interrupted`, async () => {
    t = tempStore();
    const { runId, supervisor, exitFile } = await runOfDeadEngine(t);
    engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' }, maintenance: false });
    const started = Date.now();
    await engine.start();
    const run = await waitFor(() => {
      const r = t!.store.runs.get(runId)!;
      return r.status !== 'running' && r;
    }, SUPERVISOR_GRACE_MS + 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SUPERVISOR_GRACE_MS - 100);
    expect(run.status).toBe('interrupted');
    await waitFor(() => gone(supervisor), 5_000, 10);
    expect(processesMatching(marks[0]!)).toEqual([]);
    expect(fs.existsSync(exitFile)).toBe(false);
  }, 30_000);
});
