import type { EmailChannelConfig } from '../../../src-shared/ops';
import type { ChannelRecord } from '../db/channels-repo';
import { sendEmail } from './email-sender';
import { scrubSecrets } from './mask';
import type { Notification } from './message';
import { sendWebhook } from './webhook-sender';

/** The desktop notification port: the Electron shell provides one; `cnp` and `cnp serve` have none. */
export interface OsNotifier {
  notify(n: { title: string; body: string; runId?: number }): void;
}

export type SendOutcome = { ok: true } | { ok: false; error: string } | { ok: 'unavailable' };

/**
 * Sends one notification through one channel. Never throws: the outcome says what happened, with
 * the channel's secrets removed from any error text.
 */
export async function sendThroughChannel(c: ChannelRecord, n: Notification, os: OsNotifier | undefined): Promise<SendOutcome> {
  try {
    if (c.type === 'os') {
      if (!os) return { ok: 'unavailable' };
      os.notify({ title: n.subject, body: n.text, ...(n.run ? { runId: n.run.id } : {}) });
      return { ok: true };
    }
    if (c.type === 'webhook') {
      await sendWebhook({ url: c.config.url ?? '', format: c.config.format ?? 'json', headers: c.config.headers ?? {} }, n);
      return { ok: true };
    }
    await sendEmail(c.config as EmailChannelConfig, n);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: scrubSecrets((err as Error).message, c) };
  }
}
