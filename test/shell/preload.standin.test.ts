import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WindowApi } from '../../src-shared/api-client';
import { repoRoot } from '../helpers/electron-standin';

/**
 * Stand-in test of the built preload (out/preload/index.cjs) as a sandboxed renderer runs it: a
 * fresh vm context whose `require` offers only `electron` (contextBridge and ipcRenderer stand-ins
 * that record), no Node built-ins. It proves the bundle needs nothing else and that window.api
 * round-trips a call and an event; the real bridge is covered by the _electron e2e specs.
 */
const PRELOAD = path.join(repoRoot, 'out', 'preload', 'index.cjs');

interface Loaded {
  api: WindowApi;
  exposedKeys: string[];
  requested: string[];
  invoked: [string, unknown][];
  emit(channel: string, payload: unknown): void;
}

function loadPreload(answer: (channel: string, input: unknown) => unknown): Loaded {
  const exposed = new Map<string, unknown>();
  const requested: string[] = [];
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        invoked.push([channel, input]);
        return answer(channel, input);
      },
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(fn);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(fn),
    },
  };
  const sandboxRequire = (name: string) => {
    requested.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`);
  };
  const module = { exports: {} };
  const context = vm.createContext({ console });
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(PRELOAD, 'utf8')}\n})`, context, {
    filename: PRELOAD,
  }) as (...args: unknown[]) => void;
  wrapper(module.exports, sandboxRequire, module, PRELOAD, path.dirname(PRELOAD));
  return {
    api: exposed.get('api') as WindowApi,
    exposedKeys: [...exposed.keys()],
    requested,
    invoked,
    emit: (channel, payload) => {
      for (const fn of listeners.get(channel) ?? []) fn({ sender: 'ipc internals' }, payload);
    },
  };
}

beforeAll(() => {
  if (!fs.existsSync(PRELOAD)) throw new Error(`${PRELOAD} is missing: run \`npm run build\` first`);
});

describe('the built preload in a sandbox (stand-in)', () => {
  it('requires only electron and exposes window.api and nothing else', () => {
    const loaded = loadPreload(() => ({ ok: true, value: null }));
    expect(loaded.requested).toEqual(['electron']);
    expect(loaded.exposedKeys).toEqual(['api']);
    expect(loaded.api.host).toBe('electron');
  });

  it('round-trips a call through ipcRenderer.invoke, and a failure keeps its code', async () => {
    const loaded = loadPreload((channel) =>
      channel === 'system.version' ? { ok: true, value: { version: '9.9.9' } } : { ok: false, error: { code: 'NOT_FOUND', message: 'No job 5' } },
    );
    expect(JSON.parse(JSON.stringify(await loaded.api.call('system.version', {})))).toEqual({ version: '9.9.9' });
    const failure = await loaded.api.call('jobs.get', { id: 5 }).catch((e: unknown) => JSON.parse(JSON.stringify(e)));
    expect(failure).toEqual({ name: 'AppError', code: 'NOT_FOUND', message: 'No job 5' });
    expect(loaded.invoked).toEqual([
      ['system.version', {}],
      ['jobs.get', { id: 5 }],
    ]);
  });

  it('delivers an engine event’s payload, and stops after unsubscribing', () => {
    const loaded = loadPreload(() => ({ ok: true, value: null }));
    const got: unknown[] = [];
    const off = loaded.api.on('job.changed', (payload) => got.push(payload));
    loaded.emit('event:job.changed', { jobId: 3 });
    off();
    loaded.emit('event:job.changed', { jobId: 4 });
    expect(JSON.parse(JSON.stringify(got))).toEqual([{ jobId: 3 }]);
  });
});
