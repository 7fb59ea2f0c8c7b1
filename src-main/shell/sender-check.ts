import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where our renderer may legitimately be loaded from: the built files, or electron-vite's dev server. */
export interface RendererOrigin {
  /** Absolute path of the built renderer folder (out/renderer). */
  rendererDir: string;
  /** electron-vite dev server URL (ELECTRON_RENDERER_URL), only in `npm run dev`. */
  devServerUrl: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  // Windows paths compare case-insensitively; everywhere else a case change is a different file.
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Is this frame URL our own renderer page? IPC handlers trust nothing else: a frame that navigated
 * away (or an injected iframe) must not reach the contract even if it somehow got the preload.
 */
export function isOwnRendererUrl(frameUrl: string, origin: RendererOrigin, platform: NodeJS.Platform = process.platform): boolean {
  const url = parse(frameUrl);
  if (!url) return false;
  if (url.protocol === 'file:') {
    if (url.host !== '' && url.host !== 'localhost') return false;
    let file: string;
    try {
      file = fileURLToPath(url);
    } catch {
      return false;
    }
    const expected = path.resolve(origin.rendererDir, 'index.html');
    return samePath(path.resolve(file), expected, platform);
  }
  if (origin.devServerUrl === null) return false;
  const dev = parse(origin.devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
  // The dev server is only ever trusted on loopback, whatever the env var says.
  if (!LOOPBACK_HOSTS.has(dev.hostname)) return false;
  return url.origin === dev.origin;
}

/** Links the renderer may hand to the OS browser: plain web pages only, never file:, javascript: or custom schemes. */
export function externalLinkTarget(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.toString();
}
