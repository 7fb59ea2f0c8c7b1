import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { ErrorCode, Result } from '../../src-shared/errors';
import { AppError, type AppErrorShape } from '../../src-shared/errors';
import { isChannel } from '../../src-shared/contract';
import { invoke, type ApiImplementation } from '../core/api';
import type { EventBus } from '../core/events/bus';
import { createEventSocket } from './event-socket';
import {
  bearerToken,
  checkHostAndOrigin,
  cookieValue,
  createGuard,
  hostForUrl,
  pageCookieName,
  pageCookieValue,
  tokensMatch,
  type RequestGuard,
} from './http-guard';
import { contentTypeFor, resolveStatic } from './static-files';
import { RAW_LOG_ROUTE, sendRawLog } from './raw-log-route';
import type { RawLogLocation } from '../core/services/raw-log-service';

/**
 * `cnp serve`'s HTTP side: the contract as `POST /api/<channel>`, engine events on `/ws`, and the
 * built renderer as static files — all behind the token and the Host/Origin checks.
 */
export interface ServerOptions {
  api: ApiImplementation;
  bus: EventBus;
  host: string;
  port: number;
  token: string;
  /** The built renderer (out/renderer), or null when it was not built: the API still works. */
  rendererDir: string | null;
  /** `GET /metrics` and `GET /healthz`; absent, both answer 404. */
  probes?: Probes;
  /** Lets loopback clients read the probes without the token (`--metrics-public`). */
  metricsPublic?: boolean;
  /** Finds a run's full log for `GET /api/runs/:id/raw-log`; throws NOT_FOUND (an AppError) when there is none. */
  rawLogs?: (runId: number) => RawLogLocation;
}

export interface Probes {
  metrics(): Promise<{ contentType: string; body: string }>;
  health(): { healthy: boolean; body: unknown };
}

export interface RunningServer {
  /** `http://host:port/`, without the token. */
  url: string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // The first URL carries the token: it must never travel on in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

function pageSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React sets style properties through the CSSOM (always allowed); some widgets inject <style>.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers ws: only in newer browsers; name the socket explicitly.
    `connect-src 'self' ws://${hostHeader}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

const failure = (code: AppErrorShape['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** Upgrade requests have no ServerResponse: the refusal is written on the raw socket. */
function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, message: string): void {
  const body = JSON.stringify(failure(status === 404 ? 'NOT_FOUND' : 'UNAUTHORIZED', message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The request target as a URL. Only origin-form targets (`/path?query`) are accepted: `//x` must stay
 * a path, not become another host, and absolute-form targets are for proxies, which this is not.
 */
function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://${req.headers.host}${target}`);
  } catch {
    return null;
  }
}

/** Reads the body up to the limit; null when it is too large (the caller answers 413). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, api: ApiImplementation, guard: RequestGuard): Promise<void> {
  if (!tokensMatch(bearerToken(req.headers.authorization), guard.token)) {
    sendJson(res, 401, failure('UNAUTHORIZED', 'Missing or wrong token: use the URL printed by `cnp serve`'), { 'WWW-Authenticate': 'Bearer' });
    return;
  }
  if (!isChannel(channel)) {
    sendJson(res, 404, failure('NOT_FOUND', `Unknown call "${channel}"`));
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, failure('VALIDATION', 'Calls are made with POST'), { Allow: 'POST' });
    return;
  }
  const body = await readBody(req);
  if (body === null) {
    sendJson(res, 413, failure('VALIDATION', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`), { Connection: 'close' });
    return;
  }
  let input: unknown = undefined;
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, failure('VALIDATION', 'The request body is not valid JSON'));
      return;
    }
  }
  const result = await invoke(api, channel, input);
  sendJson(res, result.ok ? 200 : httpStatusOf(result.error.code), result);
}

/** The envelope's error code as an HTTP status, so plain HTTP clients see a failure as one. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'EXECUTION':
      return 422;
    case 'ENGINE_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}

function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL, rendererDir: string | null, guard: RequestGuard, port: number): void {
  const queryToken = url.searchParams.get('token');
  const cookie = pageCookieName(port);
  const queryOk = tokensMatch(queryToken, guard.token);
  if (!queryOk && !tokensMatch(cookieValue(req.headers.cookie, cookie), pageCookieValue(guard.token))) {
    sendJson(res, 401, failure('UNAUTHORIZED', 'Missing or wrong token: open the URL printed by `cnp serve`'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, failure('VALIDATION', 'Only GET and HEAD are served here'), { Allow: 'GET, HEAD' });
    return;
  }
  const setCookie: Record<string, string> = queryOk ? { 'Set-Cookie': `${cookie}=${pageCookieValue(guard.token)}; Path=/; HttpOnly; SameSite=Strict` } : {};
  if (rendererDir === null) {
    const text = "The UI isn't built. Run `npm run build`, then start `cnp serve` again. The API (POST /api/<call>) works meanwhile.\n";
    res.writeHead(503, { ...BASE_HEADERS, ...setCookie, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  const target = resolveStatic(rendererDir, url.pathname);
  if (target.kind === 'bad-request') return sendJson(res, 400, failure('VALIDATION', 'Malformed path'));
  if (target.kind === 'forbidden') return sendJson(res, 403, failure('UNAUTHORIZED', 'That path is outside the app'));
  if (target.kind === 'not-found') return sendJson(res, 404, failure('NOT_FOUND', `${url.pathname} does not exist`));

  const type = contentTypeFor(target.file);
  const isPage = type.startsWith('text/html');
  // Vite fingerprints everything under /assets/, so those can be cached for good; pages never.
  const cache = !isPage && url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
  res.writeHead(200, {
    ...BASE_HEADERS,
    ...setCookie,
    ...(isPage ? { 'Content-Security-Policy': pageSecurityPolicy(req.headers.host ?? '') } : {}),
    'Content-Type': type,
    'Content-Length': target.size,
    'Cache-Control': cache,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(target.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/**
 * The probes answer scrapers and load balancers: the token comes as a bearer header (a scraper has
 * no cookie); with `--metrics-public`, a client on this machine needs none.
 */
