import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STANDIN_LAUNCHER, ensureShellBuilt, repoRoot, type LogEntry } from '../helpers/electron-standin';

/**
 * `npm start` as a user runs it, with the Electron binary replaced by the stand-in launcher
 * (ELECTRON_EXEC_PATH, which electron-vite honours). `--skipBuild` reuses the built out/ so the test
 * does not rebuild files other tests are reading; everything else is the real script.
 */
beforeAll(() => ensureShellBuilt());

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-npm-start-'));
  dirs.push(d);
  return d;
}

/** A port nothing listens on: connecting to it is refused at once, like a machine without network. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function npmStart(env: Record<string, string | undefined>) {
  return execa('npm', ['start', '--', '--skipBuild'], {
    cwd: repoRoot,
    reject: false,
    timeout: 90_000,
    env: { ...env, npm_config_update_notifier: 'false' },
    extendEnv: true,
  });
}

describe('npm start (stand-in Electron)', () => {
  it('boots the main process through ELECTRON_EXEC_PATH and exits 0 when the app quits', async () => {
    const dir = tempDir();
    const logFile = path.join(dir, 'standin.log');
    const result = await npmStart({
      ELECTRON_EXEC_PATH: STANDIN_LAUNCHER,
      CNP_STANDIN_AUTOQUIT: '1',
      CNP_STANDIN_LOG: logFile,
      CNP_DB: path.join(dir, 'app.db'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const types = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as LogEntry).type);
    expect(types).toEqual(expect.arrayContaining(['app.ready', 'window.create', 'window.ready-to-show', 'app.will-quit', 'app.exit']));
    expect(fs.existsSync(path.join(dir, 'app.db'))).toBe(true);
  });

  it('without the binary and without network prints one sentence naming `npm run serve`, no stack, and exits 1', async () => {
    const dir = tempDir();
    const port = await deadPort();
    const result = await npmStart({
      ELECTRON_EXEC_PATH: undefined,
      // An empty dist folder stands for "not downloaded" even where a developer has the binary.
      ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron'),
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: path.join(dir, 'cache'),
    });
    expect(result.exitCode).toBe(1);
    const ours = result.stderr.split('\n').filter((line) => line.includes('npm run serve'));
    expect(ours).toEqual([
      "Electron's binary is missing and downloading it failed (the download server could not be reached); check the network or ELECTRON_MIRROR, or run `npm run serve` for the same UI in a browser.",
    ]);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain('Electron uninstall');
  });
});
