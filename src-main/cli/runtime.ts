import { CommanderError, type Command } from 'commander';
import { z } from 'zod';
import type { AppErrorShape, ErrorCode } from '../../src-shared/errors';
import { toErrorShape } from '../core/api';
import { deliverPending } from '../core/alerts/deliver';
import { checkSchedulerAndCooldown } from '../core/alerts/scheduler-watch';
import { resolveDbPath } from '../core/db/paths';
import { inFlagTerms } from './flag-errors';
import { Output, type Io } from './output';
import { Session } from './session';

/** CLI.md's exit codes: 0 ok, 1 the operation ran and failed, 2 invalid input, 3 not found. */
export function exitCodeFor(code: ErrorCode): number {
  if (code === 'VALIDATION') return 2;
  if (code === 'NOT_FOUND') return 3;
  return 1;
}

const GlobalFlags = z.object({ db: z.string().optional(), json: z.boolean().optional() });

/** Commander's own complaints (unknown option, missing argument) as our validation errors. */
function usageError(err: CommanderError): AppErrorShape {
  const message = err.message.replace(/^error:\s*/, '');
  const field = /option '(?:-\w, )?--([\w-]+)/.exec(message)?.[1] ?? /argument '([\w-]+)'/.exec(message)?.[1];
  return { code: 'VALIDATION', message, ...(field !== undefined ? { field } : {}) };
}

/**
 * What one `cnp` invocation shares across its command: the global flags, the session the command
 * opened, and the translation of whatever went wrong into output and an exit code.
 */
export class Runtime {
  private current: Session | null = null;
  /** Set by commands whose outcome is not an error, e.g. `job run --wait` on a failed run. */
  exitCode = 0;

  constructor(
    readonly version: string,
    readonly io: Io,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  session(cmd: Command): Session {
    if (!this.current) {
      const globals = GlobalFlags.parse(cmd.optsWithGlobals());
      this.current = new Session({ dbPath: resolveDbPath(globals.db, this.env), json: globals.json ?? false, version: this.version, io: this.io });
    }
    return this.current;
  }

  /** Reports `err` and returns the exit code it means. */
  fail(err: unknown, jsonRequested: boolean): number {
    const out = this.current?.out ?? new Output(jsonRequested, this.io);
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help') {
        // Commander has already printed the help that stands in for the missing subcommand.
        out.error({ code: 'VALIDATION', message: 'a command is missing: the help above lists them', field: 'command' });
        return 2;
      }
      out.error(usageError(err));
      return 2;
    }
    const shape = inFlagTerms(toErrorShape(err));
    if (shape.code === 'INTERNAL' && this.env.CNP_DEBUG && err instanceof Error && err.stack) this.io.err(`${err.stack}\n`);
    out.error(shape);
    return exitCodeFor(shape.code);
  }

  /**
   * Every command that opened the database also looks for what no run reveals — jobs overdue with
   * no engine firing them — and sends pending alert deliveries (with no engine running, nobody else
   * would). A problem here never changes the command's outcome.
   */
  async noticeAlerts(): Promise<void> {
    const s = this.current;
    if (!s?.isOpen) return;
    try {
      const store = s.store();
      for (const c of checkSchedulerAndCooldown(store, Date.now())) {
        if (c.change === 'opened') s.out.note(`alert: ${c.alert.title}. ${c.alert.cause}`);
      }
      await deliverPending(store, undefined);
    } catch {
      // A locked or read-only database: the app or the next command looks again.
    }
  }

  close(failed: boolean): void {
    this.current?.close(failed);
    this.current = null;
  }
}
