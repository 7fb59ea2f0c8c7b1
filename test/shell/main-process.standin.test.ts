import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { APP_ID } from '../../src-main/shell/app-identity';
import { OWN_PAGE_URL, ensureShellBuilt, startStandinApp, type LogEntry, type StandinApp } from '../helpers/electron-standin';

/**
 * Stand-in test of the Electron main process: the built out/main/index.js runs under Node with
 * `electron` resolved to a recording stand-in (test/fixtures/electron-standin). It proves the shell's
 * wiring — order of start-up, IPC registration and sender checks, window security options, the
 * notification click, the shutdown — not Electron itself; the Playwright _electron specs do that
 * where the binary exists.
 */
beforeAll(() => ensureShellBuilt());

let running: StandinApp[] = [];
afterEach(() => {
  for (const a of running) a.cleanup();
  running = [];
});

function start(opts: Parameters<typeof startStandinApp>[0] = {}): StandinApp {
  const a = startStandinApp(opts);
  running.push(a);
  return a;
}

const ofType = (log: LogEntry[], type: string) => log.filter((e) => e.type === type);
const windowShown = (log: LogEntry[]) => log.some((e) => e.type === 'window.ready-to-show');

async function call<T>(a: StandinApp, channel: string, input: unknown, frameUrl: string | null = OWN_PAGE_URL, subframe = false): Promise<Result<T>> {
  return a.send<Result<T>>('invoke', { channel, input, frameUrl, subframe });
}

