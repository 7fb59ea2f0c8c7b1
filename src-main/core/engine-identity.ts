import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';

/**
 * When process `pid` started, as Linux counts it (field 22 of /proc/<pid>/stat: clock ticks since
 * boot). A pid alone can be reused by a new process; pid plus start time names one process.
 * Null where /proc is not available or the process is gone.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': fields restart after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 overall = the 20th after the name
  } catch {
    return null;
  }
}

/**
 * A killed process stays a zombie until its parent reaps it: its pid and start time still answer,
 * yet it runs nothing, so it must not count as a live holder.
 */
function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

const ownStart = processStartTime(process.pid);

/**
 * `kind:host/pid@start/random` (`@start` only where the OS tells it): who holds the lease or claimed
 * a run, and enough to tell whether that process still lives.
 */
export function newHolderId(kind: 'engine' | 'cli'): string {
  return `${kind}:${os.hostname()}/${process.pid}${ownStart ? `@${ownStart}` : ''}/${randomBytes(4).toString('hex')}`;
}

export interface HolderIdentity {
  host: string;
  pid: number;
  start: string | null;
}

export function parseHolder(holder: string): HolderIdentity | null {
  const m = /^(?:\w+:)?(.+)\/(\d+)(?:@(\d+))?\/[0-9a-f]+$/.exec(holder);
  return m ? { host: m[1]!, pid: Number(m[2]), start: m[3] ?? null } : null;
}

/** False only when we are sure: same host, and the pid is gone or now belongs to a later process. */
export function holderAlive(holder: string | null): boolean {
  if (!holder) return false;
  const id = parseHolder(holder);
  if (!id) return false;
  if (id.host !== os.hostname()) return true;
  if (isZombie(id.pid)) return false;
  if (id.start !== null) {
    const now = processStartTime(id.pid);
    if (now !== null) return now === id.start;
  }
  try {
    process.kill(id.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid exists. With a start time recorded but unreadable now (/proc vanished?), trust the pid.
  return true;
}
