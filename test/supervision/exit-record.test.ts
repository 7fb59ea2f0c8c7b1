import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supervisedCommand } from '../../src-main/core/executors/supervision/supervisor';
import { waitFor } from '../helpers/temp-store';
import { killMatching, processesMatching, startUnderStandIn } from './helpers';

let dir = '';
const holders: ChildProcess[] = [];
const marks: string[] = [];
afterEach(() => {
  holders.splice(0).forEach((h) => h.kill('SIGKILL'));
  marks.splice(0).forEach(killMatching);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A sleep length unique to this test, so its processes can be found (and cleaned up) by command line. */
function mark(): string {
  const m = `${300 + Math.floor(Math.random() * 600)}.${process.pid}${Math.floor(Math.random() * 1e6)}`;
  marks.push(m);
  return m;
}

/** Starts `sh -c script` under the supervisor in a stand-in engine; resolves with the supervisor's pid. */
async function startSupervised(script: string, exitFile: string | null): Promise<{ holder: ChildProcess; supervisor: number; token: string }> {
  const token = `t${process.pid}x${Math.floor(Math.random() * 1e9)}`;
  const started = await startUnderStandIn(script, token, exitFile);
  holders.push(started.holder);
  return { ...started, token };
}

const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};
const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

describe.skipIf(process.platform !== 'linux')('the supervisor records how a command ended, whatever its engine does', () => {
  // 200: a command may end on its own with any status, above 128 too (a wrapper passing one on).
  it.each([0, 200])('a command that ends on its own (exit %i) just as its engine dies keeps its exit record', async (status) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-exit-'));
    const log = path.join(dir, 'log');
    const exitFile = path.join(dir, '1.exit');
    const { holder, supervisor, token } = await startSupervised(`echo start >> ${log}; sleep 0.5; echo end >> ${log}; exit ${status}`, exitFile);
    await waitFor(() => read(log).includes('start'), 10_000, 10);
    // The supervisor and its watcher (a fork of it, same command line) are both up.
    await waitFor(() => processesMatching(token).length >= 2, 10_000, 10);

    // The worst moment, made certain: the command has ended but the supervisor has not yet run to
    // record it when the engine dies. Freezing the supervisor holds it in that moment.
    process.kill(supervisor, 'SIGSTOP');
    await waitFor(() => read(log).includes('end'), 10_000, 10);
    holder.kill('SIGKILL');
    // The watcher has done its work (only the frozen supervisor is left, or nothing if it was killed).
    await waitFor(() => processesMatching(token).length <= 1, 10_000, 10);
    try {
      process.kill(supervisor, 'SIGCONT');
    } catch {
      // Killed by its watcher: the record is lost, which the expectation below reports.
    }

    await waitFor(() => !alive(supervisor), 10_000, 10);
    expect(read(exitFile)).toBe(`${status}\n`);
    expect(fs.existsSync(`${exitFile}.cut`)).toBe(false);
    expect(processesMatching(token)).toEqual([]);
  }, 30_000);

  it('when the watcher cannot leave its mark (the folder is gone), the engine’s death still ends everything', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-exit-'));
    const log = path.join(dir, 'log');
    const exitFile = path.join(dir, 'gone', '4.exit');
    const plain = mark();
    const { holder, supervisor, token } = await startSupervised(`echo start >> ${log}; sleep ${plain}; echo end >> ${log}`, exitFile);
    await waitFor(() => read(log).includes('start') && processesMatching(plain).length > 0, 10_000, 10);
    holder.kill('SIGKILL');
    await waitFor(() => processesMatching(plain).length === 0 && processesMatching(token).length === 0 && !alive(supervisor), 5_000, 10);
    expect(read(log)).toBe('start\n');
  }, 30_000);

  it('a command its engine’s death cut short leaves no record, and the group goes too, token or not', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-exit-'));
    const log = path.join(dir, 'log');
    const exitFile = path.join(dir, '2.exit');
    const plain = mark();
    const tokenless = mark();
    const { holder, supervisor } = await startSupervised(`env -u CNP_RUN_TOKEN sleep ${tokenless} & echo start >> ${log}; sleep ${plain}; echo end >> ${log}`, exitFile);
    await waitFor(() => read(log).includes('start') && processesMatching(tokenless).length > 0 && processesMatching(plain).length > 0, 10_000, 10);

    holder.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor(() => processesMatching(plain).length === 0 && processesMatching(tokenless).length === 0 && !alive(supervisor), 5_000, 10);
    expect(Date.now() - killedAt).toBeLessThan(3_000);
    expect(read(log)).toBe('start\n');
    expect(fs.existsSync(exitFile)).toBe(false);
    expect(fs.existsSync(`${exitFile}.cut`)).toBe(false);
  }, 30_000);

  it('with its supervisor already gone, the engine’s death still ends the group, token or not', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-exit-'));
    const log = path.join(dir, 'log');
    const plain = mark();
    const tokenless = mark();
    const { holder, supervisor } = await startSupervised(`env -u CNP_RUN_TOKEN sleep ${tokenless} & echo start >> ${log}; sleep ${plain}`, path.join(dir, '5.exit'));
    await waitFor(() => read(log).includes('start') && processesMatching(tokenless).length > 0 && processesMatching(plain).length > 0, 10_000, 10);
    process.kill(supervisor, 'SIGKILL');
    // Reaped by its parent, the engine, as a real engine does: a zombie still answers kill -0.
    await waitFor(() => !fs.existsSync(`/proc/${supervisor}`), 5_000, 10);
    holder.kill('SIGKILL');
    await waitFor(() => processesMatching(plain).length === 0 && processesMatching(tokenless).length === 0, 5_000, 10);
  }, 30_000);

  it('with its engine alive, the exit status is recorded and the command’s output still reaches the engine', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-exit-'));
    const exitFile = path.join(dir, '3.exit');
    const token = `t${process.pid}x${Math.floor(Math.random() * 1e9)}`;
    const cmd = supervisedCommand('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'], token, exitFile);
    const child = spawn(cmd.file, cmd.args, { detached: true, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    (child.stdio[3] as { destroy(): void }).destroy();
    expect(code).toBe(3);
    expect(out).toBe('out\n');
    expect(err).toBe('err\n');
    expect(read(exitFile)).toBe('3\n');
  }, 30_000);
});
