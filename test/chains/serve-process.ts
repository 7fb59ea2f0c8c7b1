import BetterSqlite3 from 'better-sqlite3';
import { execa, type ResultPromise } from 'execa';
import { CLI_PATH } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';

/** `cnp serve` as a real process on `db`; resolves once it printed its URL line. */
export async function startServe(db: string, env: Record<string, string> = {}): Promise<{ child: ResultPromise; url: string }> {
  const child = execa(process.execPath, [CLI_PATH, 'serve', '--db', db, '--port', '0'], {
    env: { CNP_LOGIN_PATH: '0', ...env },
    reject: false,
    stdin: 'ignore',
    buffer: false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await waitFor(() => out.includes('\n') && out.split('\n')[0]!, 30_000).catch((e: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${e.message}; serve printed: ${out} ${err}`);
  });
  return { child, url };
}

/** A read-only look at the database, as another process would take it. */
export function query<T>(db: string, sql: string, ...args: unknown[]): T[] {
  const conn = new BetterSqlite3(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...args) as T[];
  } finally {
    conn.close();
  }
}

/** Polls an async probe (a CLI call) until it is true. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, stepMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for a condition`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
