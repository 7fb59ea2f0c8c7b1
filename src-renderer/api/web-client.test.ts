import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { EventMap } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { createApi } from '../../src-main/core/api';
import { openStore, type Store } from '../../src-main/core/db/store';
import { EventBus } from '../../src-main/core/events/bus';
import { startServer, type RunningServer } from '../../src-main/headless/server';
import { TOKEN_STORAGE_KEY, createWebApi, type WebClientDeps } from './web-client';

// The browser client against the real `cnp serve` server; `ws` stands in for the browser's WebSocket.
const TOKEN = 'f'.repeat(64);
let dir: string;
let store: Store;
let bus: EventBus;
let server: RunningServer;
let port: number;

async function serve(onPort = 0): Promise<void> {
  const api = createApi({ store, actor: 'ui', now: Date.now, engine: null, version: 'test' });
  server = await startServer({ api, bus, host: '127.0.0.1', port: onPort, token: TOKEN, rendererDir: null });
  port = Number(new URL(server.url).port);
}

function browser(initialStorage: Record<string, string> = {}) {
  const stored = new Map(Object.entries(initialStorage));
  const replaced: string[] = [];
  const deps: WebClientDeps = {
    WebSocket: NodeWebSocket as unknown as typeof WebSocket,
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    history: { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) },
    backoff: { firstMs: 20, maxMs: 100 },
  };
  return { deps, stored, replaced };
}

function nextEvent<E extends keyof EventMap>(api: ReturnType<typeof createWebApi>, event: E): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = api.on(event, (payload) => {
      off();
      resolve(payload);
    });
  });
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-web-client-'));
  store = openStore(path.join(dir, 'test.db'));
  bus = new EventBus();
  await serve();
});
afterEach(async () => {
  await server.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createWebApi: the token', () => {
  it('takes the token from the address, keeps it for this tab, and removes it from the address bar', async () => {
    const b = browser();
    const api = createWebApi({ href: `http://127.0.0.1:${port}/?token=${TOKEN}#/jobs` }, b.deps);
    expect(api.host).toBe('web');
    expect(b.stored.get(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(b.replaced).toEqual(['/#/jobs']);
    expect(await api.call('system.version', {})).toEqual({ version: 'test' });
  });

  it('finds the token again after a reload', async () => {
    const b = browser({ [TOKEN_STORAGE_KEY]: TOKEN });
    const api = createWebApi({ href: `http://127.0.0.1:${port}/#/runs` }, b.deps);
    expect(b.replaced).toEqual([]);
    expect(await api.call('system.version', {})).toEqual({ version: 'test' });
  });

  it('rejects with UNAUTHORIZED without a token', async () => {
    const api = createWebApi({ href: `http://127.0.0.1:${port}/` }, browser().deps);
    await expect(api.call('system.version', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('createWebApi: calls', () => {
  const href = () => `http://127.0.0.1:${port}/?token=${TOKEN}`;

  it('returns values and rejects with a typed AppError naming the field', async () => {
    const api = createWebApi({ href: href() }, browser().deps);
    const prompt = await api.call('prompts.create', { title: 'Refactor', body: 'Tidy up' });
    expect(prompt).toMatchObject({ id: 1, title: 'Refactor' });
    const failure = await api.call('prompts.create', { title: '', body: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'VALIDATION', field: 'title' });
  });

  it('reports a server that is gone as ENGINE_UNAVAILABLE', async () => {
    const api = createWebApi({ href: href() }, browser().deps);
    await server.close();
    await expect(api.call('system.version', {})).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });
});

describe('createWebApi: events', () => {
  const href = () => `http://127.0.0.1:${port}/?token=${TOKEN}`;

  it('delivers engine events to the subscribers of that event only', async () => {
    const api = createWebApi({ href: href() }, browser().deps);
    const other: unknown[] = [];
    const offOther = api.on('cooldown.changed', (p) => other.push(p));
    const got = nextEvent(api, 'job.changed');
    // The socket opens asynchronously; keep emitting until the subscriber hears one.
    const timer = setInterval(() => bus.emit('job.changed', { jobId: 3 }), 20);
    expect(await got).toEqual({ jobId: 3 });
    clearInterval(timer);
    expect(other).toEqual([]);
    offOther();
  });

  it('reconnects after the server restarts and asks views to refetch', async () => {
    const api = createWebApi({ href: href() }, browser().deps);
    const seen: EventMap['job.changed'][] = [];
    const off = api.on('job.changed', (p) => seen.push(p));
    const first = setInterval(() => bus.emit('job.changed', { jobId: 1 }), 20);
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0);
    clearInterval(first);

    const oldPort = port;
    await server.close();
    seen.length = 0;
    await serve(oldPort);
    await expect.poll(() => seen.some((p) => p.jobId === null), { timeout: 5000 }).toBe(true);
    const after = setInterval(() => bus.emit('job.changed', { jobId: 2 }), 20);
    await expect.poll(() => seen.some((p) => p.jobId === 2), { timeout: 5000 }).toBe(true);
    clearInterval(after);
    off();
  });
});
