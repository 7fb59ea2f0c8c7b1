import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Channel } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { invoke, type ApiImplementation } from '../core/api';
import type { EventBus } from '../core/events/bus';
import { isOwnRendererUrl, type RendererOrigin } from './sender-check';

/** Electron adapter: the contract on ipcMain, and engine events to the window. */

/** Only our own page, in its top frame, may call: not an iframe, not a page the window was tricked into loading. */
function trustedSender(event: IpcMainInvokeEvent, origin: RendererOrigin): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOwnRendererUrl(frame.url, origin);
}

export function registerContract(
  ipcMain: IpcMain,
  api: ApiImplementation,
  origin: RendererOrigin,
  afterCall: (channel: Channel) => void = () => undefined,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!trustedSender(event, origin)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page may not use the app’s API' } };
      }
      // invoke() validates the input with the call's zod schema and never throws.
      const result = await invoke(api, channel, input);
      if (result.ok) afterCall(channel);
      return result;
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

export function forwardEvents(bus: EventBus, window: () => BrowserWindow | null): () => void {
  return bus.onAny((event, payload) => {
    const win = window();
    if (win === null || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(`event:${event}`, payload);
  });
}
