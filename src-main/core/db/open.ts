import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { migrate } from './migrations';

export type { Database };

/**
 * Opens (creating if needed) the database with the settings every process must share: WAL so the
 * engine, the CLI and the UI read while one writes; foreign keys; a busy timeout so short write
 * contention waits instead of failing.
 */
export function openDatabase(file: string, options: { migrate?: boolean; readonly?: boolean } = {}): Database {
  if (file !== ':memory:') {
    const dir = path.dirname(file);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new AppError('VALIDATION', `Cannot create the database folder ${dir}: ${(err as Error).message}`, { field: 'db' });
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      throw new AppError('VALIDATION', `The database path ${file} is a folder; give a file path`, { field: 'db' });
    }
  }
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: options.readonly ?? false });
  } catch (err) {
    throw new AppError('VALIDATION', `Cannot open the database ${file}: ${(err as Error).message}`, { field: 'db' });
  }
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  if (options.migrate ?? true) {
    try {
      migrate(db);
    } catch (err) {
      db.close();
      if (err instanceof AppError) throw err;
      throw new AppError('INTERNAL', `Cannot prepare the database ${file}: ${(err as Error).message}`);
    }
  }
  return db;
}
