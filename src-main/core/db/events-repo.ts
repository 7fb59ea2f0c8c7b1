import type { Database, Statement } from 'better-sqlite3';
import type { RunEvent, RunEventKind } from '../../../src-shared/domain';
import { iso, parseJson } from './json';

export interface NewEvent {
  ts: number;
  kind: RunEventKind;
  /** Stored as JSON text. */
  payload: unknown;
}

/** The marker written once when a run reaches its event cap, so a reader knows the log is cut. */
export const TRUNCATION_MARKER = 'log truncated: the run produced more events than the per-run cap';

export class EventsRepo {
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

  /**
   * Appends a batch in one transaction (one fsync instead of thousands) and enforces the per-run
   * cap: events past it are dropped and a single marker says so. Returns the events stored.
   */
  append(runId: number, events: NewEvent[], cap: number): RunEvent[] {
    if (!events.length) return [];
    return this.db.transaction(() => {
      const run = this.prepare('SELECT event_count, events_truncated FROM runs WHERE id = ?').get(runId) as
        | { event_count: number; events_truncated: 0 | 1 }
        | undefined;
      if (!run || run.events_truncated) return [];
      const room = Math.max(0, cap - run.event_count);
      const kept = events.slice(0, room);
      const insert = this.prepare('INSERT INTO run_events (run_id, seq, ts, kind, payload) VALUES (?, ?, ?, ?, ?)');
      const stored: RunEvent[] = [];
      let seq = run.event_count;
      for (const e of kept) {
        seq += 1;
        insert.run(runId, seq, e.ts, e.kind, JSON.stringify(e.payload));
        stored.push({ runId, seq, ts: iso(e.ts)!, kind: e.kind, payload: e.payload });
      }
      const truncated = kept.length < events.length;
      if (truncated) {
        seq += 1;
        const ts = events[kept.length]!.ts;
        insert.run(runId, seq, ts, 'system', JSON.stringify({ type: 'truncated', message: TRUNCATION_MARKER, cap }));
        stored.push({ runId, seq, ts: iso(ts)!, kind: 'system', payload: { type: 'truncated', message: TRUNCATION_MARKER, cap } });
      }
      this.prepare('UPDATE runs SET event_count = ?, events_truncated = ? WHERE id = ?').run(seq, truncated ? 1 : 0, runId);
      return stored;
    })();
  }

  list(runId: number, afterSeq: number, limit: number): RunEvent[] {
    const rows = this.prepare('SELECT run_id, seq, ts, kind, payload FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(runId, afterSeq, limit) as { run_id: number; seq: number; ts: number; kind: RunEventKind; payload: string }[];
    return rows.map((r) => ({ runId: r.run_id, seq: r.seq, ts: iso(r.ts)!, kind: r.kind, payload: parseJson<unknown>(r.payload, r.payload) }));
  }
}
