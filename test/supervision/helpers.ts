import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { supervisedCommand } from '../../src-main/core/executors/supervision/supervisor';

/** Pids of live processes whose command line contains `marker` (zombies excluded). */
export function processesMatching(marker: string): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cmd.includes(marker) && state !== 'Z') found.push(pid);
    } catch {
      // gone
    }
  }
  return found;
}

/** Kills leftovers a failed test may have left, so one failure does not poison the machine. */
export function killMatching(marker: string): void {
  for (const pid of processesMatching(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/**
 * The supervisor script on its own, under a stand-in engine: a Node process that starts it exactly
 * as the engine does (own session, stdio pipes, the fd 3 lifeline) and can be killed at will. The
 * engine's death is what these tests are about, so the real engine would only add noise.
 */
const HOLDER = `
const { spawn } = require('node:child_process');
const cmd = JSON.parse(process.env.CNP_TEST_CMD);
const child = spawn(cmd.file, cmd.args, { detached: true, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
child.stdio[3].on('error', () => {});
child.stdout.resume();
child.stderr.resume();
process.stdout.write(child.pid + '\\n');
setInterval(() => {}, 60000);
`;

/**
 * Starts `sh -c script` under the supervisor (run token `token`, exit record `exitFile`) in a
 * stand-in engine; resolves with that engine and the supervisor's pid. The caller kills the holder.
 */
export async function startUnderStandIn(script: string, token: string, exitFile: string | null): Promise<{ holder: ChildProcess; supervisor: number }> {
  const cmd = supervisedCommand('/bin/sh', ['-c', script], token, exitFile);
  const holder = spawn(process.execPath, ['-e', HOLDER], { env: { ...process.env, CNP_TEST_CMD: JSON.stringify(cmd) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const supervisor = await new Promise<number>((resolve, reject) => {
    holder.stdout!.once('data', (b: Buffer) => resolve(Number(b.toString().trim())));
    holder.once('exit', () => reject(new Error('the stand-in engine exited early')));
  });
  return { holder, supervisor };
}
