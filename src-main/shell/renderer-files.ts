import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer served through a `file:` protocol handler, for two reasons: a response header is
 * the only place a CSP's frame-ancestors counts (a meta tag ignores it), and the page may then read
 * nothing but its own files — a script that got in cannot fetch file:///etc/passwd or ~/.ssh.
 */

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type RendererFileAnswer =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 403 | 404; headers: Record<string, string> };

function insideDir(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * What to answer for a `file:` URL: a file inside the renderer folder (symlinks resolved, so a link
 * cannot lead out), with its type and, for pages, the CSP header; everything else is refused.
 */
export function answerRendererFile(url: string, rendererDir: string, csp: string): RendererFileAnswer {
  const base = { 'X-Content-Type-Options': 'nosniff' };
  let file: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return { status: 403, headers: base };
    file = fileURLToPath(parsed);
  } catch {
    return { status: 403, headers: base };
  }
  let realDir: string;
  let realFile: string;
  try {
    realDir = fs.realpathSync(rendererDir);
    realFile = fs.realpathSync(file);
  } catch {
    // Missing inside our folder is a 404; anything outside is refused without saying whether it exists.
    return { status: insideDir(path.resolve(file), path.resolve(rendererDir)) ? 404 : 403, headers: base };
  }
  if (!insideDir(realFile, realDir)) return { status: 403, headers: base };
  if (!fs.statSync(realFile).isFile()) return { status: 404, headers: base };
  const type = MIME[path.extname(realFile).toLowerCase()] ?? 'application/octet-stream';
  const isPage = type.startsWith('text/html');
  return {
    status: 200,
    file: realFile,
    headers: {
      ...base,
      'Content-Type': type,
      // Vite's module scripts and styles load with `crossorigin` from a file: page, whose origin is
      // opaque; a handled response is CORS-checked, so our own assets say anyone may read them (only
      // this app's session ever asks this handler, and only for these files).
      ...(isPage ? { 'Content-Security-Policy': csp } : { 'Access-Control-Allow-Origin': '*' }),
    },
  };
}
