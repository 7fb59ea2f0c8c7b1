import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../db/store';
import { backupDatabase, backupFileName, defaultBackupDir, pruneBackups } from './backup';
import { removeRawLogs, sweepOrphanRawLogs } from '../raw-log/files';
import { DAY_MS, RunRetention, retentionCutoff } from './retention';

export interface MaintenanceOptions {
  /** Runs deleted per transaction. */
  batchSize?: number;
  /** Pause between batches, so the engine's ticks and other writers always get their turn. */
  pauseMs?: number;
  /** How often the work is due (a day). */
  everyMs?: number;
  /** Told when a pass ends; tests and logs listen. */
  onPass?: (pass: MaintenancePass) => void;
}

export interface MaintenancePass {
  at: number;
  deletedRuns: number;
  deletedEvents: number;
  /** Full log files removed: those of the deleted runs, and orphans whose run was gone. */
  deletedRawLogs: number;
  backup: string | null;
  error: string | null;
}

const STATE_KEY = 'maintenance.lastPass';

/**
 * The engine's once-a-day housekeeping: retention (old runs and events, in small batches) and the
 * optional automatic backup that keeps the last N copies. The engine calls `poke(now)` on each
 * pass, and wakes for `nextDueAt` when nothing else is due; it only starts a pass when one is due, never waits for it, and the pass yields between
 * batches so it cannot hold a tick up. The last pass time lives in the database, so restarts do not
 * repeat it and only one engine (the lease holder, which is the one ticking) does it.
 */
export class DailyMaintenance {
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly retention: RunRetention;

  constructor(
    private readonly store: Store,
    private readonly opts: MaintenanceOptions = {},
  ) {
    this.retention = new RunRetention(store.db);
  }

  poke(now: number): void {
    if (this.running || this.stopped) return;
    const last = this.store.state.get<number>(STATE_KEY);
    if (last !== null && now - last < (this.opts.everyMs ?? DAY_MS) && now >= last) return;
    // Recorded first: a pass that crashes midway is not retried in a tight loop.
    this.store.state.set(STATE_KEY, now);
    this.running = this.pass(now).finally(() => {
      this.running = null;
    });
  }

  /**
   * When the next pass is due: the engine sleeps between passes, so it arms its timer for this too
   * (null while a pass runs or after stop).
   */
  nextDueAt(now: number): number | null {
    if (this.running || this.stopped) return null;
    const last = this.store.state.get<number>(STATE_KEY);
    return last === null || now < last ? now : last + (this.opts.everyMs ?? DAY_MS);
  }

  /** Waits for a pass in progress to stop at its next batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Resolves when no pass is running (tests). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async pass(now: number): Promise<void> {
    const result: MaintenancePass = { at: now, deletedRuns: 0, deletedEvents: 0, deletedRawLogs: 0, backup: null, error: null };
    try {
      const settings = this.store.settings.getAll();
      const cutoff = retentionCutoff(now, settings.retentionDays);
      const batch = this.opts.batchSize ?? 250;
      for (;;) {
        if (this.stopped) break;
        const { runs, events } = this.retention.deleteBatch(cutoff, batch, (ids) => {
          result.deletedRawLogs += removeRawLogs(this.store.path, ids);
        });
        result.deletedRuns += runs;
        result.deletedEvents += events;
        if (runs < batch) break;
        await sleep(this.opts.pauseMs ?? 5);
      }
      if (!this.stopped) result.deletedRawLogs += await sweepOrphanRawLogs(this.store);
      if (settings.autoBackup && !this.stopped) {
        const dir = settings.backupDir ?? defaultBackupDir(this.store.path);
        const { mkdirSync } = await import('node:fs');
        mkdirSync(dir, { recursive: true });
        const done = await backupDatabase(this.store.db, `${dir}/${backupFileName(now)}`, { overwrite: true });
        pruneBackups(dir, settings.autoBackupKeep);
        result.backup = done.file;
      }
    } catch (err) {
      result.error = (err as Error).message;
    }
    if (result.deletedRuns || result.deletedRawLogs || result.backup || result.error) {
      this.store.audit.record('system', 'maintenance.daily', null, { ...result });
    }
    this.opts.onPass?.(result);
  }
}
