#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/cnp.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('cnp is not built yet: run `npm run build`\n');
  process.exit(1);
}
await import(built.href);
