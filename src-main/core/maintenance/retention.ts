import type { Database, Statement } from 'better-sqlite3';

export const DAY_MS = 86_400_000;

/**
 * Deletes finished runs (and their events) older than the retention setting, a small batch at a
 * time: each batch is one short transaction, so the engine's ticks and other writers interleave.
 */
export class RunRetention {
  private readonly pick: Statement;
  private readonly dropEvents: Statement;
  private readonly dropRun: Statement;

  constructor(private readonly db: Database) {
    // Only runs that are over: a queued, running or deferred run is never deleted, however old.
    this.pick = db.prepare(
      `SELECT id, raw_log_bytes FROM runs WHERE finished_at IS NOT NULL AND finished_at < ?
         AND status NOT IN ('queued', 'running', 'deferred_cooldown') ORDER BY finished_at LIMIT ?`,
    );
    this.dropEvents = db.prepare('DELETE FROM run_events WHERE run_id = ?');
    this.dropRun = db.prepare('DELETE FROM runs WHERE id = ?');
  }

  /**
   * Deletes up to `batchSize` runs that finished before `cutoff`; returns how many it deleted.
   * `withRawLogs` hears, once the batch is committed, which of them had a full log file.
   */
  deleteBatch(cutoff: number, batchSize: number, withRawLogs?: (runIds: number[]) => void): { runs: number; events: number } {
    const logged: number[] = [];
    const done = this.db.transaction(() => {
      const rows = this.pick.all(cutoff, batchSize) as { id: number; raw_log_bytes: number | null }[];
      let events = 0;
      for (const { id, raw_log_bytes } of rows) {
        events += this.dropEvents.run(id).changes;
        this.dropRun.run(id);
        if (raw_log_bytes !== null) logged.push(id);
      }
      return { runs: rows.length, events };
    })();
    if (logged.length) withRawLogs?.(logged);
    return done;
  }
}

export const retentionCutoff = (now: number, retentionDays: number) => now - retentionDays * DAY_MS;