async function value<T>(a: StandinApp, channel: string, input: unknown): Promise<T> {
  const result = await call<T>(a, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('the Electron main process (stand-in)', () => {
  it('sets userData before ready, registers every contract call and opens a locked-down window on the built page', async () => {
    const a = start();
    const log = await a.waitFor(windowShown, 'the window');

    const setPath = ofType(log, 'app.setPath').find((e) => e.name === 'userData');
    expect(setPath).toMatchObject({ ready: false, value: path.join(a.dir, 'config', 'claude-night-pilot') });
    expect(log.findIndex((e) => e.type === 'app.setPath')).toBeLessThan(log.findIndex((e) => e.type === 'app.ready'));
    // setAppUserModelId is for Windows only.
    expect(ofType(log, 'app.setAppUserModelId')).toEqual([]);

    expect((await a.send<string[]>('handlers')).sort()).toEqual([...CHANNELS].sort());

    const [created] = ofType(log, 'window.create') as (LogEntry & { options: { webPreferences: Record<string, unknown> } })[];
    const prefs = created!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false });
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(prefs.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    const [load] = ofType(log, 'window.load');
    expect(load).toMatchObject({ exists: true, url: OWN_PAGE_URL });
  });

  it('answers a call from its own page and refuses a foreign page or an iframe', async () => {
    const a = start();
    await a.waitFor(windowShown, 'the window');
    expect(await call(a, 'system.version', {})).toEqual({ ok: true, value: { version: '0.0.0-standin' } });
    expect(await call(a, 'prompts.create', { title: 't', body: 'b' }, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(a, 'prompts.create', { title: 't', body: 'b' }, OWN_PAGE_URL, true)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await value<unknown[]>(a, 'prompts.list', {})).toEqual([]);
  });

  it('serves the page with the full CSP header, frame-ancestors included, and nothing outside the renderer folder', async () => {
    const a = start();
    await a.waitFor(windowShown, 'the window');
    const page = await a.send<{ status: number; headers: Record<string, string>; head: string }>('protocol', { scheme: 'file', url: OWN_PAGE_URL });
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy']!;
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(page.head).toContain('<!doctype html>');
    // The meta tag in the built page carries the same policy, less frame-ancestors (ignored in meta).
    const html = fs.readFileSync(new URL(OWN_PAGE_URL), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(csp.replace(/; frame-ancestors 'none'/, ''));

    const outside = await a.send<{ status: number }>('protocol', { scheme: 'file', url: 'file:///etc/passwd' });
    expect(outside.status).toBe(403);
    const sneaky = await a.send<{ status: number }>('protocol', { scheme: 'file', url: `${OWN_PAGE_URL.replace(/index\.html$/, '')}../main/index.js` });
    expect(sneaky.status).toBe(403);
  });

  it('opens the run of a failure notification when it is clicked', async () => {
    const a = start();
    await a.waitFor(windowShown, 'the window');
    const job = await value<{ id: number }>(a, 'jobs.create', { name: 'breaks', kind: 'shell', command: 'exit 3', schedule: { type: 'manual' } });
    const run = await value<{ id: number }>(a, 'jobs.runNow', { id: job.id });
    const log = await a.waitFor((l) => l.some((e) => e.type === 'notification.show'), 'the failure notification');
    const [created] = ofType(log, 'notification.create') as (LogEntry & { options: { title: string; id: string; groupId: string } })[];
    expect(created!.options).toMatchObject({ title: 'breaks failed', id: `${APP_ID}.run-${run.id}`, groupId: APP_ID });

    // The window was hidden to the tray; the click brings it back on the run's page.
    await value(a, 'settings.set', { keepInTray: true });
    await a.send('closeWindow', { id: 1 });
    await a.send('clickNotification', { index: 0 });
    const after = await a.waitFor((l) => l.some((e) => e.type === 'webContents.executeJavaScript'), 'the window on the run');
    expect(ofType(after, 'webContents.executeJavaScript')[0]).toMatchObject({ code: `window.location.hash = "#/runs/${run.id}"` });
    expect(ofType(after, 'window.show').length).toBeGreaterThanOrEqual(2);
    expect(ofType(after, 'window.create')).toHaveLength(1);
  });

  it('quits on window close without a tray host, stopping the engine and closing the database in time', async () => {
    const a = start();
    await a.waitFor(windowShown, 'the window');
    const job = await value<{ id: number }>(a, 'jobs.create', { name: 'long', kind: 'shell', command: 'sleep 60', schedule: { type: 'manual' } });
    const run = await value<{ id: number }>(a, 'jobs.runNow', { id: job.id });
    await a.waitFor(() => {
      const db = new Database(a.dbPath, { readonly: true });
      try {
        return (db.prepare('SELECT status FROM runs WHERE id = ?').get(run.id) as { status: string }).status === 'running';
      } finally {
        db.close();
      }
    }, 'the run to start');

    const closedAt = Date.now();
    await a.send('closeWindow', { id: 1 });
    const exit = await a.exited;
    expect(exit.code).toBe(0);
    // STOP_TIMEOUT_MS in src-main/index.ts is 15 s; a clean stop is far quicker.
    expect(exit.at - closedAt).toBeLessThan(15_000);
    const log = a.log();
    expect(ofType(log, 'window.close')[0]).toMatchObject({ prevented: false });
    expect(log.map((e) => e.type)).toEqual(expect.arrayContaining(['app.window-all-closed', 'app.quit', 'tray.destroy', 'app.exit']));

    // Closed cleanly: SQLite removes the WAL file when the last connection closes.
    expect(fs.existsSync(`${a.dbPath}-wal`)).toBe(false);
    const db = new Database(a.dbPath, { readonly: true });
    try {
      expect((db.prepare('SELECT status FROM runs WHERE id = ?').get(run.id) as { status: string }).status).not.toBe('running');
      expect(db.prepare('SELECT * FROM engine_lease').all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('hides to the tray instead when the user turned on "Keep running in the tray"', async () => {
    const a = start();
    await a.waitFor(windowShown, 'the window');
    await value(a, 'settings.set', { keepInTray: true });
    await a.send('closeWindow', { id: 1 });
    const log = a.log();
    expect(ofType(log, 'window.close')[0]).toMatchObject({ prevented: true });
    expect(ofType(log, 'window.hide')).toHaveLength(1);
    expect(a.child.exitCode).toBeNull();
    await a.send('quit');
    expect((await a.exited).code).toBe(0);
  });

  it('shows the error box once and exits 1 when the database cannot be opened', async () => {
    const a = start({ prepare: (dir) => fs.writeFileSync(path.join(dir, 'app.db'), 'this is not a database, just text long enough to have a header'.repeat(20)) });
    const exit = await a.exited;
    expect(exit.code).toBe(1);
    const log = a.log();
    const boxes = ofType(log, 'dialog.showErrorBox');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ title: 'Claude Night Pilot cannot open its database' });
    expect(ofType(log, 'window.create')).toEqual([]);
    expect(log.at(-1)).toMatchObject({ type: 'app.exit', code: 1 });
  });

  it('on macOS: a template tray image, and a login launch starts in the tray without a window', async () => {
    const a = start({ env: { CNP_STANDIN_PLATFORM: 'darwin', CNP_STANDIN_OPENED_AT_LOGIN: '1' } });
    const log = await a.waitFor((l) => l.some((e) => e.type === 'tray.setImage'), 'the tray');
    expect(ofType(log, 'tray.create')[0]).toMatchObject({ template: true });
    expect(ofType(log, 'app.setPath')[0]).toMatchObject({ ready: false, value: path.join(a.dir, 'Library', 'Application Support', 'claude-night-pilot') });
    // Give the boot time to finish; no window may appear.
    await value(a, 'system.version', {}).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(ofType(a.log(), 'window.create')).toEqual([]);
    // The tray brings it up.
    await a.send('trayClick');
    await a.waitFor(windowShown, 'the window from the tray');
  });

  it('on Windows: sets the AppUserModelId before ready, for toasts', async () => {
    const a = start({ env: { CNP_STANDIN_PLATFORM: 'win32' } });
    const log = await a.waitFor(windowShown, 'the window');
    expect(ofType(log, 'app.setAppUserModelId')).toEqual([{ type: 'app.setAppUserModelId', ready: false, id: APP_ID }]);
  });
});
