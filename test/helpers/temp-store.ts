import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../src-main/core/db/store';
import { createApi, type ApiImplementation } from '../../src-main/core/api';
import type { CallOutput, Channel, ParsedInput } from '../../src-shared/contract';
import { contract } from '../../src-shared/contract';
import type { EngineLink } from '../../src-main/core/services/context';

export interface TempStore {
  dir: string;
  dbPath: string;
  store: Store;
  cleanup(): void;
}

/** A real SQLite file in a fresh temp folder. */
export function tempStore(): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-test-'));
  const dbPath = path.join(dir, 'test.db');
  const store = openStore(dbPath);
  return {
    dir,
    dbPath,
    store,
    cleanup: () => {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a contract handler the way a transport does: the input parsed by the call's schema first. */
export async function call<C extends Channel>(api: ApiImplementation, channel: C, input: unknown): Promise<CallOutput<C>> {
  const parsed = contract[channel].input.parse(input) as ParsedInput<C>;
  return (await api[channel](parsed)) as CallOutput<C>;
}

export function apiFor(store: Store, opts: { now?: () => number; engine?: EngineLink | null; actor?: 'ui' | 'cli' | 'system' } = {}): ApiImplementation {
  return createApi({ store, actor: opts.actor ?? 'ui', now: opts.now ?? Date.now, engine: opts.engine ?? null, version: 'test' });
}

export const FAKE_CLAUDE = path.resolve(__dirname, '../fixtures/fake-claude.mjs');

export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 15_000, stepMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for a condition`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
