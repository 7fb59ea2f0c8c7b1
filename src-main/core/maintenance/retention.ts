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
      `SELECT id FROM runs WHERE finished_at IS NOT NULL AND finished_at < ?
         AND status NOT IN ('queued', 'running', 'deferred_cooldown') ORDER BY finished_at LIMIT ?`,
    );
    this.dropEvents = db.prepare('DELETE FROM run_events WHERE run_id = ?');
    this.dropRun = db.prepare('DELETE FROM runs WHERE id = ?');
  }

  /** Deletes up to `batchSize` runs that finished before `cutoff`; returns how many it deleted. */
  deleteBatch(cutoff: number, batchSize: number): { runs: number; events: number } {
    return this.db.transaction(() => {
      const ids = (this.pick.all(cutoff, batchSize) as { id: number }[]).map((r) => r.id);
      let events = 0;
      for (const id of ids) {
        events += this.dropEvents.run(id).changes;
        this.dropRun.run(id);
      }
      return { runs: ids.length, events };
    })();
  }
}

export const retentionCutoff = (now: number, retentionDays: number) => now - retentionDays * DAY_MS;
