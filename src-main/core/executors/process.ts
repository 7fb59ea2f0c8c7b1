import { execa } from 'execa';
import { BoundedLineSplitter, DEFAULT_LINE_LIMITS, type LineLimits, type OutputLine } from './output/bounded-lines';

export const KILL_GRACE_MS = 5000;

export interface SupervisedProcess {
  file: string;
  args: string[];
  cwd?: string | undefined;
  env: Record<string, string | undefined>;
  /** Written then closed; null closes stdin at once (the Claude CLI hangs on an open pipe). */
  stdin: string | null;
  timeoutMs: number;
  signal: AbortSignal;
  onSpawn(pid: number | undefined): void;
  onStdoutLine(line: OutputLine): void;
  onStderrLine(line: OutputLine): void;
  /** How long a line may get before only its preview is kept (memory stays bounded by this). */
  lineLimits?: LineLimits;
}

export interface ProcessOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The abort reason when the run was cancelled or the engine shut down. */
  aborted: string | null;
  spawnError: string | null;
}

/** Signals the whole process group, so a shell's grandchildren die with it. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Runs a child in its own process group with an argument array (never a shell string built from
 * user text), streams its output line by line, and on timeout or cancel sends SIGTERM to the group,
 * then SIGKILL after a grace period.
 */
export async function superviseProcess(p: SupervisedProcess): Promise<ProcessOutcome> {
  let timedOut = false;
  let aborted: string | null = null;
  const child = execa(p.file, p.args, {
    cwd: p.cwd,
    env: p.env,
    extendEnv: false,
    detached: process.platform !== 'win32',
    cleanup: true,
    buffer: false,
    reject: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    stripFinalNewline: false,
  });
  p.onSpawn(child.pid);

  const out = new BoundedLineSplitter(p.lineLimits ?? DEFAULT_LINE_LIMITS);
  const err = new BoundedLineSplitter(p.lineLimits ?? DEFAULT_LINE_LIMITS);
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk).forEach(p.onStdoutLine));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk).forEach(p.onStderrLine));
  child.stdin?.on('error', () => {
    // A child that exits without reading stdin closes the pipe under us; that is not our error.
  });
  child.stdin?.end(p.stdin ?? undefined);

  let killTimer: NodeJS.Timeout | null = null;
  const stop = () => {
    if (child.pid === undefined) return;
    killGroup(child.pid, 'SIGTERM');
    killTimer ??= setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timeout = setTimeout(() => {
    timedOut = true;
    stop();
  }, p.timeoutMs);
  const onAbort = () => {
    aborted = String(p.signal.reason ?? 'cancel');
    stop();
  };
  if (p.signal.aborted) onAbort();
  else p.signal.addEventListener('abort', onAbort, { once: true });

  const result = await child;
  clearTimeout(timeout);
  p.signal.removeEventListener('abort', onAbort);
  // The leader is gone, but group members may linger (a backgrounded grandchild): finish them.
  if (child.pid !== undefined && (timedOut || aborted)) killGroup(child.pid, 'SIGKILL');
  if (killTimer) clearTimeout(killTimer);

  const restOut = out.flush();
  if (restOut !== null && restOut.bytes > 0) p.onStdoutLine(restOut);
  const restErr = err.flush();
  if (restErr !== null && restErr.bytes > 0) p.onStderrLine(restErr);

  const failedToSpawn = result.failed && result.exitCode === undefined && !result.signal && !timedOut && !aborted;
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut,
    aborted,
    spawnError: failedToSpawn ? (result.originalMessage ?? result.shortMessage ?? 'the process could not start') : null,
  };
}
