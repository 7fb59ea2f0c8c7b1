import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowApi } from '../src-shared/api-client';

// Electron's module is replaced before the preload loads: the real one would look for the binary.
const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, input: unknown) => Promise<unknown>>(),
  listeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => bridge.invoke(channel, input),
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      const set = bridge.listeners.get(channel) ?? new Set();
      set.add(fn);
      bridge.listeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => bridge.listeners.get(channel)?.delete(fn),
  },
}));

await import('./index');
const api = bridge.exposed.get('api') as WindowApi;

beforeEach(() => {
  bridge.invoke.mockReset();
});

describe('the preload window.api', () => {
  it('is exposed as window.api for the electron host', () => {
    expect(api.host).toBe('electron');
  });

  it('resolves with the value of a successful envelope', async () => {
    bridge.invoke.mockResolvedValue({ ok: true, value: { version: '1.2.3' } });
    await expect(api.call('system.version', {})).resolves.toEqual({ version: '1.2.3' });
    expect(bridge.invoke).toHaveBeenCalledWith('system.version', {});
  });

  it('rejects with a plain AppError shape, which survives contextBridge with its code and field', async () => {
    bridge.invoke.mockResolvedValue({ ok: false, error: { code: 'VALIDATION', message: 'title: a prompt needs a title', field: 'title' } });
    const failure = await api.call('prompts.create', { title: '', body: 'x' }).catch((e: unknown) => e);
    expect(failure).toEqual({ name: 'AppError', code: 'VALIDATION', message: 'title: a prompt needs a title', field: 'title' });
    expect(Object.getPrototypeOf(failure)).toBe(Object.prototype);
  });

  it('never passes on Electron’s wrapped remote error text', async () => {
    bridge.invoke.mockImplementation(async () => {
      throw new Error("Error invoking remote method 'jobs.list': Error: No handler registered for 'jobs.list'");
    });
    const failure = (await api.call('jobs.list', {}).catch((e: unknown) => e)) as { code: string; message: string };
    expect(failure.code).toBe('INTERNAL');
    expect(failure.message).not.toContain('Error invoking remote method');
    expect(failure.message).toContain("No handler registered for 'jobs.list'");
  });

  it('treats an answer that is not an envelope as an internal error', async () => {
    bridge.invoke.mockResolvedValue('surprise');
    await expect(api.call('system.version', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    await expect(api.call('shell.exec' as 'system.version', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(bridge.invoke).not.toHaveBeenCalled();
  });

  it('subscribes to event:<name>, hands over the payload only, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('job.changed', (p) => got.push(p));
    const [listener] = [...(bridge.listeners.get('event:job.changed') ?? [])];
    listener?.({ sender: 'ipc internals' }, { jobId: 4 });
    expect(got).toEqual([{ jobId: 4 }]);
    off();
    expect(bridge.listeners.get('event:job.changed')?.size).toBe(0);
  });

  it('refuses events outside the contract', () => {
    expect(() => api.on('shell.evil' as 'job.changed', () => undefined)).toThrow();
  });
});
