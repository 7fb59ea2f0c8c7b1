import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../core/api';
import { openStore, type Store } from '../core/db/store';
import { rawLogFile } from '../core/raw-log/paths';
import { call } from '../../test/helpers/temp-store';
import { saveDialogFileSaver } from './save-dialog';

// save-dialog.ts only imports Electron's types: the dialog is a stand-in that answers like Electron's.
let dir: string;
let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(answer: (options: SaveDialogOptions) => { canceled: boolean; filePath?: string }) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-save-'));
  store = openStore(path.join(dir, 'cnp.db'));
  const asked: { window: BrowserWindow | null; options: SaveDialogOptions }[] = [];
  const win = { isDestroyed: () => false } as BrowserWindow;
  const fileSaver = saveDialogFileSaver({
    showSaveDialog: (window, options) => {
      asked.push({ window, options });
      return Promise.resolve({ filePath: '', ...answer(options) } as never);
    },
    downloadsDir: () => path.join(dir, 'Downloads'),
    window: () => win,
  });
  const api = createApi({ store, actor: 'ui', now: Date.now, engine: null, version: 'test', fileSaver });
  const job = await call(api, 'jobs.create', { name: 'j', kind: 'shell', command: 'seq 3', schedule: { type: 'manual', timezone: 'UTC' } });
  const runId = store.runs.insert({ jobId: job.id, trigger: 'manual', status: 'succeeded', priority: 5, scheduledFor: null, finishedAt: Date.now() }, Date.now())!;
  return { api, asked, runId, win };
}

describe('saving a full log from the desktop app (runs.saveRawLog)', () => {
  it('asks with a save dialog on the window, starting in Downloads, and copies the file there', async () => {
    const target = path.join(os.tmpdir(), `cnp-saved-${process.pid}.log`);
    const { api, asked, runId, win } = await setup(() => ({ canceled: false, filePath: target }));
    const file = rawLogFile(store!.path, runId)!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '1\n2\n3\n');
    store!.runs.setRawLog(runId, 6, true);
    try {
      await expect(api['runs.saveRawLog']({ runId })).resolves.toEqual({ saved: true, path: target, bytes: 6 });
      expect(fs.readFileSync(target, 'utf8')).toBe('1\n2\n3\n');
      expect(asked).toHaveLength(1);
      expect(asked[0]!.window).toBe(win);
      expect(asked[0]!.options.defaultPath).toBe(path.join(dir, 'Downloads', `run-${runId}-full.log`));
    } finally {
      fs.rmSync(target, { force: true });
    }
  });

  it('saves nothing when the person cancels', async () => {
    const { api, runId } = await setup(() => ({ canceled: true }));
    const file = rawLogFile(store!.path, runId)!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'x\n');
    store!.runs.setRawLog(runId, 2, true);
    await expect(api['runs.saveRawLog']({ runId })).resolves.toEqual({ saved: false, path: null, bytes: 2 });
  });

  it('does not ask when the run has no full log: NOT_FOUND, in words', async () => {
    const { api, asked, runId } = await setup(() => ({ canceled: false, filePath: '/tmp/never' }));
    await expect(api['runs.saveRawLog']({ runId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Run ${runId} has no full log: it ran while full logs were turned off. Its kept lines are in the run's log.` });
    expect(asked).toHaveLength(0);
  });
});
