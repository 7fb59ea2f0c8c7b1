import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createAndRunClaudeJob } from '../flows/core-flow';
import { electronBinary, fakeClaude, repoRoot } from '../fixtures/paths';

/**
 * The desktop app, driven through Playwright's `_electron`: the same core flow as in the browser,
 * plus the shell's security promises. Electron's binary cannot be downloaded everywhere (CI here
 * included); then these specs are skipped with the reason, not failed.
 */
const binary = electronBinary();
test.skip(binary === null, 'Electron binary absent');

let dir: string;
let app: ElectronApplication;
let page: Page;

test.beforeEach(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'index.js'))) throw new Error('out/main is missing: run `npm run build` first');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-electron-'));
  app = await electron.launch({
    executablePath: binary ?? undefined,
    // Running as root (containers) needs Chromium's sandbox off; a desktop user never does.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot],
    env: {
      ...process.env,
      CNP_DB: path.join(dir, 'e2e.db'),
      // appDataDir() follows XDG_CONFIG_HOME on Linux: window state and Chromium's files stay in the temp folder.
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      CNP_CLAUDE_PATH: process.env.CNP_CLAUDE_PATH ?? fakeClaude,
    },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // Links must never open the real browser of whoever runs the tests; record them instead.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __cnpOpened?: string[] }).__cnpOpened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
});

test.afterEach(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the desktop app creates a Claude job, runs it and streams its log', async () => {
  await expect(page).toHaveTitle(/Claude Night Pilot/);
  await createAndRunClaudeJob(page);
});

test('the renderer is isolated: no Node, only window.api', async () => {
  const exposed = await page.evaluate(() => {
    const w = window as unknown as { require?: unknown; process?: unknown; api?: { host?: string; call?: unknown; on?: unknown } };
    return { require: typeof w.require, process: typeof w.process, host: w.api?.host, call: typeof w.api?.call, on: typeof w.api?.on };
  });
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', host: 'electron', call: 'function', on: 'function' });
  const version = await page.evaluate(() => (window as unknown as { api: { call(c: string, i: unknown): Promise<unknown> } }).api.call('system.version', {}));
  expect(version).toMatchObject({ version: expect.any(String) });
});

test('a failed call rejects with the error code, not Electron’s wrapped message', async () => {
  const failure = await page.evaluate(() =>
    (window as unknown as { api: { call(c: string, i: unknown): Promise<unknown> } }).api.call('jobs.get', { id: 999_999 }).catch((e: unknown) => e),
  );
  expect(failure).toMatchObject({ code: 'NOT_FOUND' });
  expect(JSON.stringify(failure)).not.toContain('Error invoking remote method');
});

test('new windows and navigation away are refused; web links go to the OS browser', async () => {
  const start = page.url();
  const popup = await page.evaluate(() => window.open('https://example.com/docs') === null);
  expect(popup).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/elsewhere';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(start);
  expect(app.windows()).toHaveLength(1);
  const opened = await app.evaluate(() => (globalThis as { __cnpOpened?: string[] }).__cnpOpened ?? []);
  expect(opened).toEqual(['https://example.com/docs', 'https://example.com/elsewhere']);
});
