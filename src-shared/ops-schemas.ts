import { z } from 'zod';
import { ALERT_KINDS, AUDIT_ACTORS, SMTP_SECURITY, WEBHOOK_FORMATS } from './ops';

/** Inputs of the operations calls (issue 11): audit, alerts, channels, stats. */

const Id = z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive');
const IsoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-12-01T09:00:00Z' });
const Limit = (max: number, dflt: number) => z.number().int().positive().max(max).default(dflt);

export const AuditListInput = z
  .strictObject({
    jobId: Id.optional(),
    actor: z.enum(AUDIT_ACTORS).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    since: IsoInstant.optional(),
    until: IsoInstant.optional(),
    limit: Limit(1000, 100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 100, offset: 0 });

export const AlertListInput = z
  .strictObject({
    status: z.enum(['open', 'resolved', 'all']).default('all'),
    kind: z.enum(ALERT_KINDS).optional(),
    jobId: Id.optional(),
    limit: Limit(1000, 100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ status: 'all', limit: 100, offset: 0 });

export const StatsInput = z.strictObject({ since: IsoInstant.optional() }).default({});

const ChannelName = z.string().trim().min(1, 'a channel needs a name').max(100, 'a channel name is at most 100 characters');
const HostName = z
  .string()
  .trim()
  .min(1, 'needs a host name or address')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or IP address, e.g. smtp.example.com');
const Port = z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be a port number, 1-65535').max(65_535, 'must be a port number, 1-65535');
const EmailAddress = z.email({ message: 'must be an email address, e.g. me@example.com' });
const WebhookUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

/** Every field a channel of any type may carry; which are required depends on the type. */
export const channelFields = {
  name: ChannelName,
  enabled: z.boolean().optional(),
  maxPerHour: z.number().int().min(1, 'must be at least 1').max(10_000).optional(),
  url: WebhookUrl.optional(),
  format: z.enum(WEBHOOK_FORMATS).optional(),
  headers: z.record(z.string().min(1), z.string()).optional(),
  host: HostName.optional(),
  port: Port.optional(),
  security: z.enum(SMTP_SECURITY).optional(),
  username: z.string().min(1).nullable().optional(),
  password: z.string().min(1).nullable().optional(),
  from: EmailAddress.optional(),
  to: z.array(EmailAddress).min(1, 'needs at least one recipient').max(50).optional(),
};

export const ChannelAddInput = z.strictObject({ type: z.enum(['os', 'webhook', 'email']), ...channelFields });
export const ChannelUpdateInput = z.strictObject({ id: Id, ...channelFields, name: ChannelName.optional() });
export const ById = z.strictObject({ id: Id });

export type ChannelAdd = z.output<typeof ChannelAddInput>;
export type ChannelUpdate = z.output<typeof ChannelUpdateInput>;
