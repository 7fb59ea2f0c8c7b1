import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Run } from '../../src-shared/domain';
import { createApi } from '../core/api';
import { openStore, type Store } from '../core/db/store';
import { EventBus } from '../core/events/bus';
import { pageCookieValue } from './http-guard';
import { startServer, type RunningServer } from './server';

const TOKEN = 'a'.repeat(64);

let dir: string;
let rendererDir: string;
let store: Store;
let bus: EventBus;
let server: RunningServer;
let port: number;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };
}

/** Raw requests: fetch would not let us forge Host or send an untouched `..` path. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as ReturnType<Reply['json']> });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const auth = { Authorization: `Bearer ${TOKEN}` };
const callApi = (channel: string, input?: unknown, headers: Record<string, string> = auth) =>
  request({ method: 'POST', path: `/api/${channel}`, headers: { 'Content-Type': 'application/json', ...headers }, ...(input !== undefined ? { body: JSON.stringify(input) } : {}) });

async function start(withRenderer = true): Promise<void> {
  const api = createApi({ store, actor: 'ui', now: Date.now, engine: null, version: 'test' });
  server = await startServer({ api, bus, host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: withRenderer ? rendererDir : null });
  port = Number(new URL(server.url).port);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-serve-'));
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Claude Night Pilot</title><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(rendererDir, '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  store = openStore(path.join(dir, 'test.db'));
  bus = new EventBus();
});
afterEach(async () => {
  await server?.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on 127.0.0.1 and reports its URL without the token', async () => {
    await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(port).toBeGreaterThan(0);
  });
});

describe('the token', () => {
  beforeEach(() => start());

  it('refuses an API call without a token', async () => {
    const res = await callApi('system.version', {}, {});
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses an API call with a wrong token, or the token in the query', async () => {
    expect((await callApi('system.version', {}, { Authorization: `Bearer ${'b'.repeat(64)}` })).status).toBe(401);
    expect((await callApi('system.version', {}, { Authorization: 'Bearer short' })).status).toBe(401);
    expect((await request({ method: 'POST', path: `/api/system.version?token=${TOKEN}` })).status).toBe(401);
  });

  it('accepts the right token', async () => {
    const res = await callApi('system.version', {});
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, value: { version: 'test' } });
  });

  it('does not reveal which calls exist to a caller without the token', async () => {
    expect((await callApi('no.such.call', {}, {})).status).toBe(401);
  });
});

describe('Host and Origin', () => {
  beforeEach(() => start());

  it.each([
    ['a foreign Host (DNS rebinding)', { Host: 'evil.example' }, 403],
    ['our address on another port', { Host: '127.0.0.1:1' }, 403],
    ['a foreign Origin', { Origin: 'http://evil.example' }, 403],
    ['an opaque Origin', { Origin: 'null' }, 403],
  ])('refuses %s', async (_name, headers, status) => {
    const res = await callApi('system.version', {}, { ...auth, ...headers });
    expect(res.status).toBe(status);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('accepts localhost and 127.0.0.1 names and our own origin', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const res = await callApi('system.version', {}, { ...auth, Host: host, Origin: `http://${host}` });
      expect(res.status).toBe(200);
    }
  });

  it('checks Host before the token, for pages too', async () => {
    expect((await request({ path: `/?token=${TOKEN}`, headers: { Host: 'evil.example' } })).status).toBe(403);
  });
});

describe('POST /api/<channel>', () => {
  beforeEach(() => start());

  it('runs a call against the database and returns its envelope', async () => {
    const created = await callApi('prompts.create', { title: 'Refactor', body: 'Tidy the code', tags: ['nightly'] });
    expect(created.status).toBe(200);
    expect(created.json()).toMatchObject({ ok: true, value: { id: 1, title: 'Refactor', tags: ['nightly'] } });
    const listed = await callApi('prompts.list', { tag: 'nightly' });
    expect(listed.json()).toMatchObject({ ok: true, value: [{ id: 1, title: 'Refactor' }] });
  });

  it('treats an empty body as empty input', async () => {
    expect((await callApi('system.version')).json()).toEqual({ ok: true, value: { version: 'test' } });
  });

  it('returns validation failures as an envelope with the field', async () => {
    const res = await callApi('prompts.create', { title: '', body: 'x' });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'title' } });
  });

  it('answers 404 for a missing record and 409 for a conflict, with the same envelope', async () => {
    const missing = await callApi('jobs.get', { id: 999 });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Job 999 does not exist' } });
    const prompt = await callApi('prompts.create', { title: 'p', body: 'b' });
    const promptId = (prompt.json() as { value: { id: number } }).value.id;
    const job = await callApi('jobs.create', { name: 'j', kind: 'claude', promptId, schedule: { type: 'manual' } });
    expect(job.status).toBe(200);
    const busy = await callApi('prompts.delete', { id: promptId });
    expect(busy.status).toBe(409);
    expect(busy.json()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses an interval outside 1 s … 366 days with 400 and stores nothing', async () => {
    for (const everySeconds of [0.5, 367 * 86_400, 100_000_000 * 3600]) {
      const res = await callApi('jobs.create', { name: 'far', kind: 'shell', command: 'true', schedule: { type: 'interval', everySeconds } });
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'schedule.everySeconds' } });
    }
    expect((await callApi('jobs.list', {})).json()).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await request({ method: 'POST', path: '/api/system.version', headers: auth, body: '{not json' });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers 404 to an unknown call', async () => {
    const res = await callApi('jobs.explode', {});
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown call "jobs.explode"' } });
  });

  it('answers 405 to a GET', async () => {
    expect((await request({ path: '/api/system.version', headers: auth })).status).toBe(405);
  });

  it('refuses a body over 10 MB', async () => {
    const big = JSON.stringify({ title: 't', body: 'x'.repeat(10 * 1024 * 1024) });
    const res = await request({ method: 'POST', path: '/api/prompts.create', headers: auth, body: big });
    expect(res.status).toBe(413);
  });
});

describe('/ws', () => {
  beforeEach(() => start());

  const open = (query: string, headers: Record<string, string> = {}) => new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers });
  const refusal = (ws: WebSocket) =>
    new Promise<number>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('the socket opened')));
      ws.on('error', () => undefined);
    });

  it('pushes every bus event as {event, payload}', async () => {
    const ws = open(`?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const received = new Promise<unknown>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    bus.emit('job.changed', { jobId: 7 });
    expect(await received).toEqual({ event: 'job.changed', payload: { jobId: 7 } });
    ws.close();
  });

  it('masks secrets in run lines and run updates on the socket, and in runs.list over HTTP', async () => {
    const secrets = ['hunter2', 'abc123tok', 'sk-ant-oat01-SECRETVALUE'];
    const leaky = `curl https://me:hunter2@api.example.com/x?access_token=abc123tok -H "Authorization: Bearer sk-ant-oat01-SECRETVALUE"`;
    const job = (await callApi('jobs.create', { name: 'leaky', kind: 'shell', command: 'true', schedule: { type: 'manual', timezone: 'UTC' } })).json().value as { id: number };
    const run = (await callApi('jobs.runNow', { id: job.id })).json().value as Run;
    store.db.prepare('UPDATE runs SET error = ? WHERE id = ?').run(`failed: ${leaky}`, run.id);

    const ws = open(`?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const messages: string[] = [];
    const two = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        messages.push(data.toString('utf8'));
        if (messages.length === 2) resolve();
      }),
    );
    bus.emit('run.event', { runId: run.id, seq: 1, ts: new Date().toISOString(), kind: 'stdout', payload: { text: leaky } });
    bus.emit('run.updated', { ...run, status: 'failed', error: `failed: ${leaky}` });
    await two;
    ws.close();
    const listed = (await callApi('runs.list', {})).body;
    for (const text of [...messages, listed]) {
      expect(text).toContain('api.example.com');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('refuses a socket without the token', async () => {
    expect(await refusal(open(''))).toBe(401);
    expect(await refusal(open('?token=wrong'))).toBe(401);
  });

  it('refuses a socket opened from another origin', async () => {
    expect(await refusal(open(`?token=${TOKEN}`, { Origin: 'http://evil.example' }))).toBe(403);
  });

  it('accepts a socket from our own page', async () => {
    const ws = open(`?token=${TOKEN}`, { Origin: `http://127.0.0.1:${port}` });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    ws.close();
  });
});

describe('static files', () => {
  it('serves the page with the token, sets a page cookie, and a CSP', async () => {
    await start();
    const res = await request({ path: `/?token=${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>Claude Night Pilot</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['set-cookie']?.[0]).toBe(`cnp_page_${port}=${pageCookieValue(TOKEN)}; Path=/; HttpOnly; SameSite=Strict`);
  });

  it('refuses the page without the token', async () => {
    await start();
    const res = await request({ path: '/' });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await request({ path: '/?token=nope' })).status).toBe(401);
  });

  it('lets a reload and the scripts through with the page cookie', async () => {
    await start();
    const cookie = `cnp_page_${port}=${pageCookieValue(TOKEN)}`;
    expect((await request({ path: '/', headers: { Cookie: cookie } })).status).toBe(200);
    const js = await request({ path: '/assets/app.js', headers: { Cookie: cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await request({ path: '/assets/app.js', headers: { Cookie: `cnp_page_${port}=wrong` } })).status).toBe(401);
  });

  it('does not let the page cookie stand in for the token on the API', async () => {
    await start();
    const res = await callApi('system.version', {}, { Cookie: `cnp_page_${port}=${pageCookieValue(TOKEN)}` });
    expect(res.status).toBe(401);
    const asBearer = await callApi('system.version', {}, { Authorization: `Bearer ${pageCookieValue(TOKEN)}` });
    expect(asBearer.status).toBe(401);
  });

  it('falls back to index.html for app routes but not for missing assets', async () => {
    await start();
    const q = `?token=${TOKEN}`;
    const route = await request({ path: `/runs/12${q}` });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>');
    expect((await request({ path: `/assets/missing.js${q}` })).status).toBe(404);
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/..%5csecret.txt'])(
    'blocks directory traversal: %s',
    async (p) => {
      await start();
      const res = await request({ path: `${p}?token=${TOKEN}` });
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body).not.toContain('top secret');
    },
  );

  it('answers an encoded way out of the folder with 403', async () => {
    await start();
    const res = await request({ path: `/assets/..%2F..%2Fsecret.txt?token=${TOKEN}` });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('never serves hidden files or symlinks leading out of the build', async () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
    await start();
    const q = `?token=${TOKEN}`;
    expect((await request({ path: `/.env${q}` })).status).toBe(404);
    const link = await request({ path: `/assets/link.txt${q}` });
    expect(link.status).toBe(403);
    expect(link.body).not.toContain('top secret');
  });

  it("says the UI isn't built when there is no renderer, while the API keeps working", async () => {
    await start(false);
    const page = await request({ path: `/?token=${TOKEN}` });
    expect(page.status).toBe(503);
    expect(page.body).toContain("The UI isn't built");
    expect((await callApi('system.version', {})).status).toBe(200);
  });
});

describe('close', () => {
  it('stops listening and drops open sockets', async () => {
    await start();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise((resolve) => ws.on('close', resolve));
    await server.close();
    await closed;
    await expect(request({ path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
