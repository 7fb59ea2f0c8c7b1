import fs from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import BetterSqlite3 from 'better-sqlite3';
import { CLI_PATH } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';

/** Pids of live processes whose command line contains `marker` (zombies excluded). */
export function processesMatching(marker: string): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cmd.includes(marker) && state !== 'Z') found.push(pid);
    } catch {
      // gone
    }
  }
  return found;
}

export const query = <T>(db: string, sql: string, ...args: unknown[]): T[] => {
  const conn = new BetterSqlite3(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...args) as T[];
  } finally {
    conn.close();
  }
};

/** `cnp serve` as a real process; resolves once it printed its URL. */
export async function serve(db: string, env: Record<string, string> = {}, opts: { detached?: boolean } = {}): Promise<{ child: ResultPromise; out: () => string; err: () => string }> {
  const child = execa(process.execPath, [CLI_PATH, 'serve', '--db', db, '--port', '0'], {
    detached: opts.detached ?? false,
    env: { CNP_LOGIN_PATH: '0', ...env },
    reject: false,
    stdin: 'ignore',
    buffer: false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await waitFor(() => out.includes('\n'), 30_000).catch((e: Error) => {
    throw new Error(`${e.message}; serve printed: ${out} ${err}`);
  });
  return { child, out: () => out, err: () => err };
}

/** Kills leftovers a failed test may have left, so one failure does not poison the machine. */
export function killMatching(marker: string): void {
  for (const pid of processesMatching(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
