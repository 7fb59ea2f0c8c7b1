import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconPng } from './tray-icon';

/** Just enough of a PNG reader to check what the encoder wrote. */
function decode(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const len = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + len);
    expect(png.readUInt32BE(offset + 8 + len)).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + len)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return {
    width,
    height,
    pixel: (x, y) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)],
  };
}

describe('trayIconPng', () => {
  it.each([16, 32])('writes a valid %ipx RGBA PNG', (size) => {
    const img = decode(trayIconPng('idle', size));
    expect([img.width, img.height]).toEqual([size, size]);
  });

  it('draws an opaque moon body and a transparent corner', () => {
    const img = decode(trayIconPng('idle', 16));
    expect(img.pixel(2, 8)[3]).toBe(255);
    expect(img.pixel(0, 0)[3]).toBe(0);
  });

  it('marks the status with a coloured dot: none idle, green running, amber cooling', () => {
    expect(decode(trayIconPng('idle', 16)).pixel(12, 12)[3]).toBe(0);
    expect(decode(trayIconPng('running', 16)).pixel(12, 12)).toEqual([46, 204, 113, 255]);
    expect(decode(trayIconPng('cooling', 16)).pixel(12, 12)).toEqual([245, 166, 35, 255]);
  });

  it('draws macOS template images in black and alpha only, with the status as a shape', () => {
    for (const status of ['idle', 'running', 'cooling'] as const) {
      const img = decode(trayIconPng(status, 32, { template: true }));
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) expect(img.pixel(x, y).slice(0, 3)).toEqual([0, 0, 0]);
    }
    expect(decode(trayIconPng('idle', 16, { template: true })).pixel(12, 12)[3]).toBe(0);
    // Running: a filled dot; cooling: a ring, hollow in the middle.
    expect(decode(trayIconPng('running', 32, { template: true })).pixel(25, 25)[3]).toBe(255);
    expect(decode(trayIconPng('cooling', 32, { template: true })).pixel(25, 25)[3]).toBe(0);
    expect(decode(trayIconPng('cooling', 32, { template: true })).pixel(25, 20)[3]).toBeGreaterThan(200);
  });
});
