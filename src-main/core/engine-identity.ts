import os from 'node:os';
import { randomBytes } from 'node:crypto';

/** `host/pid/random`: who holds the lease or claimed a run, and whether that process still lives. */
export function newHolderId(kind: 'engine' | 'cli'): string {
  return `${kind}:${os.hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

/** False only when we are sure: same host and the pid is gone. */
export function holderAlive(holder: string | null): boolean {
  if (!holder) return false;
  const m = /^(?:\w+:)?(.+)\/(\d+)\/[0-9a-f]+$/.exec(holder);
  if (!m) return false;
  if (m[1] !== os.hostname()) return true;
  try {
    process.kill(Number(m[2]), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
