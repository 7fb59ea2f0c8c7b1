import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** `cnp` itself, and the benchmark once someone has written it. */
const input: Record<string, string> = { cnp: fromRoot('./src-main/cli/main.ts') };
if (existsSync(fromRoot('./bench/main.ts'))) input.bench = fromRoot('./bench/main.ts');

/**
 * The CLI as a Node program. An SSR build leaves node_modules and Node built-ins as imports, so the
 * native better-sqlite3 and friends load from node_modules at run time; our own code (and the
 * migrations, embedded through import.meta.glob) goes into the bundle.
 */
export default defineConfig({
  root: fromRoot('.'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: fromRoot('./out/cli'),
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input,
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  ssr: { target: 'node' },
});
