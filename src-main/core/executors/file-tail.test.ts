import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTail } from './file-tail';

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
