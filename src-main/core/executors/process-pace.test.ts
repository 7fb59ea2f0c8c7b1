import { describe, expect, it } from 'vitest';
import { superviseProcess } from './process';

describe('superviseProcess pacing', () => {
  it('reads a piped stdout no further while the pace says the output is not stored yet', async () => {
    let release: (() => void) | null = null;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let paused = true;
    let lines = 0;
    const done = superviseProcess({
      file: '/bin/sh',
      // Two million short lines: far more than a pipe holds, so the child must wait for us.
      args: ['-c', "head -c 2000000 /dev/zero | tr '\\0' '\\n' | sed 's/^/x/'"],
      env: { PATH: process.env.PATH },
      stdin: null,
      timeoutMs: 60_000,
      signal: new AbortController().signal,
      token: 'pace-test',
      exitStatusFile: null,
      onSpawn: () => {},
      onStdoutLine: () => (lines += 1),
      onStderrLine: () => {},
      pace: () => (paused ? gate : null),
    });
    await new Promise((r) => setTimeout(r, 500));
    const whilePaused = lines;
    // One chunk of the pipe's (64 KB at most: about 32,000 lines of two bytes), then nothing.
    expect(whilePaused).toBeGreaterThan(0);
    expect(whilePaused).toBeLessThan(40_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(lines).toBe(whilePaused);
    paused = false;
    release!();
    const outcome = await done;
    expect(outcome.exitCode).toBe(0);
    expect(lines).toBe(2_000_000);
  });
});
