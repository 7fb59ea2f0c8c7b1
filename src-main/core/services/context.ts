import type { Actor } from '../db/audit-repo';
import type { Store } from '../db/store';
import type { OsNotifier } from '../notify/channel-sender';
import type { FileSaver } from './raw-log-service';

/** What a running engine offers the API in the same process; absent in the plain CLI. */
export interface EngineLink {
  /** Something changed in the DB that the scheduler should look at now. */
  wake(): void;
  /** Cancels a running run now (kills its process group). */
  cancelRun(runId: number): boolean;
  readonly holder: string;
}

export interface CoreContext {
  store: Store;
  actor: Actor;
  now(): number;
  engine: EngineLink | null;
  version: string;
  /** The desktop notifier, where this process has one (the Electron shell): channel tests use it. */
  notifier?: OsNotifier | undefined;
  /** The desktop save dialog, where this process has one (the Electron shell). */
  fileSaver?: FileSaver | undefined;
}
