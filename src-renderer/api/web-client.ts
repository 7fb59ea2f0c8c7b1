import { unwrap, type WindowApi } from '../../src-shared/api-client';
import { EVENT_NAMES, type CallInput, type CallOutput, type Channel, type EventMap, type EventName } from '../../src-shared/contract';
import { AppError, isAppErrorShape, type Result } from '../../src-shared/errors';

/**
 * `window.api` in a browser, talking to `cnp serve`: calls are `POST /api/<channel>` with the token as
 * a bearer header, events arrive on one shared WebSocket. Same shape as the Electron preload's.
 */

/** Injected in tests; the browser's own objects otherwise. */
export interface WebClientDeps {
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  history?: Pick<History, 'replaceState' | 'state'> | null;
  /** Reconnect delays: the first, and the cap it doubles up to. */
  backoff?: { firstMs: number; maxMs: number };
}

export const TOKEN_STORAGE_KEY = 'cnp.token';

function envelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && isAppErrorShape(v.error));
}

/**
 * The token arrives once in the address bar (`?token=…`), then lives in sessionStorage: out of the
 * visible URL (screenshots, shared links, history) but still there on reload of this tab.
 */
function takeToken(location: Pick<Location, 'href'>, deps: WebClientDeps): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  const storage = deps.storage === undefined ? globalThis.sessionStorage : deps.storage;
  const history = deps.history === undefined ? globalThis.history : deps.history;
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    url.searchParams.delete('token');
    history?.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function createWebApi(location: Pick<Location, 'href'>, deps: WebClientDeps = {}): WindowApi {
  const base = new URL(location.href);
  const token = takeToken(location, deps);
  const fetchFn = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const Socket = deps.WebSocket ?? globalThis.WebSocket;
  const backoff = deps.backoff ?? { firstMs: 500, maxMs: 15_000 };

  async function call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
    let res: Response;
    try {
      res = await fetchFn(new URL(`/api/${encodeURIComponent(channel)}`, base), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new AppError('ENGINE_UNAVAILABLE', 'Cannot reach `cnp serve`. Is it still running?');
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new AppError('INTERNAL', `The server answered ${res.status} with something that is not JSON`);
    }
    if (!envelope(body)) throw new AppError('INTERNAL', `The server answered ${res.status} with an unexpected body`);
    return unwrap(body) as CallOutput<C>;
  }

  // One socket for every subscriber, opened with the first and closed with the last.
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const known = new Set<string>(EVENT_NAMES);
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let connectedBefore = false;

  const subscriberCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  function dispatch<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const fn of listeners.get(event) ?? []) {
      try {
        (fn as (p: EventMap[E]) => void)(payload);
      } catch (err) {
        // One broken listener must not starve the others.
        console.error(`listener for ${event} failed`, err);
      }
    }
  }

  function connect(): void {
    if (socket !== null || retryTimer !== null || subscriberCount() === 0) return;
    const wsUrl = new URL('/ws', base);
    wsUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    if (token) wsUrl.searchParams.set('token', token);
    const ws = new Socket(wsUrl.toString());
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      // Events sent while the socket was down are lost: tell the views to refetch what they show.
      if (connectedBefore) dispatch('job.changed', { jobId: null });
      connectedBefore = true;
    };
    ws.onmessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return;
      let frame: { event?: unknown; payload?: unknown };
      try {
        frame = JSON.parse(message.data) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      if (typeof frame.event === 'string' && known.has(frame.event)) dispatch(frame.event as EventName, frame.payload as never);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (subscriberCount() === 0) return;
      const delay = Math.min(backoff.maxMs, backoff.firstMs * 2 ** failures);
      failures++;
      // Jitter, so many tabs do not all knock at the same instant after a restart.
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect();
      }, delay * (0.75 + Math.random() * 0.5));
    };
  }

  function disconnectIfUnused(): void {
    if (subscriberCount() > 0) return;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    ws?.close();
  }

  function on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const fn = listener as (payload: never) => void;
    set.add(fn);
    connect();
    return () => {
      set.delete(fn);
      disconnectIfUnused();
    };
  }

  return { call, on, host: 'web' };
}
