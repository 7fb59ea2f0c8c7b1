import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import type { Run } from '../../src-shared/domain';
import { call, tempStore, waitFor, type TempStore } from '../helpers/temp-store';

let t: TempStore;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t?.cleanup();
});

async function runShell(command: string, settings: Record<string, unknown>): Promise<Run> {
  t = tempStore();
  engine = new Engine({ store: t.store, version: 'test', env: { ...process.env, CNP_LOGIN_PATH: '0' } });
  await engine.start();
  const api = engine.api('ui');
  await call(api, 'settings.set', settings);
  const job = await call(api, 'jobs.create', { name: 'loud', kind: 'shell', command, schedule: { type: 'manual', timezone: 'UTC' } });
  const run = await call(api, 'jobs.runNow', { id: job.id });
  return waitFor(() => {
    const v = t.store.runs.view(run.id);
    return v?.finishedAt ? v : null;
  }, 60_000);
}

const texts = (runId: number) => t.store.events.list(runId, 0, 1_000_000).map((e) => e.payload as Record<string, unknown>);

describe.skipIf(process.platform === 'win32')('a run’s stored output is capped in bytes, head and tail', () => {
  it('keeps the first and last half of the byte cap and says how many lines and bytes were dropped between', async () => {
    // 20,000 lines of 100 bytes (+ newline) = ~2 MB against a 256 KB cap.
    const run = await runShell(`awk 'BEGIN { x = sprintf("%89s", ""); gsub(/ /, "x", x); for (i = 0; i < 20000; i++) printf "line %05d %s\\n", i, x }'`, { maxOutputBytesPerRun: 256 * 1024 });
    expect(run.status).toBe('succeeded');
    expect(run.eventsTruncated).toBe(true);
    const events = texts(run.id);
    const lineNo = (p: Record<string, unknown>) => Number(/^line (\d+)/.exec(String(p.text))?.[1] ?? -1);
    expect(lineNo(events[0]!)).toBe(0);
    expect(lineNo(events.at(-1)!)).toBe(19_999);
    const marker = events.find((p) => p.type === 'truncated')!;
    expect(marker).toBeDefined();
    const head = events.slice(0, events.findIndex((p) => p.type === 'truncating'));
    const tail = events.slice(events.indexOf(marker) + 1);
    // Head and tail are contiguous runs of lines, each within half the cap.
    expect(head.map(lineNo)).toEqual(head.map((_, i) => i));
    expect(tail.map(lineNo)).toEqual(tail.map((_, i) => 20_000 - tail.length + i));
    // Each half of the cap is measured in stored bytes (the event's JSON).
    const bytesOf = (xs: Record<string, unknown>[]) => xs.reduce((n, p) => n + Buffer.byteLength(JSON.stringify(p)), 0);
    expect(bytesOf(head)).toBeLessThanOrEqual(128 * 1024);
    expect(bytesOf(tail)).toBeLessThanOrEqual(128 * 1024);
    expect(bytesOf(tail)).toBeGreaterThan(127 * 1024);
    // The marker accounts for every line in between, in lines and bytes.
    expect(marker.droppedLines).toBe(20_000 - head.length - tail.length);
    expect(marker.droppedBytes).toBe((marker.droppedLines as number) * 100);
    expect(String(marker.message)).toMatch(/lines \(.+\) dropped here/);
    // The cap travels with both notes, so the UI can word them in another language.
    expect(marker.maxBytes).toBe(256 * 1024);
    expect(events.find((p) => p.type === 'truncating')!.maxBytes).toBe(256 * 1024);
    expect(run.eventCount).toBe(events.length);
  }, 90_000);

  it('stores a short run whole and does not call it truncated', async () => {
    const run = await runShell('echo one; echo two >&2; echo three', {});
    expect(run.eventsTruncated).toBe(false);
    // stdout and stderr are two pipes: their relative order is not defined.
    expect(texts(run.id).map((p) => p.text).sort()).toEqual(['one', 'three', 'two']);
  });
});
