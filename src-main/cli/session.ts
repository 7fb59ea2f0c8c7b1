import fs from 'node:fs';
import path from 'node:path';
import type { CallInput, CallOutput, Channel } from '../../src-shared/contract';
import { contract } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { createApi, invoke, zodToAppError } from '../core/api';
import { isDefaultDbPath } from '../core/db/paths';
import { openStore, type Store } from '../core/db/store';
import type { CoreContext } from '../core/services/context';
import { Output, type Io } from './output';

export interface SessionOptions {
  dbPath: string;
  json: boolean;
  version: string;
  io?: Io;
}

/** Runs one contract call and turns a failed envelope back into the error it describes. */
async function callApi<C extends Channel>(ctx: CoreContext, channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const result = await invoke(createApi(ctx), channel, input);
  if (!result.ok) {
    const { code, message, field, details } = result.error;
    throw new AppError(code, message, { ...(field !== undefined ? { field } : {}), ...(details !== undefined ? { details } : {}) });
  }
  // invoke ran the handler typed by the contract for this very channel.
  return result.value as CallOutput<C>;
}

/** Rejects input with the channel's schema without touching any database. */
function checkInput<C extends Channel>(channel: C, input: CallInput<C>): void {
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) throw zodToAppError(parsed.error);
}

/**
 * A store for calls that must never open a database (`cron explain`): touching it is a bug, and
 * it fails loudly instead of quietly creating a file.
 */
const noStore = new Proxy({} as Store, {
  get(_target, prop) {
    throw new AppError('INTERNAL', `This command needs no database, yet it used store.${String(prop)}`);
  },
});

/** Contract calls that need no database, e.g. previewing a schedule. */
export function callWithoutDb<C extends Channel>(channel: C, input: CallInput<C>, version: string): Promise<CallOutput<C>> {
  return callApi({ store: noStore, actor: 'cli', now: Date.now, engine: null, version }, channel, input);
}

/**
 * One command's access to the database. The store opens on first use, after the input has been
 * checked, so a rejected command never creates or changes the file; and when a command that had
 * to create the file fails before storing anything, the file goes again.
 */
export class Session {
  readonly out: Output;
  private opened: Store | null = null;
  private createdFile = false;
  private createdDir: string | undefined;
  private dryRun = false;

  constructor(private readonly options: SessionOptions) {
    this.out = new Output(options.json, options.io);
  }

  /** Whether this command opened the database (only then is there anything to look at afterwards). */
  get isOpen(): boolean {
    return this.opened !== null;
  }

  get dbPath(): string {
    return this.options.dbPath;
  }

  get json(): boolean {
    return this.options.json;
  }

  get version(): string {
    return this.options.version;
  }

  store(): Store {
    if (!this.opened) {
      const file = this.options.dbPath;
      this.createdFile = !fs.existsSync(file);
      const createFolder = isDefaultDbPath(file);
      if (this.createdFile && createFolder) {
        try {
          this.createdDir = fs.mkdirSync(path.dirname(file), { recursive: true });
        } catch {
          // openStore reports an unusable folder as a validation error naming the path.
        }
      }
      this.opened = openStore(file, { createFolder });
    }
    return this.opened;
  }

  /**
   * Marks this command as one that must leave the disk as it found it (a `--dry-run`): a database
   * file opened only to answer it is removed again, as after a failure.
   */
  writesNothing(): void {
    this.dryRun = true;
  }

  context(): CoreContext {
    return { store: this.store(), actor: 'cli', now: Date.now, engine: null, version: this.options.version };
  }

  async call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
    checkInput(channel, input);
    return callApi(this.context(), channel, input);
  }

  close(failed: boolean): void {
    const store = this.opened;
    if (!store) return;
    this.opened = null;
    const discard = (failed || this.dryRun) && this.createdFile && holdsNothing(store);
    store.close();
    if (discard) this.removeCreatedFiles();
  }

  private removeCreatedFiles(): void {
    const file = this.options.dbPath;
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
    if (!this.createdDir) return;
    // Folders made for this file go too, deepest first, as long as nothing else moved in.
    let dir = path.dirname(file);
    for (;;) {
      try {
        fs.rmdirSync(dir);
      } catch {
        return;
      }
      if (dir === this.createdDir) return;
      const parent = path.dirname(dir);
      if (parent === dir) return;
      dir = parent;
    }
  }
}

function holdsNothing(store: Store): boolean {
  try {
    const row = store.db.prepare('SELECT (SELECT COUNT(*) FROM prompts) + (SELECT COUNT(*) FROM jobs) + (SELECT COUNT(*) FROM runs) AS n').get() as { n: number };
    return row.n === 0;
  } catch {
    return false;
  }
}