async function handleProbe(req: IncomingMessage, res: ServerResponse, which: 'metrics' | 'healthz', opts: ServerOptions, guard: RequestGuard): Promise<void> {
  const open = opts.metricsPublic === true && isLoopback(req.socket.remoteAddress);
  if (!open && !tokensMatch(bearerToken(req.headers.authorization), guard.token)) {
    sendJson(res, 401, failure('UNAUTHORIZED', 'Missing or wrong token: send it as "Authorization: Bearer TOKEN", or start `cnp serve --metrics-public`'), {
      'WWW-Authenticate': 'Bearer',
    });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, failure('VALIDATION', 'Only GET and HEAD are served here'), { Allow: 'GET, HEAD' });
    return;
  }
  if (!opts.probes) {
    sendJson(res, 404, failure('NOT_FOUND', `/${which} is not served by this server`));
    return;
  }
  let status: number;
  let type: string;
  let text: string;
  if (which === 'metrics') {
    const m = await opts.probes.metrics();
    status = 200;
    type = m.contentType;
    text = m.body;
  } else {
    const h = opts.probes.health();
    status = h.healthy ? 200 : 503;
    type = 'application/json; charset=utf-8';
    text = JSON.stringify(h.body);
  }
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  let guard: RequestGuard | null = null;
  let port = 0;
  const events = createEventSocket(opts.bus);

  const server = http.createServer((req, res) => {
    const g = guard;
    if (g === null) return sendJson(res, 503, failure('ENGINE_UNAVAILABLE', 'Starting up'));
    const verdict = checkHostAndOrigin({ host: req.headers.host, origin: req.headers.origin }, g);
    if (!verdict.ok) return sendJson(res, verdict.status, failure('UNAUTHORIZED', verdict.message));
    const url = requestUrl(req);
    if (url === null) return sendJson(res, 400, failure('VALIDATION', 'Malformed request target'));
    const rawLog = RAW_LOG_ROUTE.exec(url.pathname);
    if (rawLog) {
      // A download the browser makes itself (a link): the page's cookie counts like the bearer token.
      const authorized =
        tokensMatch(bearerToken(req.headers.authorization), g.token) || tokensMatch(cookieValue(req.headers.cookie, pageCookieName(port)), pageCookieValue(g.token));
      if (!authorized) return sendJson(res, 401, failure('UNAUTHORIZED', 'Missing or wrong token: use the URL printed by `cnp serve`'), { 'WWW-Authenticate': 'Bearer' });
      sendRawLog(req, res, rawLog[1]!, opts.rawLogs, { ...BASE_HEADERS }, (status, code, message) => sendJson(res, status, failure(code, message))).catch(() => {
        if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'Unexpected error while reading the full log'));
        else res.destroy();
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url.pathname.slice('/api/'.length), opts.api, g).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', `Unexpected error: ${(err as Error).message}`));
        else res.destroy();
      });
      return;
    }
    if (url.pathname === '/metrics' || url.pathname === '/healthz') {
      handleProbe(req, res, url.pathname === '/metrics' ? 'metrics' : 'healthz', opts, g).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', `Unexpected error: ${(err as Error).message}`));
        else res.destroy();
      });
      return;
    }
    if (url.pathname === '/ws') return sendJson(res, 426, failure('VALIDATION', 'This endpoint is a WebSocket'), { Upgrade: 'websocket' });
    handleStatic(req, res, url, opts.rendererDir, g, port);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const g = guard;
    if (g === null) return socket.destroy();
    const verdict = checkHostAndOrigin({ host: req.headers.host, origin: req.headers.origin }, g);
    if (!verdict.ok) return refuseUpgrade(socket, 403, verdict.message);
    const url = requestUrl(req);
    if (url === null || url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'The event socket is at /ws');
    if (!tokensMatch(url.searchParams.get('token'), g.token)) return refuseUpgrade(socket, 401, 'Missing or wrong token');
    events.accept(req, socket, head);
  });

  // Bodies are small JSON; a slow-loris client must not hold sockets forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      events.close();
      const message =
        err.code === 'EADDRINUSE'
          ? `Port ${opts.port} on ${opts.host} is already in use; pick another with --port (0 picks a free one)`
          : `Cannot listen on ${opts.host}:${opts.port}: ${err.message}`;
      reject(new AppError('VALIDATION', message, { field: err.code === 'EADDRINUSE' ? 'port' : 'host' }));
    };
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  guard = createGuard({ token: opts.token, host: opts.host, port });

  const wildcard = opts.host === '0.0.0.0' || opts.host === '::';
  const url = `http://${wildcard ? '127.0.0.1' : hostForUrl(opts.host)}:${port}/`;
  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
