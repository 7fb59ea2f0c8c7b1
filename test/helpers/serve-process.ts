import BetterSqlite3 from 'better-sqlite3';
import { execa, type ResultPromise } from 'execa';
import { CLI_PATH } from './cli';
import { waitFor } from './temp-store';

export interface ServeProcess {
  child: ResultPromise;
  /** The first line `cnp serve` printed: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** `http://127.0.0.1:PORT`, without the token. */
  base: string;
  token: string;
  stdout(): string;
  stderr(): string;
}

export interface ServeOptions {
  /** More `cnp serve` flags, e.g. `--metrics-public`. */
  args?: string[];
  env?: Record<string, string>;
  /** In its own process group, for tests that kill the whole group. */
  detached?: boolean;
}

/** `cnp serve` on `db` as a real process on 127.0.0.1; resolves once it printed its URL line. */
export async function startServe(db: string, opts: ServeOptions = {}): Promise<ServeProcess> {
  const child = execa(process.execPath, [CLI_PATH, 'serve', '--db', db, '--port', '0', ...(opts.args ?? [])], {
    detached: opts.detached ?? false,
    env: { CNP_LOGIN_PATH: '0', ...opts.env },
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
  const parsed = new URL(url);
  return { child, url, base: `http://${parsed.host}`, token: parsed.searchParams.get('token') ?? '', stdout: () => out, stderr: () => err };
}

/** A contract call over HTTP, the way the web UI makes it. */
export async function api<T>(s: ServeProcess, channel: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${s.base}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value as T;
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
