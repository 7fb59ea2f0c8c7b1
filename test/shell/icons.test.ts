import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/electron-standin';

/** The committed icon set (resources/) is exactly what scripts/make-icons.mjs makes from resources/icon.svg. */
const resources = path.join(repoRoot, 'resources');
let fresh: string;

beforeAll(async () => {
  fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-icons-'));
  await execa(process.execPath, [path.join(repoRoot, 'scripts', 'make-icons.mjs'), fresh]);
}, 60_000);
afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

const pngSize = (file: string) => {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
};

describe('the app icons', () => {
  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('has a %ipx PNG of that size', (size) => {
    expect(pngSize(path.join(resources, 'icons', `${size}x${size}.png`))).toEqual([size, size]);
  });

  it('has a Windows .ico with 16–256 px images and a macOS .icns', () => {
    const ico = fs.readFileSync(path.join(resources, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
    const icns = fs.readFileSync(path.join(resources, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    for (const type of ['ic04', 'ic05', 'ic07', 'ic08', 'ic09', 'ic10']) expect(icns.includes(type)).toBe(true);
  });

  it('is up to date with icon.svg', () => {
    for (const file of ['icon.png', 'icon.ico', 'icon.icns', ...fs.readdirSync(path.join(fresh, 'icons')).map((f) => path.join('icons', f))]) {
      expect(fs.readFileSync(path.join(resources, file)).equals(fs.readFileSync(path.join(fresh, file))), `${file} differs: run npm run icons`).toBe(true);
    }
  });
});
