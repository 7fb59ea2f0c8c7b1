import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererMetaPolicy } from './src-main/shell/window-options';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;

/**
 * The built page's CSP meta tag is written from the shell's policy (one source of truth with the
 * header the app sends), so a hand edit of index.html cannot loosen it.
 */
function buildCsp(): Plugin {
  return {
    name: 'cnp:build-csp',
    apply: 'build',
    transformIndexHtml(html) {
      if (!CSP_META.test(html)) throw new Error('src-renderer/index.html lost its Content-Security-Policy meta tag');
      return html.replace(CSP_META, `$1${rendererMetaPolicy()}$2`);
    },
  };
}

/**
 * Under `npm run dev` Vite's React-refresh preamble is an inline script and HMR is a socket, so the
 * dev server (only) relaxes script-src and connect-src; builds are untouched.
 */
function devServerCsp(): Plugin {
  return {
    name: 'cnp:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/script-src 'self'/, "script-src 'self' 'unsafe-inline'").replace(/connect-src 'self'/, "connect-src 'self' ws: wss:"),
  };
}

export default defineConfig({
  // Dependencies stay external (better-sqlite3 is native and must load from node_modules).
  main: {
    build: {
      outDir: fromRoot('./out/main'),
      sourcemap: true,
      rollupOptions: { input: { index: fromRoot('./src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('./out/preload'),
      sourcemap: true,
      // A sandboxed preload can require only 'electron' and a few built-ins: everything else
      // (zod, via the contract's channel list) is bundled in, and the output is CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: fromRoot('./src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('./src-renderer'),
    plugins: [react(), buildCsp(), devServerCsp()],
    build: {
      outDir: fromRoot('./out/renderer'),
      sourcemap: true,
      rollupOptions: { input: { index: fromRoot('./src-renderer/index.html') } },
    },
  },
});
