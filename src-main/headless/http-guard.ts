import { createHash, timingSafeEqual } from 'node:crypto';
import os from 'node:os';

/**
 * Who may talk to `cnp serve`. The token proves the caller got the printed URL; the Host check stops
 * DNS rebinding (a web page whose name suddenly points at 127.0.0.1); the Origin check stops other
 * sites' pages from driving the API or the WebSocket from the user's browser.
 */
export interface RequestGuard {
  token: string;
  /** Lower-case `host:port` values the Host header may carry. */
  hosts: ReadonlySet<string>;
  /** Lower-case origins (`http://host:port`) a browser may send. */
  origins: ReadonlySet<string>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** `::1` → `[::1]`: the form a Host header and a URL use. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => i.address);
}

export function createGuard(opts: { token: string; host: string; port: number; interfaceAddresses?: string[] }): RequestGuard {
  const bound = hostForUrl(opts.host.toLowerCase());
  const names = new Set<string>([...LOOPBACK_NAMES]);
  if (WILDCARD.has(bound)) {
    // Bound to every interface: any of this machine's own addresses is a legitimate name, nothing else.
    for (const a of opts.interfaceAddresses ?? localAddresses()) {
      // Link-local IPv6 addresses carry a zone (`fe80::1%eth0`) that never appears in a Host header.
      names.add(hostForUrl(a.split('%')[0] ?? a).toLowerCase());
    }
  } else {
    names.add(bound);
  }
  const hosts = new Set([...names].map((n) => `${n}:${opts.port}`));
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  return { token: opts.token, hosts, origins };
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403; message: string };

/** Host must be ours; Origin, when the client sends one, must be ours too. */
export function checkHostAndOrigin(headers: { host?: string | undefined; origin?: string | undefined }, guard: RequestGuard): GuardVerdict {
  const host = headers.host?.toLowerCase();
  if (!host || !guard.hosts.has(host)) {
    return { ok: false, status: 403, message: `Requests must address this server by its own name (Host "${headers.host ?? ''}" is not accepted)` };
  }
  if (headers.origin !== undefined && !guard.origins.has(headers.origin.toLowerCase())) {
    return { ok: false, status: 403, message: `Cross-origin requests are not accepted (Origin "${headers.origin}")` };
  }
  return { ok: true };
}

/** Compares hashes so neither the content nor the length of the token leaks through timing. */
export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * The page's cookie: it only lets a reload fetch the page and its scripts after the token has left
 * the address bar. Named per port because cookies ignore ports and two servers may run side by side.
 */
export const pageCookieName = (port: number) => `cnp_page_${port}`;

/** The cookie holds a value derived from the token, not the token: a leaked cookie cannot call the API. */
export function pageCookieValue(token: string): string {
  return createHash('sha256').update(`cnp-page:${token}`).digest('hex');
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
