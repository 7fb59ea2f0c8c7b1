/**
 * The main window's options as plain data. The shape mirrors the subset of Electron's
 * BrowserWindowConstructorOptions we set, so the adapter passes it straight to `new BrowserWindow`
 * (and the compiler checks it there) while this file stays testable without Electron.
 */
export interface MainWindowOptions {
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    spellcheck: boolean;
    devTools: boolean;
  };
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 880, height: 560 } as const;

export function mainWindowOptions(input: {
  preloadPath: string;
  bounds?: { x?: number | undefined; y?: number | undefined; width: number; height: number } | null;
  /** Packaged builds drop DevTools: the renderer has no business being inspected by end users' malware. */
  devTools: boolean;
  dark?: boolean;
}): MainWindowOptions {
  const bounds: { x?: number | undefined; y?: number | undefined; width: number; height: number } = input.bounds ?? DEFAULT_WINDOW_SIZE;
  return {
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on 'ready-to-show' so the user never sees an unstyled white flash.
    show: false,
    title: 'Claude Night Pilot',
    backgroundColor: input.dark ? '#111418' : '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}

/**
 * The renderer's Content-Security-Policy. Production allows only our own files; the dev server needs
 * Vite's inline React-refresh preamble and its HMR socket, and nothing more.
 */
export function rendererContentSecurityPolicy(devServerUrl: string | null): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const hmrSocket = dev ? `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}` : null;
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    // React sets style properties through the CSSOM (always allowed); some widgets inject <style>.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', hmrSocket ? ["'self'", hmrSocket] : ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/**
 * The policy for the page's meta tag in built files: the production policy less frame-ancestors,
 * which browsers ignore (with a console warning) in a meta tag. The desktop app sends the full
 * policy as a header from its file handler; `cnp serve` sends its own header.
 */
export function rendererMetaPolicy(): string {
  return rendererContentSecurityPolicy(null)
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors '))
    .join('; ');
}
