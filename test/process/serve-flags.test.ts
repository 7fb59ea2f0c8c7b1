import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_V8_FLAGS } from '../../src-main/cli/serve-runtime';
import { ensureCliBuilt, tempDir, type TempDir } from '../helpers/cli';
import { api, startServe, type ServeProcess } from '../helpers/serve-process';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir | null = null;
let serve: ServeProcess | null = null;
afterEach(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.child;
  serve = null;
  tmp?.cleanup();
  tmp = null;
});

const argvOf = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

/** Node exposes process.execve from 22.15 on; older Nodes run serve as started (and so skip this). */
const canReexec = typeof (process as unknown as { execve?: unknown }).execve === 'function';

describe.skipIf(process.platform !== 'linux' || !canReexec)('cnp serve runs with its V8 flags', () => {
  it('re-executes itself in place: the same pid, now with the flags, serving as usual', async () => {
    tmp = tempDir();
    serve = await startServe(tmp.db);
    const argv = argvOf(serve.child.pid!);
    expect(argv.slice(1, 1 + SERVE_V8_FLAGS.length)).toEqual([...SERVE_V8_FLAGS]);
    expect(argv).toContain('serve');
    expect(argv.filter((a) => a.startsWith('--max-semi-space-size'))).toHaveLength(1);
    expect(await api<{ items: unknown[] }>(serve, 'jobs.list', {})).toMatchObject({ items: [] });
  }, 30_000);

  it('keeps a semi-space size the person chose in NODE_OPTIONS', async () => {
    tmp = tempDir();
    serve = await startServe(tmp.db, { env: { NODE_OPTIONS: '--max-semi-space-size=16' } });
    expect(argvOf(serve.child.pid!).some((a) => a.startsWith('--max-semi-space-size'))).toBe(false);
  }, 30_000);
});
