import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll } from 'vitest';

/** Where `vite build --config vite.cli.config.ts` puts the CLI; the tests run that, not the sources. */
export const CLI_PATH = path.resolve(__dirname, '../../out/cli/cnp.js');

/** Call at the top of a CLI test file: a missing build should say so, not fail 40 tests obscurely. */
export function ensureCliBuilt(): void {
  if (!fs.existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} is missing: build the CLI first with \`npx vite build --config vite.cli.config.ts\` (or \`npm run build\`)`);
  }
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document, when it is one. */
  json: unknown;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** Text piped to stdin; without it stdin is closed. */
  input?: string;
  cwd?: string;
  timeoutMs?: number;
  /** Run this program with `args` instead of `node cnp.js args` (e.g. setpriv to drop root). */
  command?: string;
}

/**
 * Runs `node out/cli/cnp.js …` as a real child process. The child never sees the developer's own
 * database: CNP_DB is cleared and the app-data folder points into a temp dir, unless `env` says
 * otherwise.
 */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const [program, argv] = opts.command ? [opts.command, args] : [process.execPath, [CLI_PATH, ...args]];
  const result = await execa(program, argv, {
    reject: false,
    cwd: opts.cwd ?? os.tmpdir(),
    env: { CNP_DB: undefined, XDG_CONFIG_HOME: isolatedConfigHome(), CNP_LOGIN_PATH: '0', ...opts.env },
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
    timeout: opts.timeoutMs ?? 20_000,
    stripFinalNewline: false,
  });
  const stdout = String(result.stdout ?? '');
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { exitCode: result.exitCode ?? -1, stdout, stderr: String(result.stderr ?? ''), json };
}

let configHome: string | undefined;
/** One empty app-data folder per test file, made on first use. */
function isolatedConfigHome(): string {
  configHome ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-cli-home-'));
  return configHome;
}
// Registered on import, so it runs after the importing file's own afterAll hooks (they run in
// reverse order): a full test run left about sixty of these folders behind in the temp dir.
afterAll(() => {
  if (configHome !== undefined) fs.rmSync(configHome, { recursive: true, force: true, maxRetries: 3 });
  configHome = undefined;
});

export interface TempDir {
  dir: string;
  /** A database path inside the dir; the file does not exist yet. */
  db: string;
  cleanup(): void;
}

export function tempDir(): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-cli-'));
  return { dir, db: path.join(dir, 'cnp.db'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The file's bytes, or null when it does not exist: compare before and after a failed command. */
export function snapshot(file: string): Buffer | null {
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
