import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { Job, NotifyRules } from '../../src-shared/domain';
import { collect, wholeNumber } from './options';

/**
 * A job's notification rules on `job create|update`: which events notify (success, failure,
 * alerts) and where (channels by id; none named means every enabled channel).
 */
export function addNotifyOptions(cmd: Command, mode: 'create' | 'update'): Command {
  cmd
    .addOption(new Option('--notify-on <events>', 'events that notify: a comma list of success, failure (or none)'))
    .option('--notify-channel <id>', 'send this job’s notifications and alerts to this channel (repeatable)', collect)
    .option('--alert-after <n>', 'failures in a row before an alert (default: the global setting)')
    .addOption(new Option('--alerts <on|off>', 'send this job’s alerts (default on; off still records them)').choices(['on', 'off']));
  if (mode === 'update') cmd.addOption(new Option('--all-channels', 'notify every enabled channel again').conflicts('notifyChannel'));
  return cmd;
}

const notifyEvents = z.string().transform((text, ctx) => {
  const items = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = items.find((i) => !['success', 'failure', 'none'].includes(i));
  if (bad !== undefined || items.length === 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a list of events: use success, failure, both as "success,failure", or none` });
    return z.NEVER;
  }
  return { onSuccess: items.includes('success'), onFailure: items.includes('failure') };
});

export const NotifyFlags = {
  notifyOn: notifyEvents.optional(),
  notifyChannel: z.array(wholeNumber(1)).optional(),
  alertAfter: wholeNumber(1).pipe(z.number().max(100, 'must be 1-100')).optional(),
  alerts: z.enum(['on', 'off']).optional(),
  allChannels: z.boolean().optional(),
};

interface NotifyFlagValues {
  notifyOn?: { onSuccess: boolean; onFailure: boolean } | undefined;
  notifyChannel?: number[] | undefined;
  alertAfter?: number | undefined;
  alerts?: 'on' | 'off' | undefined;
  allChannels?: boolean | undefined;
}

/** The job's notify rules with the flags applied, or undefined when no flag touches them. */
export function notifyPatch(f: NotifyFlagValues, current: Job | null): NotifyRules | undefined {
  const touched = f.notifyOn !== undefined || f.notifyChannel !== undefined || f.alertAfter !== undefined || f.alerts !== undefined || f.allChannels;
  if (!touched) return undefined;
  const rules: NotifyRules = { ...(current?.notify ?? { onFailure: true, onSuccess: false }) };
  if (f.notifyOn) Object.assign(rules, f.notifyOn);
  if (f.notifyChannel !== undefined) rules.channels = f.notifyChannel;
  if (f.allChannels) delete rules.channels;
  if (f.alertAfter !== undefined) rules.failureThreshold = f.alertAfter;
  if (f.alerts !== undefined) rules.onAlert = f.alerts === 'on';
  return rules;
}
