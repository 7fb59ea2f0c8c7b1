#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm run dev`: makes sure Electron's binary is there.
 *
 * `npm ci` never downloads it (npm 11.16+ honours allowScripts' "electron": false, and CI sets
 * ELECTRON_SKIP_BINARY_DOWNLOAD), so the first start fetches it with Electron's own installer, which
 * honours ELECTRON_MIRROR, electron_config_cache and the checksums shipped in the package. When that
 * fails (offline, a blocked mirror, a bad checksum) the user gets one sentence, not a stack trace.
 *
 * ELECTRON_EXEC_PATH (electron-vite's own override: it launches that file instead of the package's
 * binary) is respected: then there is nothing to download, only a file to check.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const FALLBACK = 'run `npm run serve` for the same UI in a browser';

/** Where the electron package keeps its binary, the way its install.js computes it. */
function platformPath(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The installer's own check, mirrored: right version, right platform, and the binary is there. */
function installedBinary(electronDir, version) {
  const relative = platformPath(process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform);
  try {
    if (fs.readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '').trim() !== version) return null;
    if (fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8') !== relative) return null;
  } catch {
    return null;
  }
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(electronDir, 'dist', relative);
  return isExecutableFile(binary) ? binary : null;
}

/** The installer prints an error's stack; its first line, in words a user can act on, is enough. */
function reasonFrom(output) {
  const first = output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at '));
  if (!first) return 'the installer stopped without saying why';
  const message = first.replace(/^(\w*Error:\s*)+/, '');
  if (/fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|socket hang up/i.test(message)) {
    return 'the download server could not be reached';
  }
  return message.length > 160 ? `${message.slice(0, 159)}…` : message;
}

function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

function main() {
  const override = process.env.ELECTRON_EXEC_PATH;
  if (override) {
    if (isExecutableFile(override)) return;
    fail(`ELECTRON_EXEC_PATH points at ${override}, which is not an executable file; fix or unset it, or ${FALLBACK}.`);
  }

  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    fail(`The electron package is not installed (run \`npm ci\` first), or ${FALLBACK}.`);
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
  if (installedBinary(electronDir, version)) return;

  process.stderr.write(`Electron ${version}'s binary is not installed yet: downloading it once with Electron's installer…\n`);
  // ELECTRON_SKIP_BINARY_DOWNLOAD (set for `npm ci`) would make the installer a no-op: this run is the download.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) fail(`Electron's binary is missing and its installer could not start (${result.error.message}); ${FALLBACK}.`);
  if (result.status !== 0 || !installedBinary(electronDir, version)) {
    const reason = result.status !== 0 ? reasonFrom(`${result.stderr}\n${result.stdout}`) : 'the installer finished but no binary is there';
    fail(`Electron's binary is missing and downloading it failed (${reason}); check the network or ELECTRON_MIRROR, or ${FALLBACK}.`);
  }
  process.stderr.write(`Electron ${version} is installed.\n`);
}

main();
