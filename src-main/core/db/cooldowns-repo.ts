import type { Database, Statement } from 'better-sqlite3';
import { Statements } from './statements';
import type { LimitScope } from '../cooldown/limit-scope';

export interface CooldownRecord {
  id: number;
  startedAt: number;
  resetsAt: number;
  source: string;
  message: string;
  runId: number | null;
  clearedAt: number | null;
  clearedBy: string | null;
  /** Which Claude work waits: everything, or only runs on the Opus or Sonnet family. */
  scope: LimitScope;
  limitType: string | null;
  /** A spend, credit or organisation limit: only the user can lift it. */
  needsUser: boolean;
  /** 0: waiting for a known reset; 1–4: a short probe after a reset that had just passed. */
  probeStep: number;
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
  scope: LimitScope;
  limit_type: string | null;
  needs_user: 0 | 1;
  probe_step: number;
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
  scope: r.scope,
  limitType: r.limit_type,
  needsUser: r.needs_user === 1,
  probeStep: r.probe_step,
});

/** What a new or extended cooldown says about its limit. */
export interface CooldownLimit {
  resetsAt: number;
  source: string;
  message: string;
  limitType: string | null;
  needsUser: boolean;
  probeStep: number;
}

export class CooldownsRepo {
  private readonly statements: Statements;

  constructor(private readonly db: Database) {
    this.statements = new Statements(db);
  }

  /** Prepared once per SQL text: the scheduler runs these on every tick. */
  private prepare(sql: string): Statement {
    return this.statements.get(sql);
  }

  /** The cooldown in force at `now` that ends last, of any scope. */
  active(now: number): CooldownRecord | null {
    const row = this.prepare('SELECT * FROM cooldowns WHERE cleared_at IS NULL AND resets_at > ? ORDER BY resets_at DESC LIMIT 1')
      .get(now) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** Every cooldown in force at `now` (one per scope at most), the one ending last first. */
  activeAll(now: number): CooldownRecord[] {
    return (this.prepare('SELECT * FROM cooldowns WHERE cleared_at IS NULL AND resets_at > ? ORDER BY resets_at DESC').all(now) as Row[]).map(toRecord);
  }

  /** Every cooldown not yet closed, whether or not its reset time has passed. */
  openAll(): CooldownRecord[] {
    return (this.prepare('SELECT * FROM cooldowns WHERE cleared_at IS NULL ORDER BY resets_at DESC').all() as Row[]).map(toRecord);
  }

  /** The newest cooldown of a scope that has not been closed. */
  open(scope: LimitScope = 'all'): CooldownRecord | null {
    const row = this.prepare('SELECT * FROM cooldowns WHERE cleared_at IS NULL AND scope = ? ORDER BY resets_at DESC LIMIT 1').get(scope) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** The newest cooldown of a scope, open or closed: the last limit, and the probe ladder's memory. */
  latest(scope: LimitScope | null = null): CooldownRecord | null {
    const row = (
      scope === null
        ? this.prepare('SELECT * FROM cooldowns ORDER BY id DESC LIMIT 1').get()
        : this.prepare('SELECT * FROM cooldowns WHERE scope = ? ORDER BY id DESC LIMIT 1').get(scope)
    ) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  get(id: number): CooldownRecord | null {
    const row = this.prepare('SELECT * FROM cooldowns WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  start(c: { startedAt: number; resetsAt: number; source: string; message: string; runId: number | null } & Partial<Omit<CooldownLimit, 'resetsAt' | 'source' | 'message'>> & { scope?: LimitScope }): CooldownRecord {
    const { lastInsertRowid } = this.prepare(
      'INSERT INTO cooldowns (started_at, resets_at, source, message, run_id, scope, limit_type, needs_user, probe_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(c.startedAt, c.resetsAt, c.source, c.message, c.runId, c.scope ?? 'all', c.limitType ?? null, c.needsUser ? 1 : 0, c.probeStep ?? 0);
    return this.get(Number(lastInsertRowid))!;
  }

  /**
   * A new hit of the same scope while it is open. A known reset only moves later; a probe (the reset
   * had passed) replaces the wait, since it is the CLI telling us the old time no longer holds.
   */
  extend(id: number, l: CooldownLimit): void {
    const sql =
      l.probeStep > 0
        ? 'UPDATE cooldowns SET resets_at = @resetsAt, source = @source, message = @message, limit_type = @limitType, needs_user = @needsUser, probe_step = @probeStep WHERE id = @id'
        : 'UPDATE cooldowns SET resets_at = MAX(resets_at, @resetsAt), source = @source, message = @message, limit_type = @limitType, needs_user = @needsUser, probe_step = 0 WHERE id = @id';
    this.prepare(sql).run({ id, ...l, needsUser: l.needsUser ? 1 : 0 });
  }

  /** Closes one cooldown: `by` is 'reset' when its time came, 'user' when cleared by hand. */
  clear(id: number, now: number, by: string): void {
    this.prepare('UPDATE cooldowns SET cleared_at = ?, cleared_by = ? WHERE id = ? AND cleared_at IS NULL').run(now, by, id);
  }

  /** Closes every open cooldown. */
  clearAll(now: number, by: string): number {
    return this.prepare('UPDATE cooldowns SET cleared_at = ?, cleared_by = ? WHERE cleared_at IS NULL').run(now, by).changes;
  }
}
