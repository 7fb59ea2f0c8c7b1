import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, mainWindowOptions, rendererContentSecurityPolicy } from './window-options';

function directive(csp: string, name: string): string[] {
  const found = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', devTools: false });

  it('isolates the renderer from Node and Electron', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
  });

  it('starts hidden and at the default size when no bounds were saved', () => {
    expect(options.show).toBe(false);
    expect(options).toMatchObject(DEFAULT_WINDOW_SIZE);
    expect(options).not.toHaveProperty('x');
  });

  it('uses saved bounds, and a position only when both coordinates are known', () => {
    expect(mainWindowOptions({ preloadPath: 'p', devTools: true, bounds: { x: 10, y: 20, width: 1000, height: 700 } })).toMatchObject({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
    });
    expect(mainWindowOptions({ preloadPath: 'p', devTools: true, bounds: { width: 1000, height: 700 } })).not.toHaveProperty('x');
  });
});

describe('rendererContentSecurityPolicy', () => {
  it('allows only our own scripts and connections in a build', () => {
    const csp = rendererContentSecurityPolicy(null);
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('lets the dev server run its preamble and HMR socket, nothing wider', () => {
    const csp = rendererContentSecurityPolicy('http://localhost:5173/');
    expect(directive(csp, 'script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });
});
