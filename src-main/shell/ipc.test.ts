import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src-shared/contract';
import { createApi } from '../core/api';
import { openStore, type Store } from '../core/db/store';
import { EventBus } from '../core/events/bus';
import { forwardEvents, registerContract } from './ipc';

// ipc.ts only imports Electron's types, so it runs here with stand-ins for ipcMain and the window.
type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

const rendererDir = path.resolve('/opt/cnp/out/renderer');
const origin = { rendererDir, devServerUrl: null };
const ownUrl = `${pathToFileURL(path.join(rendererDir, 'index.html')).href}#/jobs`;

let dir: string;
let store: Store;
let handlers: Map<string, Handler>;
let ipcMain: IpcMain;

function eventFrom(url: string | null, opts: { subframe?: boolean } = {}): IpcMainInvokeEvent {
  const frame = url === null ? null : { url, parent: opts.subframe ? { url: ownUrl } : null };
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-ipc-'));
  store = openStore(path.join(dir, 'test.db'));
  handlers = new Map();
  ipcMain = {
    handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as IpcMain;
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('registerContract', () => {
  const api = () => createApi({ store, actor: 'ui', now: Date.now, engine: null, version: 'test' });

  it('registers every contract call, and removes them all again', () => {
    const off = registerContract(ipcMain, api(), origin);
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    off();
    expect(handlers.size).toBe(0);
  });

  it('answers our own page with the result envelope', async () => {
    registerContract(ipcMain, api(), origin);
    expect(await handlers.get('system.version')!(eventFrom(ownUrl), {})).toEqual({ ok: true, value: { version: 'test' } });
  });

  it('validates the input in main and names the field', async () => {
    registerContract(ipcMain, api(), origin);
    expect(await handlers.get('prompts.create')!(eventFrom(ownUrl), { title: 'x', body: 'y', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await handlers.get('jobs.get')!(eventFrom(ownUrl), { id: 'one' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'id' } });
  });

  it.each([
    ['a web page the window was led to', eventFrom('https://evil.example/')],
    ['an iframe inside our page', eventFrom(ownUrl, { subframe: true })],
    ['a frame that is already gone', eventFrom(null)],
    ['another local file', eventFrom(pathToFileURL('/tmp/evil.html').href)],
  ])('refuses %s without running the call', async (_name, event) => {
    registerContract(ipcMain, api(), origin);
    expect(await handlers.get('prompts.create')!(event, { title: 'x', body: 'y' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(store.prompts.list({})).toEqual([]);
  });

  it('reports successful calls so the shell can refresh, and not failed ones', async () => {
    const seen: Channel[] = [];
    registerContract(ipcMain, api(), origin, (c) => seen.push(c));
    await handlers.get('settings.set')!(eventFrom(ownUrl), { keepAwake: true });
    await handlers.get('settings.set')!(eventFrom(ownUrl), { keepAwake: 'yes' });
    expect(seen).toEqual(['settings.set']);
  });
});

describe('forwardEvents', () => {
  it('sends every bus event to the window as event:<name>, and nothing once it is gone', () => {
    const bus = new EventBus();
    const sent: [string, unknown][] = [];
    let destroyed = false;
    const win = {
      isDestroyed: () => destroyed,
      webContents: { isDestroyed: () => destroyed, send: (channel: string, payload: unknown) => sent.push([channel, payload]) },
    } as unknown as BrowserWindow;
    let current: BrowserWindow | null = win;
    const off = forwardEvents(bus, () => current);
    bus.emit('job.changed', { jobId: 1 });
    destroyed = true;
    bus.emit('job.changed', { jobId: 2 });
    current = null;
    bus.emit('job.changed', { jobId: 3 });
    off();
    expect(sent).toEqual([['event:job.changed', { jobId: 1 }]]);
  });
});
