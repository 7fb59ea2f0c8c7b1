import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements, one per SQL text. better-sqlite3 compiles the SQL on every `prepare()`,
 * which costs more than running a small query: what runs on every tick or heartbeat is compiled
 * once. (Statements are only ever used one at a time here, so sharing one per text is safe.)
 */
export class Statements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let st = this.cache.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.cache.set(sql, st);
    }
    return st;
  }
}
