import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The built main process and the stand-in Electron that runs it under Node (test/fixtures/electron-standin). */
export const repoRoot = path.resolve(__dirname, '../..');
export const MAIN_ENTRY = path.join(repoRoot, 'out', 'main', 'index.js');
export const STANDIN_LAUNCHER = path.join(repoRoot, 'test', 'fixtures', 'electron-standin', 'launcher.mjs');
export const OWN_PAGE_URL = `file://${path.join(repoRoot, 'out', 'renderer', 'index.html')}`;

export function ensureShellBuilt(): void {
  if (!fs.existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is missing: run \`npm run build\` first`);
}

export interface LogEntry {
  type: string;
  ready: boolean;
  [key: string]: unknown;
}

export interface StandinApp {
  dir: string;
  dbPath: string;
  child: ChildProcess;
  send<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** The call log, read from the file the stand-in appends to synchronously (complete even after exit). */
  log(): LogEntry[];
  waitFor(predicate: (log: LogEntry[]) => boolean, what: string, timeoutMs?: number): Promise<LogEntry[]>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  output(): string;
  cleanup(): void;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  args?: string[];
  /** Prepare the temp dir (e.g. write a broken database) before the app starts. */
  prepare?: (dir: string) => void;
}

/** Forks the stand-in Electron on the built app, with its database and config in a temp dir. */
export function startStandinApp(opts: StartOptions = {}): StandinApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-standin-'));
  const dbPath = path.join(dir, 'app.db');
  const logFile = path.join(dir, 'standin.log');
  opts.prepare?.(dir);
  const child = fork(STANDIN_LAUNCHER, [repoRoot, ...(opts.args ?? [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      CNP_DB: dbPath,
      HOME: dir,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      APPDATA: path.join(dir, 'appdata'),
      CNP_STANDIN_LOG: logFile,
      // A session bus of the developer's desktop must not decide what closing the window does here.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      ...opts.env,
    },
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  });
  void exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`the app exited before answering\n${output}`));
    pending.clear();
  });

  const log = (): LogEntry[] =>
    fs.existsSync(logFile)
      ? fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as LogEntry)
      : [];

  return {
    dir,
    dbPath,
    child,
    log,
    output: () => output,
    exited,
    send<T>(cmd: string, args: Record<string, unknown> = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd, args });
      });
    },
    async waitFor(predicate, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const entries = log();
        if (predicate(entries)) return entries;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited while waiting for ${what}\n${output}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    cleanup() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
