import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRendererDir, runServe } from './serve-command';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-serve-cmd-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('findRendererDir', () => {
  const built = () => {
    fs.mkdirSync(path.join(dir, 'out', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out', 'renderer', 'index.html'), '<!doctype html>');
    fs.mkdirSync(path.join(dir, 'out', 'cli', 'chunks'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src-main', 'headless'), { recursive: true });
  };
  const from = (...p: string[]) => pathToFileURL(path.join(dir, ...p)).href;

  it.each([
    ['the CLI bundle', ['out', 'cli', 'cnp.js']],
    ['a chunk of the CLI bundle', ['out', 'cli', 'chunks', 'serve-command-abc.js']],
    ['the sources', ['src-main', 'headless', 'serve-command.ts']],
  ])('finds out/renderer from %s', (_name, file) => {
    built();
    expect(findRendererDir(from(...file))).toBe(path.join(dir, 'out', 'renderer'));
  });

  it('reports a renderer that was not built as null', () => {
    fs.mkdirSync(path.join(dir, 'out', 'cli'), { recursive: true });
    expect(findRendererDir(from('out', 'cli', 'cnp.js'))).toBeNull();
  });
});

describe('runServe', () => {
  it('prints the URL with the token first, serves the API, and stops cleanly when told', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    let printed!: () => void;
    const firstLine = new Promise<void>((resolve) => (printed = resolve));
    const serving = runServe({
      dbPath: path.join(dir, 'serve.db'),
      host: '127.0.0.1',
      port: 0,
      token: 'tok123',
      signal: stop.signal,
      print: (l) => {
        lines.push(l);
        printed();
      },
    });
    await firstLine;
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(url.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('token')).toBe('tok123');

    const res = await fetch(new URL('/api/system.health', url), { method: 'POST', headers: { Authorization: 'Bearer tok123' }, body: '{}' });
    const body = (await res.json()) as { ok: boolean; value: { engine: { running: boolean; inThisProcess: boolean } } };
    expect(body.ok).toBe(true);
    expect(body.value.engine).toMatchObject({ running: true, inThisProcess: true });

    stop.abort();
    await serving;
    await expect(fetch(new URL('/api/system.version', url), { method: 'POST' })).rejects.toThrow();
  });

  it('makes up a 64-hex-digit token when none is given', async () => {
    const stop = new AbortController();
    let line = '';
    let printed!: () => void;
    const firstLine = new Promise<void>((resolve) => (printed = resolve));
    const serving = runServe({ dbPath: path.join(dir, 'serve.db'), host: '127.0.0.1', port: 0, signal: stop.signal, print: (l) => ((line = l), printed()) });
    await firstLine;
    expect(new URL(line).searchParams.get('token')).toMatch(/^[0-9a-f]{64}$/);
    stop.abort();
    await serving;
  });

  it('fails with a clear message when the port is taken, leaving nothing running', async () => {
    const net = await import('node:net');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(runServe({ dbPath: path.join(dir, 'serve.db'), host: '127.0.0.1', port, print: () => undefined })).rejects.toThrow(/already in use/);
    await new Promise((resolve) => blocker.close(resolve));
  });
});
