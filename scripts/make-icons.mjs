#!/usr/bin/env node
/**
 * Makes the app's icon set from one drawing, resources/icon.svg:
 *   resources/icons/<n>x<n>.png  Linux (AppImage, deb) and the window icon, 16–1024 px
 *   resources/icon.png           1024 px, electron-builder's fallback for every platform
 *   resources/icon.ico           Windows (NSIS installer, exe), 16–256 px
 *   resources/icon.icns          macOS (dmg, app bundle), 16–1024 px including @2x
 * The outputs are committed, so building installers needs neither this script nor its libraries;
 * run it (`npm run icons`) after changing the SVG. `node scripts/make-icons.mjs DIR` writes elsewhere.
 *
 * @resvg/resvg-js renders the SVG (resvg, prebuilt per platform through optional dependencies: no
 * compiler, no ImageMagick); @shockpkg/icon-encoder writes ICO and ICNS in plain JavaScript, where
 * the usual alternatives need macOS's iconutil or Debian's icnsutils.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = fs.readFileSync(path.join(source, 'icon.svg'));
// An output folder may be given (the icon test regenerates into a temp folder and compares).
const resources = process.argv[2] ? path.resolve(process.argv[2]) : source;

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [256, 128, 64, 48, 32, 24, 16];
// ICNS types by pixel size, in the order Apple's iconutil writes them.
const ICNS_TYPES = [
  [64, 'ic12'],
  [128, 'ic07'],
  [256, 'ic13'],
  [256, 'ic08'],
  [16, 'ic04'],
  [512, 'ic14'],
  [512, 'ic09'],
  [32, 'ic05'],
  [1024, 'ic10'],
  [32, 'ic11'],
];

function render(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

const pngs = new Map(PNG_SIZES.map((size) => [size, render(size)]));
fs.mkdirSync(path.join(resources, 'icons'), { recursive: true });
for (const [size, png] of pngs) fs.writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), png);
fs.writeFileSync(path.join(resources, 'icon.png'), pngs.get(1024));

const ico = new IconIco();
// PNG-encoded entries where Windows Vista+ expects them (256), BMP below: what Explorer reads best.
for (const size of ICO_SIZES) await ico.addFromPng(pngs.get(size), size >= 256);
fs.writeFileSync(path.join(resources, 'icon.ico'), ico.encode());

const icns = new IconIcns();
icns.toc = true;
for (const [size, type] of ICNS_TYPES) await icns.addFromPng(pngs.get(size), [type]);
fs.writeFileSync(path.join(resources, 'icon.icns'), icns.encode());

console.log(`icons written to ${path.relative(process.cwd(), resources) || '.'}: ${PNG_SIZES.length} PNGs, icon.ico, icon.icns`);
