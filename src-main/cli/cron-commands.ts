import type { Command } from 'commander';
import { z } from 'zod';
import { parseFlags, wholeNumber } from './options';
import type { Runtime } from './runtime';
import { callWithoutDb } from './session';
import { previewText } from './views';

const ExplainFlags = z.object({ tz: z.string().trim().optional(), count: wholeNumber(1).optional() });

export function registerCronCommands(program: Command, rt: Runtime): void {
  const cron = program.command('cron').description('cron expressions');

  cron
    .command('explain')
    .description('describe a cron expression and list its next fire times')
    .argument('<expr>', 'cron expression with 5 or 6 fields, e.g. "0 9 * * 1-5"')
    .option('--tz <zone>', 'IANA timezone (default: this machine’s)')
    .option('--count <n>', 'how many fire times (default 5)')
    .action(async (expr: string, opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ExplainFlags, opts);
      // Pure arithmetic: no database is opened, let alone created.
      const preview = await callWithoutDb(
        'jobs.previewSchedule',
        { schedule: { type: 'cron', cron: expr, ...(f.tz !== undefined ? { timezone: f.tz } : {}) }, count: f.count ?? 5 },
        s.version,
      );
      s.out.result(preview, () => previewText(preview));
    });
}
