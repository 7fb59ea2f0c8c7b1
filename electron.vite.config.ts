import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * index.html carries a strict CSP meta tag for the built app. Under `npm run dev` Vite's React-refresh
 * preamble is an inline script, so the dev server (only) relaxes script-src; builds are untouched.
 */
function devServerCsp(): Plugin {
  return {
    name: 'cnp:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/script-src 'self'/, "script-src 'self' 'unsafe-inline'"),
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
    plugins: [react(), devServerCsp()],
    build: {
      outDir: fromRoot('./out/renderer'),
      sourcemap: true,
      rollupOptions: { input: { index: fromRoot('./src-renderer/index.html') } },
    },
  },
});
