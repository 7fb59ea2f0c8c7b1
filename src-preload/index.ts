import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WindowApi } from '../src-shared/api-client';
import { unwrap } from '../src-shared/api-client';
import { CHANNELS, EVENT_NAMES, type CallOutput, type Channel, type EventMap, type EventName } from '../src-shared/contract';
import { AppError, isAppErrorShape, type AppErrorShape, type Result } from '../src-shared/errors';

/**
 * `window.api` in the desktop app: every contract call over `ipcRenderer.invoke`, every engine event
 * from `event:<name>`. Main validates and answers with a result envelope; here it becomes a value or
 * a rejection. The renderer cannot reach ipcRenderer itself, only these three members.
 */

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENT_NAMES);

/**
 * contextBridge copies only an Error's message across worlds, so an AppError would arrive as a bare
 * Error without its code. A plain object survives intact; the renderer's toAppError() restores the class.
 */
function rejection(error: AppError): AppErrorShape & { name: 'AppError' } {
  return { name: 'AppError', ...error.toShape() };
}

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && isAppErrorShape(v.error));
}

async function call<C extends Channel>(channel: C, input: unknown): Promise<CallOutput<C>> {
  if (!channels.has(channel)) throw rejection(new AppError('NOT_FOUND', `Unknown call "${String(channel)}"`));
  let reply: unknown;
  try {
    reply = await ipcRenderer.invoke(channel, input);
  } catch (err) {
    // Only reachable if main has no handler or the input could not be cloned: never show Electron's wrapper text.
    const message = err instanceof Error ? err.message.replace(/^Error invoking remote method '[^']*': (Error: )?/, '') : String(err);
    throw rejection(new AppError('INTERNAL', `The app could not complete "${channel}": ${message}`));
  }
  if (!isEnvelope(reply)) throw rejection(new AppError('INTERNAL', `The app sent an unreadable answer to "${channel}"`));
  try {
    return unwrap(reply) as CallOutput<C>;
  } catch (err) {
    throw rejection(err as AppError);
  }
}

function on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  if (!events.has(event)) throw rejection(new AppError('NOT_FOUND', `Unknown event "${String(event)}"`));
  // The IPC event object (sender, ports) stays on this side of the bridge; the page gets the payload only.
  const forward = (_e: IpcRendererEvent, payload: EventMap[E]) => listener(payload);
  ipcRenderer.on(`event:${event}`, forward);
  return () => {
    ipcRenderer.removeListener(`event:${event}`, forward);
  };
}

const api = {
  call,
  on,
  host: 'electron',
} satisfies WindowApi;

contextBridge.exposeInMainWorld('api', api);
