import { Option, type Command } from 'commander';
import { z } from 'zod';
import { AFTER_MODES, CHAIN_CONDITIONS, type ChainCondition } from '../../src-shared/domain';
import { validationError } from '../../src-shared/errors';
import { collect } from './options';

/** `--after ID[:success|failure|always]` (repeatable) and `--after-mode`; on update also `--clear-after`. */
export function addAfterOptions(cmd: Command, mode: 'create' | 'update'): Command {
  cmd
    .option('--after <id[:condition]>', `run after job ID ${mode === 'update' ? '(repeatable; replaces the current list)' : '(repeatable)'}; condition ${CHAIN_CONDITIONS.join('|')}, default success`, collect)
    .addOption(new Option('--after-mode <mode>', 'with several --after: wait for all of them (default) or go after any one').choices(AFTER_MODES));
  if (mode === 'update') cmd.addOption(new Option('--clear-after', 'stop running after other jobs').conflicts('after'));
  return cmd;
}

const AFTER_ITEM = new RegExp(`^\\s*(\\d+)\\s*(?::\\s*(${CHAIN_CONDITIONS.join('|')})\\s*)?$`);

export const afterList = z.array(z.string()).transform((items, ctx) => {
  const links: { jobId: number; condition: ChainCondition }[] = [];
  for (const item of items) {
    const m = AFTER_ITEM.exec(item);
    const id = m ? Number(m[1]) : NaN;
    if (!m || !Number.isSafeInteger(id) || id < 1) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not a job id with an optional condition, e.g. 12 or 12:failure (conditions: ${CHAIN_CONDITIONS.join(', ')})` });
      return z.NEVER;
    }
    links.push({ jobId: id, condition: (m[2] as ChainCondition | undefined) ?? 'success' });
  }
  return links;
});

export const AfterFlags = {
  after: afterList.optional(),
  afterMode: z.enum(AFTER_MODES).optional(),
  clearAfter: z.boolean().optional(),
};

interface AfterFlagValues {
  after?: { jobId: number; condition: ChainCondition }[] | undefined;
  afterMode?: (typeof AFTER_MODES)[number] | undefined;
  clearAfter?: boolean | undefined;
}

/** The `after`/`afterMode` part of a create input or an update patch. */
export function afterPatch(f: AfterFlagValues): { after?: { jobId: number; condition: ChainCondition }[]; afterMode?: (typeof AFTER_MODES)[number] } {
  if (f.clearAfter && f.after) throw validationError('after', 'Give either --after or --clear-after, not both');
  const patch: ReturnType<typeof afterPatch> = {};
  if (f.clearAfter) patch.after = [];
  else if (f.after) patch.after = f.after;
  if (f.afterMode) patch.afterMode = f.afterMode;
  return patch;
}
