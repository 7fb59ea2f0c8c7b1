import type { ChannelTestResult, NotifyChannel } from '../../../src-shared/ops';
import type { ChannelAdd, ChannelUpdate } from '../../../src-shared/ops-schemas';
import { AppError, notFound, validationError } from '../../../src-shared/errors';
import type { ChannelRecord, NewChannel } from '../db/channels-repo';
import type { CoreContext } from '../services/context';
import { sendThroughChannel, type OsNotifier } from './channel-sender';
import { channelView } from './mask';
import { testNotification } from './message';

const DEFAULT_PORT = { tls: 465, starttls: 587, none: 25 } as const;

/** The config a channel of its type needs, from the given fields on top of the current ones. */
function buildConfig(type: ChannelRecord['type'], input: Partial<ChannelAdd>, current: ChannelRecord['config'] = {}): ChannelRecord['config'] {
  if (type === 'os') return {};
  if (type === 'webhook') {
    const url = input.url ?? current.url;
    if (!url) throw validationError('url', 'a webhook channel needs --url (an http:// or https:// URL)');
    return { url, format: input.format ?? current.format ?? 'json', headers: input.headers ?? current.headers ?? {} };
  }
  const host = input.host ?? current.host;
  if (!host) throw validationError('host', 'an email channel needs the SMTP host');
  const from = input.from ?? current.from;
  if (!from) throw validationError('from', 'an email channel needs a sender address (from)');
  const to = input.to ?? current.to;
  if (!to?.length) throw validationError('to', 'an email channel needs at least one recipient (to)');
  const security = input.security ?? current.security ?? 'starttls';
  const username = input.username !== undefined ? input.username : (current.username ?? null);
  // A password only makes sense with a user name; keeping one from before is the normal case on update.
  const password = input.password !== undefined ? input.password : (current.password ?? null);
  if (password && !username) throw validationError('username', 'a password was given without a user name');
  return { host, port: input.port ?? current.port ?? DEFAULT_PORT[security], security, username, password, from, to };
}

function fieldsForeignTo(type: ChannelRecord['type'], input: Partial<ChannelAdd>): string | null {
  const webhookOnly = ['url', 'format', 'headers'] as const;
  const emailOnly = ['host', 'port', 'security', 'username', 'password', 'from', 'to'] as const;
  const foreign = type === 'webhook' ? emailOnly : type === 'email' ? webhookOnly : [...webhookOnly, ...emailOnly];
  return foreign.find((k) => input[k] !== undefined) ?? null;
}

function checkName(ctx: CoreContext, name: string, selfId: number | null): void {
  const other = ctx.store.channels.byName(name);
  if (other && other.id !== selfId) throw validationError('name', `A channel named "${name}" exists already (#${other.id})`);
}

export function listChannels(ctx: CoreContext): NotifyChannel[] {
  return ctx.store.channels.list().map(channelView);
}

export function getChannelRecord(ctx: CoreContext, id: number): ChannelRecord {
  const c = ctx.store.channels.get(id);
  if (!c) throw notFound('Channel', id);
  return c;
}

export function addChannel(ctx: CoreContext, input: ChannelAdd): NotifyChannel {
  const foreign = fieldsForeignTo(input.type, input);
  if (foreign) throw validationError(foreign, `${foreign} does not apply to a ${input.type} channel`);
  checkName(ctx, input.name, null);
  const record: NewChannel = { name: input.name, type: input.type, enabled: input.enabled ?? true, maxPerHour: input.maxPerHour ?? 20, config: buildConfig(input.type, input) };
  const c = ctx.store.channels.insert(record, ctx.now());
  ctx.store.audit.record(ctx.actor, 'channel.add', null, { channelId: c.id, name: c.name, type: c.type });
  return channelView(c);
}

export function updateChannel(ctx: CoreContext, input: ChannelUpdate): NotifyChannel {
  const current = getChannelRecord(ctx, input.id);
  const foreign = fieldsForeignTo(current.type, input);
  if (foreign) throw validationError(foreign, `${foreign} does not apply to a ${current.type} channel`);
  const name = input.name ?? current.name;
  checkName(ctx, name, current.id);
  const record: NewChannel = {
    name,
    type: current.type,
    enabled: input.enabled ?? current.enabled,
    maxPerHour: input.maxPerHour ?? current.maxPerHour,
    config: buildConfig(current.type, input, current.config),
  };
  const c = ctx.store.channels.update(current.id, record, ctx.now())!;
  const fields = Object.keys(input).filter((k) => k !== 'id' && input[k as keyof ChannelUpdate] !== undefined);
  ctx.store.audit.record(ctx.actor, 'channel.update', null, { channelId: c.id, fields });
  return channelView(c);
}

export function removeChannel(ctx: CoreContext, id: number): { deleted: true } {
  const c = getChannelRecord(ctx, id);
  ctx.store.db.transaction(() => {
    // Jobs that named this channel forget it (with none left they notify every channel, as before they picked).
    for (const job of ctx.store.jobs.list({}).items) {
      if (!job.notify.channels?.includes(id)) continue;
      const channels = job.notify.channels.filter((x) => x !== id);
      const { channels: _old, ...rest } = job.notify;
      ctx.store.jobs.update(job.id, { ...job, notify: channels.length ? { ...rest, channels } : rest }, ctx.now());
    }
    ctx.store.channels.delete(id);
  })();
  ctx.store.audit.record(ctx.actor, 'channel.remove', null, { channelId: id, name: c.name });
  return { deleted: true };
}

/**
 * Sends a test through the channel and says how it went; a failure is an EXECUTION error naming
 * the cause. Nothing is stored: a test changes neither the channel nor any alert.
 */
export async function testChannel(ctx: CoreContext, id: number, os: OsNotifier | undefined): Promise<ChannelTestResult> {
  const c = getChannelRecord(ctx, id);
  const outcome = await sendThroughChannel(c, testNotification(c.name), os);
  if (outcome.ok === true) return { ok: true, channelId: id, message: `Test sent through "${c.name}"` };
  if (outcome.ok === 'unavailable') {
    throw new AppError('EXECUTION', 'Desktop notifications are shown by the desktop app only; open the app to test this channel');
  }
  throw new AppError('EXECUTION', `The test through "${c.name}" failed: ${outcome.error}`);
}
