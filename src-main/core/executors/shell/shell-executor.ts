import fs from 'node:fs';
import type { ExecutionRequest, ExecutionResult, Executor } from '../types';
import { superviseProcess } from '../process';
import { checkWorkingDirectory, describeEnd } from '../outcome';

/** Runs a shell job's command with the user's shell, in the job's cwd and env. */
export class ShellExecutor implements Executor {
  async execute(req: ExecutionRequest): Promise<ExecutionResult> {
    const command = req.job.payload.command;
    if (!command) return { status: 'failed', exitCode: null, error: 'The job has no command', errorKind: 'permanent' };
    const cwdError = checkWorkingDirectory(req.job.options.cwd);
    if (cwdError) return { status: 'failed', exitCode: null, error: cwdError, errorKind: 'permanent' };
    const shell = process.platform === 'win32' ? (process.env.ComSpec ?? 'cmd.exe') : pickShell(req.baseEnv.SHELL);
    const args = process.platform === 'win32' ? ['/d', '/s', '/c', command] : ['-c', command];
    const outcome = await superviseProcess({
      file: shell,
      args,
      cwd: req.job.options.cwd,
      env: { ...req.baseEnv, ...(req.job.options.env ?? {}) },
      stdin: null,
      timeoutMs: req.timeoutMs,
      signal: req.signal,
      onSpawn: req.onSpawn,
      token: req.processToken,
      exitStatusFile: req.exitStatusFile,
      pace: () => req.events.paced(),
      onStdoutLine: (line) => req.events.addLine('stdout', line),
      onStderrLine: (line) => req.events.addLine('stderr', line),
    });
    const end = describeEnd(outcome, req.timeoutMs);
    if (end) return end;
    const ok = outcome.exitCode === 0;
    return {
      status: ok ? 'succeeded' : 'failed',
      exitCode: outcome.exitCode,
      error: ok ? null : `The command exited with code ${outcome.exitCode}`,
      errorKind: ok ? null : 'transient',
    };
  }
}

function pickShell(preferred: string | undefined): string {
  if (preferred && fs.existsSync(preferred)) return preferred;
  return '/bin/sh';
}
