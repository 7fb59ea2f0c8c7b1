import type { WebhookFormat } from '../../../src-shared/ops';
import { describeDeliveryError } from './delivery-errors';
import type { Notification } from './message';

/** The body each kind of receiver understands: our JSON, Slack's incoming webhook, Discord's. */
export function webhookPayload(format: WebhookFormat, n: Notification): unknown {
  if (format === 'slack') return { text: `*${n.subject}*\n${n.text}` };
  // Discord refuses content over 2000 characters.
  if (format === 'discord') return { content: `**${n.subject}**\n${n.text}`.slice(0, 2000) };
  return { event: n.event, subject: n.subject, text: n.text, ...(n.alert ? { alert: n.alert } : {}), ...(n.run ? { run: n.run } : {}), sentAt: new Date().toISOString() };
}

/** Posts one notification; throws an Error whose message says what went wrong (never the URL's secret part). */
export async function sendWebhook(cfg: { url: string; format: WebhookFormat; headers: Record<string, string> }, n: Notification, timeoutMs = 10_000): Promise<void> {
  const url = new URL(cfg.url);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'claude-night-pilot', ...cfg.headers },
      body: JSON.stringify(webhookPayload(cfg.format, n)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause ?? err;
    throw new Error(describeDeliveryError(cause, { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), what: 'webhook' }));
  }
  // The body is not needed; reading it frees the connection.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`The webhook at ${url.host} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
}
