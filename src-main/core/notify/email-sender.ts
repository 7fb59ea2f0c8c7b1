import nodemailer from 'nodemailer';
import type { EmailChannelConfig } from '../../../src-shared/ops';
import { describeDeliveryError } from './delivery-errors';
import type { Notification } from './message';

/**
 * Email over SMTP with nodemailer (the maintained standard; it speaks implicit TLS, STARTTLS and
 * AUTH). `tls` connects encrypted (port 465); `starttls` insists on the upgrade (587); `none`
 * sends in clear and is meant for a relay on this machine.
 */
export async function sendEmail(cfg: EmailChannelConfig, n: Notification, timeoutMs = 10_000): Promise<void> {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.security === 'tls',
    requireTLS: cfg.security === 'starttls',
    ignoreTLS: cfg.security === 'none',
    ...(cfg.username ? { auth: { user: cfg.username, pass: cfg.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // No pool, no retries of its own: one attempt per delivery, recorded on the alert.
    pool: false,
  });
  try {
    await transport.sendMail({ from: cfg.from, to: cfg.to, subject: n.subject, text: n.text });
  } catch (err) {
    throw new Error(describeDeliveryError(err, { host: cfg.host, port: cfg.port, what: 'SMTP' }));
  } finally {
    transport.close();
  }
}
