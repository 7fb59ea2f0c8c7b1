import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import type BetterSqlite3 from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../src-main/shell/app-identity';
import { ensureShellBuilt, repoRoot } from '../helpers/electron-standin';

/**
 * Stand-in test of the installer configuration: `electron-builder --dir` on this machine's built
 * out/, with a stand-in Electron distribution (electronDist: a folder with a fake `electron`), and
 * every download mirror pointed at a closed port so any attempt to fetch something fails the test.
 * It checks what electron-builder puts into app.asar, not that the real Electron runs it.
 */
let work: string;
let appDir: string;
let asarFile: string;
let entries: string[];

async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Top-level packages of the lockfile that are not dev-only: what the app needs at run time. */
function runtimePackages(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, meta]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !meta.dev && !meta.devOptional)
    .map(([key]) => key.slice('node_modules/'.length))
    .sort();
}

function topLevelModules(list: string[]): string[] {
  const names = new Set<string>();
  for (const entry of list) {
    const parts = entry.split(/[\\/]/).filter(Boolean);
    if (parts[0] !== 'node_modules' || parts.length < 2) continue;
    const name = parts[1]!.startsWith('@') ? (parts.length >= 3 ? `${parts[1]}/${parts[2]}` : null) : parts[1]!;
    if (name) names.add(name);
  }
  return [...names].sort();
}

beforeAll(async () => {
  ensureShellBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-package-'));
  const electronDist = path.join(work, 'electron-dist');
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(electronDist, 'locales'));
  fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(electronDist, 'LICENSE'), 'stand-in');
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  fs.writeFileSync(path.join(electronDist, 'version'), electronVersion);

  const port = await deadPort();
  const dead = `http://127.0.0.1:${port}/`;
  const result = await execa(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules', 'electron-builder', 'cli.js'),
      '--dir',
      '--linux',
      '--x64',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${path.join(work, 'dist')}`,
    ],
    {
      cwd: repoRoot,
      reject: false,
      timeout: 120_000,
      env: {
        ELECTRON_MIRROR: dead,
        ELECTRON_BUILDER_BINARIES_MIRROR: dead,
        NPM_CONFIG_REGISTRY: dead,
        HTTPS_PROXY: dead,
        HTTP_PROXY: dead,
        ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
    },
  );
  if (result.exitCode !== 0) throw new Error(`electron-builder failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  appDir = path.join(work, 'dist', 'linux-unpacked');
  asarFile = path.join(appDir, 'resources', 'app.asar');
  entries = listPackage(asarFile, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
}, 150_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir (stand-in Electron)', () => {
  it('names the executable and packs main, preload and the renderer without sources or maps', () => {
    expect(fs.existsSync(path.join(appDir, 'claude-night-pilot'))).toBe(true);
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries).toContain(file);
    expect(entries.some((e) => e.startsWith('/out/renderer/assets/') && e.endsWith('.js'))).toBe(true);
    expect(entries.filter((e) => e.endsWith('.map') && !e.startsWith('/node_modules/'))).toEqual([]);
    expect(entries.filter((e) => /^\/(src-|test|e2e|bench|scripts|resources)/.test(e))).toEqual([]);
    expect(entries.some((e) => e.startsWith('/out/cli'))).toBe(false);
  });

  it('carries only the runtime dependencies', () => {
    const packed = topLevelModules(entries);
    expect(packed).toEqual(runtimePackages());
    for (const devOnly of ['electron', 'react', 'react-dom', 'zustand', 'marked', '@tanstack/react-query', 'vite', 'electron-builder']) {
      expect(packed).not.toContain(devOnly);
    }
  });

  it('keeps better-sqlite3 outside the asar, and its binding loads from there', () => {
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    expect(fs.existsSync(path.join(unpacked, 'prebuilds', 'linux-x64.node'))).toBe(true);
    const Database = createRequire(path.join(unpacked, 'package.json'))(unpacked) as typeof BetterSqlite3;
    const db = new Database(':memory:');
    try {
      expect(db.prepare('SELECT 41 + 1 AS answer').get()).toEqual({ answer: 42 });
    } finally {
      db.close();
    }
  });

  it('uses the app id and product name the shell uses', () => {
    const config = fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
    expect(/^appId:\s*(\S+)/m.exec(config)?.[1]).toBe(APP_ID);
    expect(/^productName:\s*(.+)$/m.exec(config)?.[1]?.trim()).toBe(PRODUCT_NAME);
    const pkg = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8')) as { main?: string; author?: { name?: string; email?: string } };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/@/);
  });
});
