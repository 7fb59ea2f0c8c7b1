import { Option, type Command } from 'commander';
import { z } from 'zod';
import { ALERT_KINDS, AUDIT_ACTORS, SMTP_SECURITY, WEBHOOK_FORMATS } from '../../src-shared/ops';
import { parseDuration } from '../core/scheduler/schedule';
import { alertsTable, auditTable, channelsTable, channelText, statsText } from './ops-views';
import { collect, instantFrom, keyValues, parseFlags, parseIdArg, wholeNumber } from './options';
import type { Runtime } from './runtime';

/**
 * `--since 1h` is "the last hour"; a date or date-time (machine zone unless it names one) is taken
 * as that instant. Either way the contract gets an ISO instant.
 */
const sinceFlag = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds !== null && seconds > 0) return new Date(Date.now() - seconds * 1000).toISOString();
  const ms = instantFrom(text, Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is neither a duration (1h, 24h, 7d) nor a date-time (2026-12-01T09:00)` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const AuditFlags = z.object({
  job: wholeNumber(1).optional(),
  actor: z.enum(AUDIT_ACTORS).optional(),
  action: z.string().trim().min(1, 'cannot be empty').optional(),
  since: sinceFlag.optional(),
  until: sinceFlag.optional(),
  limit: wholeNumber(1).pipe(z.number().max(1000, 'is at most 1000')).optional(),
  offset: wholeNumber(0).optional(),
});

const AlertFlags = z.object({
  open: z.boolean().optional(),
  resolved: z.boolean().optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  job: wholeNumber(1).optional(),
  limit: wholeNumber(1).pipe(z.number().max(1000, 'is at most 1000')).optional(),
});

const ChannelFlags = z.object({
  name: z.string().optional(),
  type: z.enum(['os', 'webhook', 'email']).optional(),
  url: z.string().optional(),
  format: z.enum(WEBHOOK_FORMATS).optional(),
  header: keyValues(':', 'Name: value').optional(),
  host: z.string().optional(),
  port: wholeNumber(0).optional(),
  security: z.enum(SMTP_SECURITY).optional(),
  user: z.string().optional(),
  password: z.string().optional(),
  from: z.string().optional(),
  to: z.array(z.string()).optional(),
  maxPerHour: wholeNumber(1).optional(),
  enabled: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

/** The channel fields the contract takes, from the flags given (absent flags stay absent). */
function channelInput(f: z.output<typeof ChannelFlags>) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.url !== undefined ? { url: f.url } : {}),
    ...(f.format !== undefined ? { format: f.format } : {}),
    ...(f.header !== undefined ? { headers: f.header } : {}),
    ...(f.host !== undefined ? { host: f.host } : {}),
    ...(f.port !== undefined ? { port: f.port } : {}),
    ...(f.security !== undefined ? { security: f.security } : {}),
    ...(f.user !== undefined ? { username: f.user } : {}),
    ...(f.password !== undefined ? { password: f.password } : {}),
    ...(f.from !== undefined ? { from: f.from } : {}),
    ...(f.to !== undefined ? { to: f.to } : {}),
    ...(f.maxPerHour !== undefined ? { maxPerHour: f.maxPerHour } : {}),
    ...(f.disabled ? { enabled: false } : f.enabled ? { enabled: true } : {}),
  };
}

function channelOptions(cmd: Command): Command {
  return cmd
    .option('--name <name>', 'a name to recognise the channel by')
    .option('--url <url>', 'webhook: the URL to POST to')
    .addOption(new Option('--format <format>', 'webhook: payload shape (default json)').choices(WEBHOOK_FORMATS))
    .option('--header <k:v>', 'webhook: an extra request header (repeatable)', collect)
    .option('--host <host>', 'email: the SMTP server')
    .option('--port <port>', 'email: the SMTP port (default 465 for tls, 587 for starttls, 25 for none)')
    .addOption(new Option('--security <mode>', 'email: tls, starttls (default) or none').choices(SMTP_SECURITY))
    .option('--user <name>', 'email: SMTP user name')
    .option('--password <secret>', 'email: SMTP password (stored; never shown again)')
    .option('--from <address>', 'email: the sender address')
    .option('--to <address>', 'email: a recipient (repeatable)', collect)
    .option('--max-per-hour <n>', 'deliveries per hour before more are held back (default 20)')
    .option('--disabled', 'add or set it switched off');
}

export function registerOpsCommands(program: Command, rt: Runtime): void {
  program
    .command('audit')
    .description('what was changed, by whom and when (newest first)')
    .option('--job <id>', 'only this job’s entries')
    .addOption(new Option('--actor <actor>', 'only changes made from here').choices(AUDIT_ACTORS))
    .option('--action <action>', 'only this action, e.g. job.update, or a family: "job.*"')
    .option('--since <when>', 'from this long ago (1h, 24h, 7d) or this date-time')
    .option('--until <when>', 'up to this long ago or this date-time')
    .option('--limit <n>', 'at most this many (default 100)')
    .option('--offset <n>', 'skip this many first')
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(AuditFlags, opts);
      const page = await s.call('audit.list', {
        ...(f.job !== undefined ? { jobId: f.job } : {}),
        ...(f.actor ? { actor: f.actor } : {}),
        ...(f.action ? { action: f.action } : {}),
        ...(f.since ? { since: f.since } : {}),
        ...(f.until ? { until: f.until } : {}),
        ...(f.limit !== undefined ? { limit: f.limit } : {}),
        ...(f.offset !== undefined ? { offset: f.offset } : {}),
      });
      s.out.result(page, () => auditTable(page));
    });

  program
    .command('stats')
    .description('runs by trigger and status, success and failure rate, p95 duration and cost')
    .option('--since <when>', 'from this long ago (default 24h) or this date-time')
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(z.object({ since: sinceFlag.optional() }), opts);
      const stats = await s.call('stats.summary', f.since ? { since: f.since } : {});
      s.out.result(stats, () => statsText(stats));
    });

  const alerts = program.command('alerts').description('alerts: failures in a row, a stalled scheduler, Claude login and limits');
  alerts
    .command('list', { isDefault: true })
    .description('alerts, newest first')
    .option('--open', 'only open ones')
    .option('--resolved', 'only resolved ones')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(ALERT_KINDS))
    .option('--job <id>', 'only this job’s')
    .option('--limit <n>', 'at most this many (default 100)')
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(AlertFlags, opts);
      const page = await s.call('alerts.list', {
        status: f.open ? 'open' : f.resolved ? 'resolved' : 'all',
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.job !== undefined ? { jobId: f.job } : {}),
        ...(f.limit !== undefined ? { limit: f.limit } : {}),
      });
      s.out.result(page, () => alertsTable(page));
    });
  alerts
    .command('ack <id>')
    .description('acknowledge an alert (it stays open until its condition clears)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const alert = await s.call('alerts.acknowledge', { id: parseIdArg(id, 'alert') });
      s.out.result(alert, () => `Alert ${alert.id} acknowledged.`);
    });

  const channel = program.command('notify').description('notification channels').command('channel').description('where alerts are sent: desktop, webhook, email');
  channelOptions(channel.command('add').description('add a channel').addOption(new Option('--type <type>', 'os, webhook or email').choices(['os', 'webhook', 'email']).makeOptionMandatory())).action(
    async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ChannelFlags, opts);
      const input = channelInput(f);
      const added = await s.call('channels.add', { type: f.type ?? 'os', name: input.name ?? '', ...input });
      s.out.result(added, () => `Channel ${added.id} added.\n${channelText(added)}`);
    },
  );
  channelOptions(channel.command('update <id>').description('change a channel (secrets not given are kept)').option('--enabled', 'switch it on')).action(
    async (id: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ChannelFlags, opts);
      const updated = await s.call('channels.update', { id: parseIdArg(id, 'channel'), ...channelInput(f) });
      s.out.result(updated, () => `Channel ${updated.id} updated.\n${channelText(updated)}`);
    },
  );
  channel
    .command('list')
    .description('the channels (secrets masked)')
    .action(async (_opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const list = await s.call('channels.list', {});
      s.out.result(list, () => channelsTable(list));
    });
  channel
    .command('rm <id>')
    .description('remove a channel')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const result = await s.call('channels.remove', { id: parseIdArg(id, 'channel') });
      s.out.result(result, () => `Channel ${id} removed.`);
    });
  channel
    .command('test <id>')
    .description('send a test notification now; exits 1 and says why when it cannot be delivered')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const result = await s.call('channels.test', { id: parseIdArg(id, 'channel') });
      s.out.result(result, () => result.message);
    });
}
