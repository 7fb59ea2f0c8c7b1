import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { bundledMigrations, migrate, schemaVersion } from './migrations';

export type { Database };

export interface OpenOptions {
  migrate?: boolean;
  readonly?: boolean;
  /** Create the file's folder when missing: only for the default app-data location. */
  createFolder?: boolean;
}

/** A database opened read-only because the file (or its folder) cannot be written. */
export const READ_ONLY_FALLBACK = Symbol('cnp.readOnlyFallback');

/**
 * The page size of a database this program creates. Nearly all of its bytes are run output, rows
 * of half a kilobyte to many kilobytes: in 4 KB pages a stored line over about 1 KB spills into
 * overflow pages, and every committed page costs WAL writes and a checkpoint copy. Measured while
 * a run printed 200,000 stream-json lines, 16 KB pages cut the background writer's CPU by about
 * 15 %. SQLite cannot change the size of a database in WAL mode, so older files keep theirs.
 */
export const NEW_DATABASE_PAGE_BYTES = 16 * 1024;

/**
 * WAL after which a commit copies it into the database file: SQLite's own default, 1,000 pages,
 * which was chosen for 4 KB pages. Set in bytes so that a database with bigger pages does not
 * checkpoint four times as much at once (inside a commit, on the event loop, fsync included).
 */
export const WAL_CHECKPOINT_BYTES = 1000 * 4096;

/** SQLite counts the WAL thresholds in pages, and pages differ between databases. */
export function pagesOf(db: Database, bytes: number): number {
  return Math.max(1, Math.round(bytes / (db.pragma('page_size', { simple: true }) as number)));
}

const dbError = (message: string) => new AppError('VALIDATION', message, { field: 'db' });

/**
 * Opens (creating if needed) the database with the settings every process must share: WAL so the
 * engine, the CLI and the UI read while one writes; foreign keys; a busy timeout so short write
 * contention waits instead of failing.
 *
 * Every way a file can be unusable ends in a sentence naming the path and the fix, and a file that
 * is not ours — text, a damaged database, another program's SQLite file — is left byte for byte
 * as it was. A file we may read but not write opens read-only, so looking still works.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  if (file === ':memory:') return prepare(new BetterSqlite3(file), file, options, false);
  ensureFolder(file, options.createFolder ?? false);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw dbError(`The database path ${file} is a folder; give a file path`);

  const readonly = options.readonly ?? !canWrite(file);
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly });
    checkOwnership(db, file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (readonly && isReadOnlyError(err)) return openSnapshot(file, options);
    throw describeOpenError(err, file);
  }
  return prepare(db, file, options, readonly);
}

function ensureFolder(file: string, create: boolean): void {
  const dir = path.dirname(file);
  if (fs.existsSync(dir)) return;
  if (!create) {
    throw dbError(`The folder ${dir} for the database does not exist. Create it first (mkdir -p "${dir}") or give another --db path.`);
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw dbError(`Cannot create the database folder ${dir}: ${(err as Error).message}`);
  }
}

/** Whether this process may change the file (and make SQLite's -wal/-shm files beside it). */
function canWrite(file: string): boolean {
  try {
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    // A file that does not exist yet is opened for writing, so the error says it cannot be made.
    return !fs.existsSync(file);
  }
}

function prepare(db: Database, file: string, options: OpenOptions, readonly: boolean): Database {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // better-sqlite3 builds SQLite with a 16 MB page cache (and sorter budget) per connection: a scan
  // of a million runs (the dashboard) filled it and it stayed resident. The OS caches the file too,
  // so 4 MB keeps a page of the API as fast while the engine stays small.
  db.pragma('cache_size = -4000');
  if (readonly) {
    checkSchemaCurrent(db, file);
    return db;
  }
  try {
    // Only a file with nothing in it yet takes a page size; an existing database keeps its own.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${NEW_DATABASE_PAGE_BYTES}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${pagesOf(db, WAL_CHECKPOINT_BYTES)}`);
    if (options.migrate ?? true) migrate(db);
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw describeOpenError(err, file);
  }
  return db;
}

/**
 * Reads the table list (the first real read, where SQLite notices a file that is not a database or
 * is damaged) and refuses an SQLite file some other program made before anything is written to it.
 */
function checkOwnership(db: Database, file: string): void {
  let tables: string[];
  try {
    tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  } catch (err) {
    db.close();
    throw err;
  }
  if (tables.length === 0 || tables.includes('schema_migrations')) return;
  db.close();
  if (looksLikeLegacyNightPilot(tables)) {
    throw dbError(
      `${file} is a database of the original Claude Night Pilot, which this version does not open directly. Import it with \`cnp import legacy "${file}"\`, and use the default database (or another --db path).`,
    );
  }
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  throw dbError(`${file} is an SQLite database of another program (its tables: ${shown}), not a Claude Night Pilot database; it was left untouched. Give another --db path.`);
}

function looksLikeLegacyNightPilot(tables: string[]): boolean {
  const has = (t: string) => tables.includes(t);
  return has('unified_jobs') || has('scheduled_tasks') || has('job_executions') || (has('prompts') && (has('jobs') || has('results')));
}

function checkSchemaCurrent(db: Database, file: string): void {
  const known = bundledMigrations().length;
  let version = 0;
  try {
    version = schemaVersion(db);
  } catch {
    version = 0;
  }
  if (version < known) {
    db.close();
    throw dbError(`The database ${file} is read-only and needs a schema upgrade (version ${version} → ${known}) before this version can use it. Make it writable once (chmod u+w "${file}" and its folder) and run any cnp command.`);
  }
}

function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'));
}

/**
 * A WAL database in a folder we cannot write needs a -shm file SQLite cannot create there. Reading
 * a private copy gives the same answers without touching the original.
 */
function openSnapshot(file: string, options: OpenOptions): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-readonly-'));
  const copy = path.join(dir, path.basename(file));
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new BetterSqlite3(copy, { readonly: true });
    checkOwnership(db, file);
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    Object.defineProperty(db, READ_ONLY_FALLBACK, { value: file });
    return prepare(db, file, { ...options, migrate: false }, true);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw describeOpenError(err, file);
  }
}

const STORE_ERROR = /^SQLITE_(READONLY|CORRUPT|NOTADB|FULL|IOERR|CANTOPEN)/;

/** A storage failure met while a command ran (not at open), described the same way. */
export function describeStoreError(err: unknown, file: string): unknown {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && STORE_ERROR.test(code) ? describeOpenError(err, file) : err;
}

/** SQLite's complaint about a file, as a sentence that names the path and what to do. */
export function describeOpenError(err: unknown, file: string): AppError {
  const code = String((err as { code?: unknown }).code ?? '');
  const detail = (err as Error).message;
  if (code === 'SQLITE_NOTADB') {
    return dbError(`${file} is not a database (SQLite says: ${detail}). Give the path of your Claude Night Pilot database with --db, or move this file away.`);
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return dbError(`The database ${file} is damaged or truncated (SQLite says: ${detail}). Restore it from a backup, or move it away to start with an empty one.`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return dbError(`The database ${file} is read-only, and this command changes it. Make the file and its folder writable, or run the command on a copy.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return dbError(`Cannot open the database ${file} (SQLite says: ${detail}). Check that the file and its folder exist and that you may read them.`);
  }
  if (code === 'SQLITE_FULL') return dbError(`The disk holding ${file} is full. Free some space and try again.`);
  return dbError(`Cannot open the database ${file}: ${detail}`);
}
