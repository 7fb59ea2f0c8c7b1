import { spawn } from 'node:child_process';
import type { LoginPathHealth } from '../../../src-shared/contract';
import type { StateRepo } from '../db/settings-repo';

const MARK = '__CNP_PATH__';
export const LOGIN_PATH_TIMEOUT_MS = 5000;
/** Where the last probe's result is kept (the settings table's state rows): runs and `doctor` read it. */
export const LOGIN_PATH_STATE_KEY = 'login_path';

export interface LoginPathResult {
  status: 'ok' | 'timeout' | 'failed' | 'disabled';
  /** The PATH the login shell printed; null unless status is ok. */
  path: string | null;
  shell: string;
  /** How long the shell took (up to the timeout). */
  tookMs: number;
  /** When the probe finished (epoch ms): the cache's age. */
  at: number;
  error: string | null;
}

/**
 * A guard around the probe, independent of the engine: the probe's own group is killed at its
 * deadline even when the engine that started it is gone by then (crashed or exited).
 * $1 is the deadline in seconds, then the shell and its arguments.
 */
const DEADLINE_SCRIPT = [
  'secs=$1',
  'shift',
  '"$@" &',
  'probe=$!',
  '(sleep "$secs"; kill -KILL 0) </dev/null >/dev/null 2>&1 &',
  'guard=$!',
  'wait "$probe"',
  'code=$?',
  'kill "$guard" 2>/dev/null',
  'exit "$code"',
].join('\n');

/**
 * Asks the user's login shell for its PATH. Apps started from a desktop or at login get a minimal
 * PATH, so a job that works in the terminal would fail when scheduled. The shell runs detached (its
 * own session and process group, so an engine crash cannot interrupt the user's start-up files half
 * way) with a hard deadline that kills its whole group; nothing ever waits on it but this promise.
 */
export function probeLoginPath(env: NodeJS.ProcessEnv = process.env, timeoutMs = LOGIN_PATH_TIMEOUT_MS, opts: { background?: boolean } = {}): Promise<LoginPathResult> {
  const shell = env.SHELL || '/bin/sh';
  const started = Date.now();
  const done = (status: LoginPathResult['status'], path: string | null, error: string | null): LoginPathResult => ({ status, path, shell, tookMs: Date.now() - started, at: Date.now(), error });
  if (process.platform === 'win32' || env.CNP_LOGIN_PATH === '0') return Promise.resolve(done('disabled', null, null));
  return new Promise((resolve) => {
    const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)) + 1);
    const child = spawn('/bin/sh', ['-c', DEADLINE_SCRIPT, 'cnp-login-path', seconds, shell, '-ilc', `printf '${MARK}%s${MARK}' "$PATH"`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...env, TERM: 'dumb' },
    });
    // A background probe (the engine's) never keeps a process alive that is otherwise done.
    if (opts.background) child.unref();
    let out = '';
    let settled = false;
    const finish = (r: LoginPathResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish(done('timeout', null, `The login shell ${shell} did not answer within ${timeoutMs / 1000} s (slow start-up files?); its process group was killed`));
    }, timeoutMs);
    if (opts.background) timer.unref();
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.length > 1_000_000) out = out.slice(-100_000);
      const found = new RegExp(`${MARK}(.*?)${MARK}`).exec(out)?.[1];
      if (found !== undefined) finish(done('ok', found, null));
    });
    if (opts.background) (child.stdout as { unref?: () => void }).unref?.();
    child.once('error', (err) => finish(done('failed', null, `Could not start ${shell}: ${err.message}`)));
    child.once('close', (code) => finish(done('failed', null, `The login shell ${shell} exited with code ${code} without printing its PATH`)));
  });
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}

/** The engine's entries first (e.g. a test's fake binaries), then what only the login shell adds. */
export function mergePaths(processPath: string | undefined, loginPath: string | null): string {
  const base = processPath ?? '/usr/local/bin:/usr/bin:/bin';
  if (!loginPath) return base;
  return [...new Set([...base.split(':'), ...loginPath.split(':')].filter(Boolean))].join(':');
}

/**
 * The PATH runs get. Until the login shell's PATH is known, runs use the process PATH: a slow
 * `.bashrc` must never delay a run. The last result is cached in the database with its time, so a
 * restarted engine (or an inline `cnp job run`) starts with it while a fresh probe runs off the run path.
 */
export class LoginPath {
  private known: LoginPathResult | null = null;
  private inFlight: Promise<LoginPathResult> | null = null;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly state: StateRepo | null,
    private readonly timeoutMs = LOGIN_PATH_TIMEOUT_MS,
  ) {
    const cached = state?.get<LoginPathResult>(LOGIN_PATH_STATE_KEY) ?? null;
    if (cached?.status === 'ok' && cached.shell === (env.SHELL || '/bin/sh')) this.known = cached;
  }

  /** The PATH for a run starting now: never waits. */
  current(): string {
    if (this.env.CNP_LOGIN_PATH === '0') return this.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
    return mergePaths(this.env.PATH, this.known?.path ?? null);
  }

  /** The last result (cached or fresh), if any. */
  last(): LoginPathResult | null {
    return this.known;
  }

  /** Starts a probe unless one is running; its result is used by later runs and cached. */
  refresh(): Promise<LoginPathResult> {
    this.inFlight ??= probeLoginPath(this.env, this.timeoutMs, { background: true }).then((r) => {
      this.inFlight = null;
      if (r.status === 'ok') this.known = r;
      try {
        this.state?.set(LOGIN_PATH_STATE_KEY, r.status === 'ok' || !this.known ? r : { ...this.known, lastFailure: r });
      } catch {
        // The database went away (engine stopping): the result is still used in memory.
      }
      return r;
    });
    return this.inFlight;
  }
}

/** A probe result as `system.health` reports it. */
export function loginPathHealth(r: LoginPathResult | null): LoginPathHealth {
  if (!r) return { status: 'unknown', path: null, shell: null, tookMs: null, checkedAt: null, error: null };
  return { status: r.status, path: r.path, shell: r.shell, tookMs: r.tookMs, checkedAt: new Date(r.at).toISOString(), error: r.error };
}
