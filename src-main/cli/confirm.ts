import readline from 'node:readline/promises';
import { AppError } from '../../src-shared/errors';
import type { Runtime } from './runtime';

/**
 * Asks before something that deletes several things. `--yes` answers for scripts; with no terminal
 * to ask on (stdin closed or piped) and no `--yes`, the answer is no — never a silent yes.
 */
export async function confirmOrRefuse(rt: Runtime, yes: boolean, what: string, field: string): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new AppError('VALIDATION', `${what} Nothing was changed: add --yes to confirm when no terminal can ask.`, { field: 'yes' });
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${what} Continue? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new AppError('VALIDATION', `Cancelled: nothing was changed.`, { field });
  } finally {
    rl.close();
  }
}
