import fs from 'node:fs';
import { execa } from 'execa';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir | null = null;
afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

const query = <T>(db: string, sql: string, ...args: unknown[]): T[] => {
  const conn = new BetterSqlite3(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...args) as T[];
  } finally {
    conn.close();
  }
};

/** The resident memory of a live process in MB (Linux), or null once it is gone. */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `cnp job run <id> --wait` and samples its memory until it exits. */
async function runSampled(db: string, jobId: number): Promise<{ exitCode: number; peakMb: number; stderr: string }> {
  const child = execa(process.execPath, [CLI_PATH, '--db', db, 'job', 'run', String(jobId), '--wait'], {
    reject: false,
    env: { CNP_LOGIN_PATH: '0' },
    stdin: 'ignore',
    timeout: 120_000,
  });
  let peakMb = 0;
  const sampler = setInterval(() => {
    const mb = child.pid ? rssMb(child.pid) : null;
    if (mb !== null) peakMb = Math.max(peakMb, mb);
  }, 25);
  const result = await child;
  clearInterval(sampler);
  return { exitCode: result.exitCode ?? -1, peakMb, stderr: String(result.stderr) };
}

describe.skipIf(process.platform !== 'linux')('output is capped in bytes, not lines', () => {
  it('survives a 600 MB line without a newline, keeping a marked preview, with bounded memory', async () => {
    tmp = tempDir();
    const created = await runCli(['--db', tmp.db, '--json', 'job', 'create', '--name', 'huge', '--command', "echo before; head -c 600000000 /dev/zero | tr '\\0' a; echo; echo after", '--manual']);
    expect(created.exitCode).toBe(0);
    const run = await runSampled(tmp.db, (created.json as { id: number }).id);
    expect(run.stderr).not.toMatch(/ERR_STRING_TOO_LONG|Invalid string length/);
    expect(run.exitCode).toBe(0);
    // Before the fix the line was built as one string: 600 MB of text cannot fit in memory bounds.
    expect(run.peakMb).toBeLessThan(400);
    const runs = query<{ status: string; events_truncated: number }>(tmp.db, 'SELECT status, events_truncated FROM runs');
    expect(runs).toEqual([{ status: 'succeeded', events_truncated: 1 }]);
    const events = query<{ kind: string; payload: string }>(tmp.db, 'SELECT kind, payload FROM run_events ORDER BY seq').map((e) => ({ kind: e.kind, payload: JSON.parse(e.payload) as Record<string, unknown> }));
    expect(events[0]).toEqual({ kind: 'stdout', payload: { text: 'before' } });
    const long = events[1]!.payload;
    expect(long.truncated).toBe(true);
    expect(long.originalBytes).toBe(600_000_000);
    expect(String(long.text)).toMatch(/^a+$/);
    expect(String(long.text).length).toBeLessThanOrEqual(64 * 1024);
    expect(events.at(-1)).toEqual({ kind: 'stdout', payload: { text: 'after' } });
  }, 150_000);
});
