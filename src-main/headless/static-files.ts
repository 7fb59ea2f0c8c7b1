import fs from 'node:fs';
import path from 'node:path';

/** Resolving a request path to one of the renderer's built files, with no way out of its folder. */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget =
  | { kind: 'file'; file: string; size: number; spaFallback: boolean }
  | { kind: 'forbidden' }
  | { kind: 'bad-request' }
  | { kind: 'not-found' };

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function statFile(file: string): fs.Stats | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/**
 * Maps a URL pathname to a file under `root`. Unknown paths without an extension are client-side
 * routes and get index.html (the SPA fallback); unknown asset paths are a plain 404 so a missing
 * script fails loudly instead of being answered with HTML.
 */
export function resolveStatic(root: string, pathname: string): StaticTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  if (decoded.includes('\0')) return { kind: 'bad-request' };
  // Backslashes are separators on Windows; a request path never needs one.
  if (decoded.includes('\\')) return { kind: 'forbidden' };
  const realRoot = fs.realpathSync(root);
  const candidate = path.resolve(realRoot, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (!inside(realRoot, candidate)) return { kind: 'forbidden' };
  // Hidden files and folders (.env, .git, …) are never part of a build we serve.
  if (path.relative(realRoot, candidate).split(path.sep).some((seg) => seg.startsWith('.'))) return { kind: 'not-found' };

  const wanted = candidate === realRoot ? path.join(realRoot, 'index.html') : candidate;
  const st = statFile(wanted);
  if (st) {
    // A symlink in the build folder must not become a way out of it.
    const real = fs.realpathSync(wanted);
    if (!inside(realRoot, real)) return { kind: 'forbidden' };
    return { kind: 'file', file: real, size: st.size, spaFallback: false };
  }
  if (path.extname(wanted) !== '') return { kind: 'not-found' };
  const index = path.join(realRoot, 'index.html');
  const indexStat = statFile(index);
  return indexStat ? { kind: 'file', file: index, size: indexStat.size, spaFallback: true } : { kind: 'not-found' };
}
