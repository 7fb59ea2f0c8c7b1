import type { Database, Statement } from 'better-sqlite3';

export interface CooldownRecord {
  id: number;
  startedAt: number;
  resetsAt: number;
  source: string;
  message: string;
  runId: number | null;
  clearedAt: number | null;
  clearedBy: string | null;
}

interface Row {
  id: number;
  started_at: number;
  resets_at: number;
  source: string;
  message: string;
  run_id: number | null;
  cleared_at: number | null;
  cleared_by: string | null;
}

const toRecord = (r: Row): CooldownRecord => ({
  id: r.id,
  startedAt: r.started_at,
  resetsAt: r.resets_at,
  source: r.source,
  message: r.message,
  runId: r.run_id,
  clearedAt: r.cleared_at,
  clearedBy: r.cleared_by,
});

export class CooldownsRepo {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /** Prepared once per SQL text: the scheduler runs these on every tick. */
  private prepare(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** The cooldown in force at `now`: not cleared and not yet reset. */
  active(now: number): CooldownRecord | null {
    const row = this.prepare('SELECT * FROM cooldowns WHERE cleared_at IS NULL AND resets_at > ? ORDER BY resets_at DESC LIMIT 1')
      .get(now) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** The newest cooldown that has not been closed, whether or not its reset time has passed. */
  open(): CooldownRecord | null {
    const row = this.prepare('SELECT * FROM cooldowns WHERE cleared_at IS NULL ORDER BY resets_at DESC LIMIT 1').get() as Row | undefined;
    return row ? toRecord(row) : null;
  }

  start(c: { startedAt: number; resetsAt: number; source: string; message: string; runId: number | null }): CooldownRecord {
    const { lastInsertRowid } = this.prepare('INSERT INTO cooldowns (started_at, resets_at, source, message, run_id) VALUES (?, ?, ?, ?, ?)')
      .run(c.startedAt, c.resetsAt, c.source, c.message, c.runId);
    return toRecord(this.prepare('SELECT * FROM cooldowns WHERE id = ?').get(Number(lastInsertRowid)) as Row);
  }

  extend(id: number, resetsAt: number, source: string, message: string): void {
    this.prepare('UPDATE cooldowns SET resets_at = MAX(resets_at, ?), source = ?, message = ? WHERE id = ?').run(resetsAt, source, message, id);
  }

  /** Closes every open cooldown: `by` is 'reset' when its time came, 'user' when cleared by hand. */
  clearAll(now: number, by: string): number {
    return this.prepare('UPDATE cooldowns SET cleared_at = ?, cleared_by = ? WHERE cleared_at IS NULL').run(now, by).changes;
  }
}
