import { Option, type Command } from 'commander';
import { z } from 'zod';
import { instantFrom, parseFlags } from './options';
import type { Runtime } from './runtime';
import { cooldownText, usageTable } from './views';

const BY = ['day', 'job', 'model'] as const;

/** `--since 2026-01-31` means that UTC day, the same days the usage table groups by. */
const sinceDate = z.string().transform((text, ctx) => {
  const ms = instantFrom(text, 'UTC');
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (use YYYY-MM-DD or an ISO-8601 date-time)` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const UsageFlags = z.object({ since: sinceDate.optional(), by: z.enum(BY).optional() });

export function registerCooldownCommands(program: Command, rt: Runtime): void {
  const cooldown = program.command('cooldown').description('the Claude usage-limit cooldown');

  cooldown
    .command('status')
    .description('whether Claude runs are waiting for a usage limit to reset')
    .action(async (_opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const status = await s.call('cooldown.status', {});
      s.out.result(status, () => cooldownText(status));
    });

  cooldown
    .command('clear')
    .description('end the cooldown now; deferred runs are queued again')
    .action(async (_opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const status = await s.call('cooldown.clear', {});
      s.out.result(status, () => `Cooldown cleared.\n${cooldownText(status)}`);
    });

  program
    .command('usage')
    .description('tokens and cost of runs')
    .option('--since <date>', 'from this day (YYYY-MM-DD, UTC) or instant')
    .addOption(new Option('--by <key>', 'group by (default day)').choices(BY))
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(UsageFlags, opts);
      const by = f.by ?? 'day';
      const rows = await s.call('usage.summary', { by, ...(f.since !== undefined ? { since: f.since } : {}) });
      s.out.result(rows, () => usageTable(rows, by));
    });
}
