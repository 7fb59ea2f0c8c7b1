import type { Database, Statement } from 'better-sqlite3';
import { Statements } from './statements';
import type { RunEvent, RunEventKind } from '../../../src-shared/domain';
import { iso, parseJson } from './json';
import { BackgroundWriter, type AppendDone } from './background-writer';
import { COUNT_RUN_EVENTS_SQL, ROWS_PER_INSERT, insertRunEventsSql } from './run-events-sql';

/** One event ready to store: its payload is already JSON text (serialised once, or as it came). */
export interface EventRow {
  seq: number;
  ts: number;
  kind: RunEventKind;
  json: string;
}

export class EventsRepo {
  private readonly statements: Statements;
  /** Run output is the bulk of what the engine writes: a flood of it is stored, and checkpointed, off the event loop. */
  private readonly background: BackgroundWriter;

  constructor(private readonly db: Database) {
    this.statements = new Statements(db);
    this.background = new BackgroundWriter(db);
  }

  /**
   * Runs `fn` with SQLite's automatic checkpoint off. A commit that crosses its threshold copies the
   * WAL into the database and fsyncs inside that commit (5-6 ms here): the engine fires runs this
   * way, so the one write between "due" and "spawn" is never that commit. The next commit after
   * `fn` checkpoints as it would have.
   */
  withoutAutoCheckpoint<T>(fn: () => T): T {
    return this.background.withoutAutoCheckpoint(fn);
  }

  /**
   * Whether a bulk writer should hold its rows for now because a background checkpoint is running
   * or the background writer is starting (see BackgroundWriter.holdsWriters); if so, `resume` is
   * called once it need not.
   */
  holdWrites(resume: () => void): boolean {
    if (!this.background.holdsWriters || this.background.takesAppends) return false;
    this.background.afterHold(resume);
    return true;
  }

  /** The database is closing: stop the background checkpoints. */
  close(): void {
    this.background.close();
  }

  /** Prepared once per SQL text: the scheduler runs these on every tick. */
  private prepare(sql: string): Statement {
    return this.statements.get(sql);
  }

  /** Where a run's stored events end (a deferred run goes on after them); null when the run is gone. */
  storedSoFar(runId: number): { count: number; truncated: boolean } | null {
    const row = this.prepare('SELECT event_count, events_truncated FROM runs WHERE id = ?').get(runId) as { event_count: number; events_truncated: 0 | 1 } | undefined;
    return row ? { count: row.event_count, truncated: row.events_truncated === 1 } : null;
  }

  /**
   * Stores a batch in one transaction (one fsync instead of thousands) and moves the run's event
   * count on. The caller (the run's EventSink, its only writer) numbers the rows and enforces the caps.
   */
  appendRows(runId: number, rows: readonly EventRow[], eventCount: number, truncated: boolean): void {
    if (!rows.length) return;
    // MAX: a batch of the background writer's may have been committed after a later one of these.
    const update = this.prepare(COUNT_RUN_EVENTS_SQL);
    this.db.transaction(() => {
      // Rows go in groups of ROWS_PER_INSERT per statement: one call per row costs more than the row.
      let i = 0;
      if (rows.length >= ROWS_PER_INSERT) {
        const many = this.prepare(insertRunEventsSql(ROWS_PER_INSERT));
        const args: unknown[] = new Array<unknown>(ROWS_PER_INSERT * 5);
        for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
          for (let k = 0; k < ROWS_PER_INSERT; k++) {
            const r = rows[i + k]!;
            const at = k * 5;
            args[at] = runId;
            args[at + 1] = r.seq;
            args[at + 2] = r.ts;
            args[at + 3] = r.kind;
            args[at + 4] = r.json;
          }
          many.run(args);
        }
      }
      const one = this.prepare(insertRunEventsSql(1));
      for (; i < rows.length; i++) {
        const r = rows[i]!;
        one.run(runId, r.seq, r.ts, r.kind, r.json);
      }
      update.run(eventCount, truncated ? 1 : 0, runId);
    })();
    let bytes = 0;
    for (const r of rows) bytes += r.json.length;
    this.background.wrote(bytes);
  }

  /**
   * Stores a batch as `appendRows` does, but on the background writer's thread when one is running
   * (a run printing megabytes started it): `done` is called once the rows are committed, or with an
   * error, after which the caller writes them itself. False when there is no such thread.
   */
  appendInBackground(runId: number, rows: readonly EventRow[], eventCount: number, truncated: boolean, done: AppendDone): boolean {
    if (!rows.length || !this.background.takesAppends) return false;
    const flat: (number | string)[] = new Array<number | string>(rows.length * 4);
    let bytes = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      flat[i * 4] = r.seq;
      flat[i * 4 + 1] = r.ts;
      flat[i * 4 + 2] = r.kind;
      flat[i * 4 + 3] = r.json;
      bytes += r.json.length;
    }
    return this.background.append({ runId, rows: flat, eventCount, truncated, bytes }, done);
  }

  /** See BackgroundWriter.othersCommitted: whether a move of data_version may be only the background writer's. */
  othersCommitted(answer: (othersCommitted: boolean) => void): boolean {
    return this.background.othersCommitted(answer);
  }

  list(runId: number, afterSeq: number, limit: number): RunEvent[] {
    const rows = this.prepare('SELECT run_id, seq, ts, kind, payload FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(runId, afterSeq, limit) as { run_id: number; seq: number; ts: number; kind: RunEventKind; payload: string }[];
    return rows.map((r) => ({ runId: r.run_id, seq: r.seq, ts: iso(r.ts)!, kind: r.kind, payload: parseJson<unknown>(r.payload, r.payload) }));
  }
}
