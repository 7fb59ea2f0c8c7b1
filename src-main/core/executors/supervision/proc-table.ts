import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/** One process as the OS lists it. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
}

const isLinux = () => process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** The fields after `comm` in /proc/<pid>/stat (comm may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * When a process started, as an opaque string that differs between two processes that had the same
 * pid: on Linux field 22 of /proc/<pid>/stat (clock ticks since boot); elsewhere `ps -o lstart`
 * (best effort). Null when the process is gone or the OS will not say.
 */
export function processStartTime(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (isLinux()) return statFields(pid)?.[19] ?? null;
  if (process.platform === 'win32') return null;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** Whether `pid` is the very process recorded with `startTime` (not a later one given the same pid). */
export function sameProcess(pid: number, startTime: string | null): boolean {
  const now = processStartTime(pid);
  if (now === null) return false;
  return startTime === null ? true : now === startTime;
}

/**
 * Whether `pid` is the process recorded with `startTime` and still runs: a zombie (ended, not yet
 * reaped by a parent that may be gone) answers to its pid and start time but does nothing more.
 * Zombies are told apart on Linux; elsewhere an orphan is reaped at once by init anyway.
 */
export function runningProcess(pid: number, startTime: string | null): boolean {
  if (!sameProcess(pid, startTime)) return false;
  if (!isLinux()) return true;
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Every process we can see, with its parent and group. */
export function listProcesses(): ProcInfo[] {
  if (isLinux()) {
    const out: ProcInfo[] = [];
    for (const name of fs.readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const f = statFields(pid);
      if (f) out.push({ pid, ppid: Number(f[1]), pgid: Number(f[2]) });
    }
    return out;
  }
  if (process.platform === 'win32') return [];
  try {
    const text = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return text
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number))
      .filter((f) => f.length === 3 && f.every(Number.isInteger))
      .map(([pid, ppid, pgid]) => ({ pid: pid!, ppid: ppid!, pgid: pgid! }));
  } catch {
    return [];
  }
}

/**
 * Processes carrying `CNP_RUN_TOKEN=<token>` in their environment (Linux). Every process a run starts
 * inherits it, so this finds descendants that left the process group and were re-parented (a
 * `setsid` daemon, the Claude CLI's Bash tool), which a walk of the tree can no longer reach.
 */
export function processesWithToken(token: string): number[] {
  if (!isLinux() || !token) return [];
  const needle = Buffer.from(`CNP_RUN_TOKEN=${token}\0`);
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`).includes(needle)) found.push(pid);
    } catch {
      // Gone, or someone else's process.
    }
  }
  return found;
}
