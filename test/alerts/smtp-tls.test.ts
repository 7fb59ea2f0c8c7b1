import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, tempDir, type TempDir } from '../helpers/cli';

beforeAll(() => ensureCliBuilt());

let tmp: TempDir;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  tmp?.cleanup();
});

/** A self-signed certificate for 127.0.0.1, made by openssl for this test only. */
function makeCertificate(dir: string): { key: Buffer; cert: Buffer; certPath: string } {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath), certPath };
}

/** A real SMTP server on 127.0.0.1 that only accepts AUTH over an encrypted connection. */
async function startSecureSmtp(mode: 'tls' | 'starttls', tls: { key: Buffer; cert: Buffer }) {
  const mails: { subject: string; encrypted: boolean }[] = [];
  const server = new SMTPServer({
    secure: mode === 'tls',
    key: tls.key,
    cert: tls.cert,
    allowInsecureAuth: false,
    logger: false,
    onAuth(a, _session, cb) {
      if (a.username === 'night' && a.password === 'tls-pass') cb(null, { user: a.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ subject: /^Subject: (.*)$/im.exec(raw)?.[1] ?? '', encrypted: session.secure });
        cb();
      });
    },
  });
  // A client that refuses the certificate hangs up mid-handshake, which the server reports as an
  // error event: expected here, and unhandled it would fail the run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, mails };
}

describe('email alerts over TLS and STARTTLS to a real SMTP server', { timeout: 120_000 }, () => {
  it.each(['tls', 'starttls'] as const)('%s: the test message arrives encrypted when the certificate is trusted, and is refused with a reason when it is not', async (mode) => {
    tmp = tempDir();
    const tls = makeCertificate(path.dirname(tmp.db));
    const smtp = await startSecureSmtp(mode, tls);
    const cli = (args: string[], env: Record<string, string> = {}) => runCli(['--db', tmp.db, '--json', ...args], { env });
    const added = await cli(['notify', 'channel', 'add', '--type', 'email', '--name', 'mail', '--host', '127.0.0.1', '--port', String(smtp.port), '--security', mode, '--user', 'night', '--password', 'tls-pass', '--from', 'pilot@example.com', '--to', 'me@example.com']);
    expect(added.exitCode, added.stderr).toBe(0);
    const id = String((added.json as { id: number }).id);

    // Node trusts the relay's certificate the way a user would make it: NODE_EXTRA_CA_CERTS.
    const sent = await cli(['notify', 'channel', 'test', id], { NODE_EXTRA_CA_CERTS: tls.certPath });
    expect(sent.exitCode, sent.stderr).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.encrypted).toBe(true);

    // Without it, the self-signed certificate is refused: nothing is sent and the reason says so.
    const refused = await cli(['notify', 'channel', 'test', id]);
    expect(refused.exitCode).toBe(1);
    expect(JSON.stringify(refused.json)).toMatch(/secure connection to 127\.0\.0\.1:\d+ failed .*certificate/i);
    expect(smtp.mails).toHaveLength(1);
  });
});
