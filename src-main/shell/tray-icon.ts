import zlib from 'node:zlib';
import type { TrayView } from './tray-menu';

/**
 * The tray icon, drawn in code as a PNG: a crescent moon with a status dot (none when idle, green
 * while running, amber while cooling). Drawing it avoids shipping one binary asset per state and
 * scale, and the PNG encoder is a few lines of zlib.
 *
 * macOS wants a template image instead: black plus alpha only, which the menu bar recolours for
 * light and dark mode. Colour cannot carry the status there, so shape does: a filled dot while
 * running, a ring while cooling.
 */

type Rgba = readonly [number, number, number, number];
const MOON: Rgba = [236, 239, 244, 255];
const DOT: Record<TrayView['status'], Rgba | null> = {
  idle: null,
  running: [46, 204, 113, 255],
  cooling: [245, 166, 35, 255],
};

/** Coverage of a pixel by a disc, sampled 4×4 so edges are smooth at 16 px. */
function discCoverage(px: number, py: number, cx: number, cy: number, r: number): number {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const dx = px + (sx + 0.5) / 4 - cx;
      const dy = py + (sy + 0.5) / 4 - cy;
      if (dx * dx + dy * dy <= r * r) inside++;
    }
  }
  return inside / 16;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TEMPLATE_INK: Rgba = [0, 0, 0, 255];

export interface TrayIconOptions {
  /** macOS menu-bar template: black and alpha only. */
  template?: boolean;
}

export function trayIconPixels(status: TrayView['status'], size: number, options: TrayIconOptions = {}): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const s = size / 16;
  const dot = options.template ? (status === 'idle' ? null : TEMPLATE_INK) : DOT[status];
  const ring = options.template && status === 'cooling';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const moon = discCoverage(x, y, 7 * s, 8 * s, 6.5 * s) * (1 - discCoverage(x, y, 10 * s, 5.5 * s, 5.5 * s));
      const disc = dot ? discCoverage(x, y, 12.5 * s, 12.5 * s, 3.2 * s) : 0;
      const dotCover = ring ? disc * (1 - discCoverage(x, y, 12.5 * s, 12.5 * s, 1.8 * s)) : disc;
      const [r, g, b, a] = options.template ? TEMPLATE_INK : dotCover > 0 && dot ? dot : MOON;
      const alpha = Math.max(moon, dotCover);
      const i = (y * size + x) * 4;
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = Math.round(a * alpha);
    }
  }
  return px;
}

/** PNG bytes for one status at one pixel size (16 for 1×, 32 for 2× displays). */
export function trayIconPng(status: TrayView['status'], size = 16, options: TrayIconOptions = {}): Buffer {
  return encodePng(size, size, trayIconPixels(status, size, options));
}
