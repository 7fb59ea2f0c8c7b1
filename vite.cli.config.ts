import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const outDir = fromRoot('./out/cli');

/** `cnp` itself, and the benchmark once someone has written it. */
const input: Record<string, string> = { cnp: fromRoot('./src-main/cli/main.ts') };
if (existsSync(fromRoot('./bench/main.ts'))) input.bench = fromRoot('./bench/main.ts');
if (existsSync(fromRoot('./bench/output.ts'))) input['bench-output'] = fromRoot('./bench/output.ts');

/**
 * Tests and running `cnp`s load out/cli while it is being rebuilt, so the folder is not emptied
 * first (that leaves seconds with no CLI at all); instead, files of earlier builds are removed once
 * the new ones are written.
 */
function removeStaleOutput(): Plugin {
  return {
    name: 'cnp-remove-stale-output',
    apply: 'build',
    writeBundle(_options, bundle) {
      const fresh = new Set(Object.keys(bundle).map((file) => path.join(outDir, file)));
      const sweep = (dir: string) => {
        if (!existsSync(dir)) return;
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) sweep(file);
          else if (!fresh.has(file)) rmSync(file, { force: true });
        }
      };
      sweep(outDir);
    },
  };
}

/**
 * The CLI as a Node program. An SSR build leaves node_modules and Node built-ins as imports, so the
 * native better-sqlite3 and friends load from node_modules at run time; our own code (and the
 * migrations, embedded through import.meta.glob) goes into the bundle.
 */
export default defineConfig({
  root: fromRoot('.'),
  publicDir: false,
  logLevel: 'warn',
  plugins: [removeStaleOutput()],
  build: {
    ssr: true,
    target: 'node22',
    outDir,
    emptyOutDir: false,
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
