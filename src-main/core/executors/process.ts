import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { FileTail } from './file-tail';
import { BoundedLineSplitter, DEFAULT_LINE_LIMITS, type LineLimits, type OutputLine } from './output/bounded-lines';
import { killTree } from './supervision/kill-tree';
import { processStartTime } from './supervision/proc-table';
import { SUPERVISED, supervisedCommand } from './supervision/supervisor';

export const KILL_GRACE_MS = 5000;

export interface SupervisedProcess {
  file: string;
  args: string[];
  cwd?: string | undefined;
  env: Record<string, string | undefined>;
  /** Written to a pipe, then closed; null gives /dev/null (the Claude CLI hangs on an open pipe; bash, see superviseProcess). */
  stdin: string | null;
  timeoutMs: number;
  signal: AbortSignal;
  /** Every process of the run carries it as CNP_RUN_TOKEN: how escaped descendants are found. */
  token: string;
  /** Where the supervisor records the exit status (see supervision/supervisor.ts); null for none. */
  exitStatusFile?: string | null;
  onSpawn(pid: number | undefined, startTime: string | null): void;
  onStdoutLine(line: OutputLine): void;
  onStderrLine(line: OutputLine): void;
  /** How long a line may get before only its preview is kept (memory stays bounded by this). */
  lineLimits?: LineLimits;
  /** A promise while the output already read is not stored yet: stdout is read no further until it resolves. */
  pace?(): Promise<void> | null;
  /**
   * Send stdout to this file instead of a pipe and follow it live (FileTail): some children (Claude
   * CLI 2.0/1.0) exit without flushing a pipe and lose the end of their output.
   */
  stdoutFile?: string;
}

export interface ProcessOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The abort reason when the run was cancelled or the engine shut down. */
  aborted: string | null;
  spawnError: string | null;
}

/** A clear reason when the program cannot be started at all, before a supervisor hides it as exit 127. */
function cannotStart(file: string, cwd: string | undefined): string | null {
  if (!path.isAbsolute(file)) return null;
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch (err) {
    return `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not executable'}`;
  }
  return cwd !== undefined && !fs.existsSync(cwd) ? `the working directory ${cwd} does not exist` : null;
}

/** The env as spawn wants it (no undefined values); the supervisor adds the token itself. */
function childEnv(env: Record<string, string | undefined>, token: string | null): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== 'CNP_RUN_TOKEN') out[k] = v;
  if (token) out.CNP_RUN_TOKEN = token;
  return out;
}

/**
 * Runs a child with an argument array (never a shell string built from user text) under the run
 * supervisor, in its own process group and session, streams its output line by line with bounded
 * memory, and on timeout or cancel sends SIGTERM to the whole tree (the group, every descendant, and
 * everything carrying the run's token), then SIGKILL after a grace period.
 */
export async function superviseProcess(p: SupervisedProcess): Promise<ProcessOutcome> {
  const notStarting = cannotStart(p.file, p.cwd);
  if (notStarting) {
    p.onSpawn(undefined, null);
    return { exitCode: null, signal: null, timedOut: false, aborted: null, spawnError: notStarting };
  }
  let timedOut = false;
  let aborted: string | null = null;
  const stdoutFd = p.stdoutFile !== undefined ? fs.openSync(p.stdoutFile, 'w') : null;
  const stdoutTo = stdoutFd ?? 'pipe';
  // Nothing to read: /dev/null, not a pipe. Node's pipe is a socket, and `bash -c` with a socket on
  // stdin takes itself for a remote shell and sources ~/.bashrc when SHLVL is unset or 0 (bash's
  // isnetconn check), as for an app started by a desktop launcher or a service manager: every shell
  // job ran the user's whole .bashrc first (pyenv's init took 120-140 ms here) and printed its output.
  const stdinFrom = p.stdin === null ? 'ignore' : 'pipe';
  const cmd = SUPERVISED ? supervisedCommand(p.file, p.args, p.token, p.exitStatusFile ?? null) : { file: p.file, args: p.args };
  const child = spawn(cmd.file, cmd.args, {
    cwd: p.cwd,
    env: childEnv(p.env, SUPERVISED ? null : p.token),
    detached: SUPERVISED,
    // fd 3 is the supervisor's lifeline: only this process holds its other end.
    stdio: SUPERVISED ? [stdinFrom, stdoutTo, 'pipe', 'pipe'] : [stdinFrom, stdoutTo, 'pipe'],
    windowsHide: true,
  });
  let spawnError: string | null = null;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (err) => {
      spawnError = err.message;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  // The child has its own copy of the descriptor (through the supervisor); ours closes now.
  if (stdoutFd !== null) fs.closeSync(stdoutFd);
  p.onSpawn(child.pid, child.pid !== undefined ? processStartTime(child.pid) : null);

  const out = new BoundedLineSplitter(p.lineLimits ?? DEFAULT_LINE_LIMITS);
  const err = new BoundedLineSplitter(p.lineLimits ?? DEFAULT_LINE_LIMITS);
  const tail = p.stdoutFile !== undefined ? new FileTail(p.stdoutFile, (chunk) => out.push(chunk).forEach(p.onStdoutLine), p.pace) : null;
  tail?.start();
  const stdout = child.stdout;
  stdout?.on('data', (chunk: Buffer) => {
    out.push(chunk).forEach(p.onStdoutLine);
    const wait = p.pace?.();
    if (!wait) return;
    // A full pipe makes the child wait in its turn.
    stdout.pause();
    void wait.then(() => stdout.resume());
  });
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk).forEach(p.onStderrLine));
  child.stdin?.on('error', () => {
    // A child that exits without reading stdin closes the pipe under us; that is not our error.
  });
  if (stdinFrom === 'pipe') child.stdin?.end(p.stdin ?? undefined);
  // Never written and never ended: its end closing (with this process) is what the supervisor waits for.
  const lifeline = child.stdio[3] as (NodeJS.WritableStream & { on(e: 'error', l: () => void): void }) | null | undefined;
  lifeline?.on('error', () => {});

  let killTimer: NodeJS.Timeout | null = null;
  const stop = () => {
    if (child.pid === undefined) return;
    killTree(child.pid, p.token, 'SIGTERM');
    const pid = child.pid;
    killTimer ??= setTimeout(() => killTree(pid, p.token, 'SIGKILL'), KILL_GRACE_MS);
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

  const result = await closed;
  await tail?.finish();
  clearTimeout(timeout);
  p.signal.removeEventListener('abort', onAbort);
  // The leader is gone, but what it started may linger (a backgrounded or setsid grandchild): finish it.
  if (child.pid !== undefined && (timedOut || aborted)) killTree(child.pid, p.token, 'SIGKILL');
  if (killTimer) clearTimeout(killTimer);
  (lifeline as { destroy?: () => void } | null | undefined)?.destroy?.();

  const restOut = out.flush();
  if (restOut !== null && restOut.bytes > 0) p.onStdoutLine(restOut);
  const restErr = err.flush();
  if (restErr !== null && restErr.bytes > 0) p.onStderrLine(restErr);

  return {
    exitCode: result.code,
    signal: result.signal,
    timedOut,
    aborted,
    spawnError: spawnError && !timedOut && !aborted ? spawnError : null,
  };
}
