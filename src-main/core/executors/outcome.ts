import fs from 'node:fs';
import type { ExecutionResult } from './types';
import type { ProcessOutcome } from './process';

/** A clear reason for a cwd that cannot work, before spawning produces a cryptic ENOENT. */
export function checkWorkingDirectory(cwd: string | undefined): string | null {
  if (!cwd) return null;
  try {
    if (!fs.statSync(cwd).isDirectory()) return `The working directory ${cwd} is not a folder`;
  } catch {
    return `The working directory ${cwd} does not exist`;
  }
  return null;
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** The endings every executor reports the same way: could not start, timed out, cancelled. */
export function describeEnd(o: ProcessOutcome, timeoutMs: number): ExecutionResult | null {
  if (o.spawnError) return { status: 'failed', exitCode: null, error: `Could not start: ${o.spawnError}`, errorKind: 'permanent' };
  if (o.timedOut) return { status: 'timed_out', exitCode: o.exitCode, error: `Timed out after ${seconds(timeoutMs)}; the process group was killed`, errorKind: 'transient' };
  if (o.aborted === 'shutdown') return { status: 'interrupted', exitCode: o.exitCode, error: 'Interrupted: the engine stopped while the run was going', errorKind: 'transient' };
  if (o.aborted) return { status: 'cancelled', exitCode: o.exitCode, error: 'Cancelled by the user', errorKind: null };
  return null;
}
