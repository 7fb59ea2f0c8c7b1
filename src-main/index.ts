import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, powerMonitor, session, type BrowserWindow } from 'electron';
import type { Channel } from '../src-shared/contract';
import { appDataDir, isDefaultDbPath, resolveDbPath } from './core/db/paths';
import { openStore, type Store } from './core/db/store';
import { Engine } from './core/engine';
import { APP_ID } from './shell/app-identity';
import { closeHidesWindow } from './shell/close-behaviour';
import { KeepAwake, Notifier, isLaunchAtLoginOn, launchedHidden, linuxTrayHostPresent, setLaunchAtLogin } from './shell/desktop-integration';
import { forwardEvents, registerContract } from './shell/ipc';
import { createMainWindow, hardenSession, hardenWebContents, revealWindow, serveRendererFiles } from './shell/main-window';
import type { RendererOrigin } from './shell/sender-check';
import { saveDialogFileSaver } from './shell/save-dialog';
import { ShellSync } from './shell/shell-sync';
import { TrayController } from './shell/tray';
import type { TrayAction } from './shell/tray-menu';
import { WINDOW_STATE_FILE } from './shell/window-state';

/**
 * The desktop app: Electron lifecycle around the same engine `cnp serve` runs. Everything with logic
 * lives in src-main/shell as plain functions; this file only wires Electron to them.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const origin: RendererOrigin = {
  rendererDir: path.join(here, '..', 'renderer'),
  // electron-vite sets this for `npm run dev`; a packaged app never follows it.
  devServerUrl: app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null),
};
// The route names are the renderer's (src-renderer/routing.ts): it routes by hash.
const routes = { run: (id: number) => `#/runs/${id}`, editJob: (id: number) => `#/jobs/${id}/edit` };
/** Calls after which the tray, keep-awake or the login item may need to change. */
const SHELL_RELEVANT_CALLS = new Set<Channel>([
  'settings.set',
  'jobs.create',
  'jobs.update',
  'jobs.delete',
  'jobs.pause',
  'jobs.resume',
  'jobs.runNow',
  'runs.cancel',
  'runs.retry',
  'cooldown.clear',
]);
/** A run left running at quit is stopped; a run that will not stop must not hold the app open forever. */
const STOP_TIMEOUT_MS = 15_000;

// One folder for the database, the CLI and Electron's own files, whatever the product name says.
app.setPath('userData', appDataDir());
// Windows shows toasts only for an app with an AppUserModelID, and groups the taskbar by it; the
// installer's shortcut carries the same id (electron-builder.yml appId).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));
  void app.whenReady().then(boot, (err: unknown) => fatal('Claude Night Pilot could not start', err));
}

function fatal(title: string, err: unknown): void {
  dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
  app.exit(1);
}

async function boot(): Promise<void> {
  hardenSession(session.defaultSession, origin);
  serveRendererFiles(session.defaultSession, origin);
  // Asked while the database opens and the engine starts; it only decides what closing the window does.
  const trayHost = linuxTrayHostPresent();

  let store: Store;
  try {
    const dbPath = resolveDbPath(undefined);
    store = openStore(dbPath, { createFolder: isDefaultDbPath(dbPath) });
  } catch (err) {
    fatal('Claude Night Pilot cannot open its database', err);
    return;
  }

  let window: BrowserWindow | null = null;
  let tray: TrayController | null = null;
  let quitting = false;
  let trayHostPresent = false;
  /** Whether the window can hide: only where the tray can bring it back (see close-behaviour.ts). */
  const hidesToTray = () => {
    let keepInTray = false;
    try {
      keepInTray = store.settings.getAll().keepInTray;
    } catch {
      // An unreadable setting falls back to the default (off): quitting is the safe way to be wrong.
    }
    return closeHidesWindow({ platform: process.platform, trayCreated: tray !== null, trayHostPresent, keepInTray });
  };

  const windowDeps = {
    origin,
    preloadPath: path.join(here, '..', 'preload', 'index.cjs'),
    rendererIndex: path.join(origin.rendererDir, 'index.html'),
    stateFile: path.join(app.getPath('userData'), WINDOW_STATE_FILE),
    devTools: !app.isPackaged,
    // Without a visible tray there would be no way back to a hidden window: then closing it quits.
    hideOnClose: () => !quitting && hidesToTray(),
  };
  const openWindow = (hash?: string) => {
    if (window !== null && !window.isDestroyed()) return revealWindow(window, hash);
    const created = createMainWindow(windowDeps, hash);
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
  };

  const notifier = new Notifier((runId) => openWindow(runId !== null ? routes.run(runId) : undefined));
  const fileSaver = saveDialogFileSaver({
    showSaveDialog: (win, options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
    downloadsDir: () => app.getPath('downloads'),
    window: () => window,
  });
  const engine = new Engine({ store, version: app.getVersion(), notifier, fileSaver });
  const keepAwake = new KeepAwake();
  const sync = new ShellSync(store, engine.bus, {
    showTray: (view) => tray?.update(view),
    keepAwake: (on) => keepAwake.set(on),
    launchAtLogin: { isOn: isLaunchAtLoginOn, set: setLaunchAtLogin },
    notify: (n) => notifier.notify(n),
    warn: (message) => console.warn(`[shell] ${message}`),
  });

  // Settings and job edits change what the tray, keep-awake and the login item should be.
  registerContract(ipcMain, engine.api('ui'), origin, (channel) => {
    if (SHELL_RELEVANT_CALLS.has(channel)) sync.soon();
  });
  forwardEvents(engine.bus, () => window);

  const onTrayAction = (action: TrayAction) => {
    switch (action.type) {
      case 'open':
        return openWindow();
      case 'openJob':
        return openWindow(routes.editJob(action.jobId));
      case 'pauseAll':
        engine.pauseAll();
        return sync.soon();
      case 'resumeAll':
        engine.resumeAll();
        return sync.soon();
      case 'quit':
        return app.quit();
    }
  };
  try {
    tray = new TrayController(onTrayAction, { template: process.platform === 'darwin' });
  } catch (err) {
    console.warn(`[shell] No tray on this desktop; closing the window will quit: ${(err as Error).message}`);
  }

  try {
    await engine.start();
  } catch (err) {
    store.close();
    fatal('Claude Night Pilot could not start its scheduler', err);
    return;
  }
  sync.start();
  trayHostPresent = await trayHost;

  // Started at login: stay in the tray and create the window only when asked (less memory overnight).
  if (!launchedHidden() || !hidesToTray()) openWindow();

  app.on('second-instance', () => openWindow());
  app.on('activate', () => openWindow());
  // After sleep, missed fire times are handled now (catch-up policy), not at the next timer.
  powerMonitor.on('resume', () => {
    engine.resume();
    sync.soon();
  });
  app.on('window-all-closed', () => {
    if (!hidesToTray()) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    void (async () => {
      sync.stop();
      keepAwake.set(false);
      await Promise.race([engine.stop().catch((err: unknown) => console.error('[shell] engine stop failed', err)), timeout]);
      store.close();
      tray?.destroy();
      stopped = true;
      app.quit();
    })();
  });
}
