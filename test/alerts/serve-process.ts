import { execa, type ResultPromise } from 'execa';
import { CLI_PATH } from '../helpers/cli';
import { waitFor } from '../helpers/temp-store';

export interface ServeProcess {
  child: ResultPromise;
  /** `http://127.0.0.1:PORT` without the token. */
  base: string;
  token: string;
  stderr(): string;
}

/** `cnp serve` as a real process on 127.0.0.1; resolves once it printed its URL. */
export async function startServe(db: string, extra: string[] = [], token = 'test-token-0123456789'): Promise<ServeProcess> {
  const child = execa(process.execPath, [CLI_PATH, 'serve', '--db', db, '--port', '0', '--token', token, ...extra], {
    env: { CNP_LOGIN_PATH: '0' },
    reject: false,
    stdin: 'ignore',
    buffer: false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const line = await waitFor(() => out.includes('\n') && out.split('\n')[0]!, 30_000).catch((e: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${e.message}; serve printed: ${out} ${err}`);
  });
  const url = new URL(line);
  return { child, base: `http://${url.host}`, token, stderr: () => err };
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
