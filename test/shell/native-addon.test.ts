import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/electron-standin';

/**
 * One SQLite binary serves `cnp` under Node and the app under Electron only because it is a
 * Node-API addon: those export napi_register_module_v1 and no node_register_module_v<ABI> (the entry
 * point of an addon built for one Node ABI, which Electron refuses with "compiled against a different
 * Node.js version"). Exported names are plain strings in ELF, Mach-O and PE files alike.
 */
const prebuilds = path.join(repoRoot, 'node_modules', 'better-sqlite3', 'prebuilds');
const binaries = fs.existsSync(prebuilds) ? fs.readdirSync(prebuilds).filter((f) => f.endsWith('.node')) : [];

describe('better-sqlite3’s native addon', () => {
  it('ships prebuilt binaries for Linux, macOS and Windows', () => {
    expect(binaries).toEqual(expect.arrayContaining(['linux-x64.node', 'darwin-arm64.node', 'darwin-x64.node', 'win32-x64.node']));
  });

  it.each(binaries)('%s is Node-API only', (file) => {
    const bytes = fs.readFileSync(path.join(prebuilds, file));
    expect(bytes.includes('napi_register_module_v1')).toBe(true);
    expect(bytes.includes('node_register_module_v')).toBe(false);
  });

  it('was not compiled at install (no build/Release binary shadows the prebuilt one)', () => {
    expect(fs.existsSync(path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
  });
});
