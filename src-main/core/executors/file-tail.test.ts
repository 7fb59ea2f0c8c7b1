import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTail, nextChunkBytes, SLICE_MS } from './file-tail';

describe('FileTail', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads no further while its pace says what it handed on is not stored yet', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-tail-'));
    const file = path.join(dir, 'stdout');
    fs.writeFileSync(file, 'x'.repeat(300 * 1024));
    let release: (() => void) | null = null;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let paused = true;
    let read = 0;
    const tail = new FileTail(file, (chunk) => (read += chunk.length), () => (paused ? gate : null));
    tail.start();
    await new Promise((r) => setTimeout(r, 200));
    // One 64 KB chunk, then nothing until the gate opens.
    expect(read).toBe(64 * 1024);
    paused = false;
    release!();
    await tail.finish();
    expect(read).toBe(300 * 1024);
  });
});

describe('the size of each read', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Reads a 1 MB file through a consumer that takes `msPerKb` per KB handed to it; returns the chunk sizes. */
  async function readThrough(msPerKb: number): Promise<number[]> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-tail-'));
    const file = path.join(dir, 'stdout');
    const content = Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => 97 + (i % 26)));
    fs.writeFileSync(file, content);
    const sizes: number[] = [];
    const seen: Buffer[] = [];
    const tail = new FileTail(file, (chunk) => {
      sizes.push(chunk.length);
      seen.push(Buffer.from(chunk));
      const until = performance.now() + (chunk.length / 1024) * msPerKb;
      while (performance.now() < until);
    });
    await tail.finish();
    expect(Buffer.concat(seen).equals(content)).toBe(true);
    return sizes;
  }

  it('shrinks while each chunk keeps the event loop longer than its slice, so no task is long', async () => {
    // 0.25 ms per KB: a 64 KB chunk would hold the event loop for 16 ms.
    const sizes = await readThrough(0.25);
    expect(sizes[0]).toBe(64 * 1024);
    // After a few halvings, reads stay at a size handed on within the slice (8 KB: 2 ms).
    expect(Math.max(...sizes.slice(4, -1))).toBeLessThanOrEqual((SLICE_MS / 0.25) * 1024);
  });

  it('stays at 64 KB for a consumer that keeps up', async () => {
    const sizes = await readThrough(0);
    // A loaded machine may stall one chunk past the slice; the next quick one doubles back.
    expect(sizes.filter((n) => n === 64 * 1024).length).toBeGreaterThanOrEqual(sizes.length * 0.75);
  });

  it('grows back once chunks are quick again', () => {
    expect(nextChunkBytes(8 * 1024, 8 * 1024, 0.5)).toBe(16 * 1024);
    expect(nextChunkBytes(64 * 1024, 64 * 1024, 0.5)).toBe(64 * 1024);
    // A short read (the end of what was written so far) says nothing about the consumer's speed.
    expect(nextChunkBytes(8 * 1024, 100, 0.01)).toBe(8 * 1024);
    expect(nextChunkBytes(64 * 1024, 64 * 1024, 20)).toBe(32 * 1024);
    expect(nextChunkBytes(8 * 1024, 8 * 1024, 20)).toBe(8 * 1024);
  });
});
