import type { ChannelConfig, NotifyChannel } from '../../../src-shared/ops';
import type { ChannelRecord } from '../db/channels-repo';
import { MASK, redactText, redactWebhookUrl } from '../redaction/redact';

/**
 * Channels as shown to people: a webhook's path and query are its secret (Slack and Discord put the
 * token there), passwords and header values are secrets. The clear values stay in the database only.
 * The masking itself is the shared redaction module's.
 */
export { MASK };
export const maskUrl = redactWebhookUrl;

export function maskConfig(c: ChannelRecord): ChannelConfig {
  if (c.type === 'webhook') {
    return {
      url: maskUrl(c.config.url ?? ''),
      format: c.config.format ?? 'json',
      headers: Object.fromEntries(Object.keys(c.config.headers ?? {}).map((k) => [k, MASK])),
    };
  }
  if (c.type === 'email') {
    return {
      host: c.config.host ?? '',
      port: c.config.port ?? 587,
      security: c.config.security ?? 'starttls',
      username: c.config.username ?? null,
      password: c.config.password ? MASK : null,
      from: c.config.from ?? '',
      to: c.config.to ?? [],
    };
  }
  return {};
}

export function channelView(c: ChannelRecord): NotifyChannel {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    enabled: c.enabled,
    maxPerHour: c.maxPerHour,
    config: maskConfig(c),
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

/** Removes every secret of a channel from a text (an error message may quote the URL or password). */
export function scrubSecrets(text: string, c: ChannelRecord): string {
  let out = text;
  const secrets = [c.config.url, c.config.password, ...Object.values(c.config.headers ?? {})].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  for (const s of secrets) out = out.split(s).join(c.config.url === s ? maskUrl(s) : MASK);
  return redactText(out);
}
