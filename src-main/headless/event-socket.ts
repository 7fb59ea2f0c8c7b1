import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { EventBus } from '../core/events/bus';

/**
 * The one WebSocket (`/ws`) that pushes every engine event to browsers as `{event, payload}` text
 * frames. Browsers never send anything meaningful on it; the bus is subscribed once for all clients.
 */

/** A browser that stops reading (a sleeping laptop, a frozen tab) must not make the server buffer a flood of log lines. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const PING_EVERY_MS = 30_000;
/** Close code 1013 "try again later": the client reconnects and refetches what it missed. */
const CLOSE_TOO_SLOW = 1013;

export interface EventSocket {
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createEventSocket(bus: EventBus): EventSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const unsubscribe = bus.onAny((event, payload) => {
    if (wss.clients.size === 0) return;
    const frame = JSON.stringify({ event, payload });
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.close(CLOSE_TOO_SLOW, 'Too far behind; reconnect and refetch');
        continue;
      }
      client.send(frame);
    }
  });

  const ping = setInterval(() => {
    for (const client of wss.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, PING_EVERY_MS);
  ping.unref();

  wss.on('connection', (client) => {
    alive.set(client, true);
    client.on('pong', () => alive.set(client, true));
    // A client error (reset connection, bad frame) concerns that client only.
    client.on('error', () => client.terminate());
  });

  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
    },
    close() {
      unsubscribe();
      clearInterval(ping);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
