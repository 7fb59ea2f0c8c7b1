/**
 * A failed delivery in words a user can act on: which host and port, and what to check. The raw
 * error text is kept last for the rare case none of the known causes fits.
 */
export function describeDeliveryError(err: unknown, target: { host: string; port?: number | undefined; what: string }): string {
  const e = err as NodeJS.ErrnoException & { responseCode?: number; response?: string; command?: string };
  const where = target.port !== undefined ? `${target.host}:${target.port}` : target.host;
  const code = e?.code ?? '';
  const message = e instanceof Error ? e.message : String(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo/i.test(message)) {
    return `The ${target.what} host "${target.host}" cannot be found: check the host name`;
  }
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return `Connection to ${where} was refused: nothing listens there; check the host and the port`;
  }
  if (code === 'ETIMEDOUT' || code === 'ECONNECTION' || /timed? ?out|timeout/i.test(message) || e?.name === 'TimeoutError') {
    return `No answer from ${where} in time: the host is unreachable or the port is blocked`;
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${where} is unreachable from this machine (${code})`;
  if (code === 'EAUTH' || e?.responseCode === 535) return `The SMTP server at ${where} refused the user name or password`;
  if (code === 'ETLS' || /ssl|tls|certificate|wrong version number/i.test(message)) {
    return `The secure connection to ${where} failed (${message}): check the security setting (TLS on port 465, STARTTLS on 587)`;
  }
  if (code === 'EENVELOPE' || (e?.responseCode !== undefined && e.responseCode >= 500)) {
    return `The SMTP server at ${where} rejected the message: ${e?.response ?? message}`;
  }
  return `Delivery to ${where} failed: ${message}`;
}
