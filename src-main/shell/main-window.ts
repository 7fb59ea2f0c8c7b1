import fs from 'node:fs';
import { BrowserWindow, screen, shell, type Session, type WebContents } from 'electron';
import { answerRendererFile } from './renderer-files';
import { externalLinkTarget, isOwnRendererUrl, type RendererOrigin } from './sender-check';
import { mainWindowOptions, rendererContentSecurityPolicy } from './window-options';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';

/** Electron adapter for the main window: security wiring, window state, showing a route. */

/** Session-wide: CSP on every response, and no web permission (camera, geolocation…) for anyone. */
export function hardenSession(ses: Session, origin: RendererOrigin): void {
  const csp = rendererContentSecurityPolicy(origin.devServerUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [csp] } });
  });
  // Copying a session id or a log line is the one capability the UI needs.
  const allowed = (wc: WebContents | null, permission: string) =>
    permission === 'clipboard-sanitized-write' && wc !== null && isOwnRendererUrl(wc.getURL(), origin);
  ses.setPermissionRequestHandler((wc, permission, callback) => callback(allowed(wc, permission)));
  ses.setPermissionCheckHandler((wc, permission) => allowed(wc, permission));
}

/**
 * The built app's page comes through this `file:` handler: it serves only the renderer folder, and
 * it is where the CSP gets frame-ancestors (which the page's meta tag cannot carry). With the dev
 * server the page is http and onHeadersReceived above sets the policy instead.
 */
export function serveRendererFiles(ses: Session, origin: RendererOrigin): void {
  if (origin.devServerUrl) return;
  const csp = rendererContentSecurityPolicy(null);
  ses.protocol.handle('file', async (request) => {
    const answer = answerRendererFile(request.url, origin.rendererDir, csp);
    if (answer.status !== 200) return new Response(null, { status: answer.status, headers: answer.headers });
    return new Response(await fs.promises.readFile(answer.file), { status: 200, headers: answer.headers });
  });
}

/** Every web contents (windows, and any a bug might create): no navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, origin: RendererOrigin): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isOwnRendererUrl(url, origin)) return;
    event.preventDefault();
    const external = externalLinkTarget(url);
    if (external) void shell.openExternal(external);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
}

export interface MainWindowDeps {
  origin: RendererOrigin;
  preloadPath: string;
  /** The built index.html, used when there is no dev server. */
  rendererIndex: string;
  stateFile: string;
  devTools: boolean;
  /** Closing the window hides it to the tray, unless the app is quitting (or has no tray). */
  hideOnClose(): boolean;
}

/** Opens the window (shown once painted), optionally on a route such as `#/runs/12`. */
export function createMainWindow(deps: MainWindowDeps, hash?: string): BrowserWindow {
  const primaryId = screen.getPrimaryDisplay().id;
  // placeWindow treats the first display as the fallback for a window that lost its monitor.
  const displays = screen
    .getAllDisplays()
    .sort((a, b) => Number(b.id === primaryId) - Number(a.id === primaryId))
    .map((d) => d.workArea);
  const placed = placeWindow(loadWindowState(deps.stateFile), displays);
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: deps.preloadPath, bounds: placed, devTools: deps.devTools }));
  if (placed.maximized) win.maximize();

  let saveTimer: NodeJS.Timeout | null = null;
  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    saveWindowState(deps.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  const saveSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', (event) => {
    if (saveTimer) clearTimeout(saveTimer);
    save();
    if (deps.hideOnClose()) {
      event.preventDefault();
      win.hide();
    }
  });

  win.once('ready-to-show', () => win.show());
  const route = hash?.replace(/^#/, '');
  if (deps.origin.devServerUrl) void win.loadURL(route ? `${deps.origin.devServerUrl.replace(/#.*$/, '')}#${route}` : deps.origin.devServerUrl);
  else void win.loadFile(deps.rendererIndex, route ? { hash: route } : {});
  return win;
}

/** Brings an open window forward, optionally on a route (`#/runs/12`) — the renderer routes by hash. */
export function revealWindow(win: BrowserWindow, hash?: string): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  if (hash) void win.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(hash)}`);
}
