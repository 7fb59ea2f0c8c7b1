import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';

export interface IntegrityReport {
  ok: boolean;
  /** `ok`, or each problem integrity_check found (at most 100). */
  integrity: string[];
  /** Rows whose foreign key points nowhere. */
  foreignKeyProblems: { table: string; rowid: number | null; parent: string }[];
}

/** PRAGMA integrity_check and foreign_key_check, as one report. */
export function checkIntegrity(db: Database): IntegrityReport {
  const integrity = (db.pragma('integrity_check(100)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fk = (db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map((r) => ({
    table: r.table,
    rowid: r.rowid,
    parent: r.parent,
  }));
  return { ok: integrity.length === 1 && integrity[0] === 'ok' && fk.length === 0, integrity, foreignKeyProblems: fk };
}

/** Opens a database file read-only and checks it; used on every backup just taken. */
export function checkFile(file: string): IntegrityReport {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return checkIntegrity(db);
  } finally {
    db.close();
  }
}

/**
 * A copy of a WAL database is itself in WAL mode; switching it to a rollback journal makes the
 * backup one self-contained file (no -wal/-shm beside it). Then it is checked.
 */
function sealCopy(file: string): IntegrityReport {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return checkIntegrity(db);
  } finally {
    db.close();
  }
}

/** Pages copied per step: small enough that a step never holds the event loop for long. */
const PAGES_PER_STEP = 1000;

export interface BackupResult {
  file: string;
  bytes: number;
  check: IntegrityReport;
}

/**
 * SQLite's online backup (better-sqlite3's `backup`): a consistent copy taken while the engine keeps
 * writing, copied in steps that yield to the event loop between them. The copy is written beside
 * the target and renamed into place only once it is complete and passes integrity_check.
 */
export async function backupDatabase(db: Database, target: string, opts: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const file = path.resolve(target);
  if (!opts.overwrite && fs.existsSync(file)) {
    throw new AppError('VALIDATION', `${file} already exists: choose another file name (backups never overwrite)`, { field: 'file' });
  }
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('VALIDATION', `The folder ${dir} does not exist`, { field: 'file' });
  }
  const partial = `${file}.partial-${process.pid}`;
  try {
    await db.backup(partial, { progress: () => PAGES_PER_STEP });
    const check = sealCopy(partial);
    if (!check.ok) throw new AppError('INTERNAL', `The backup failed its integrity check: ${check.integrity.join('; ')}`);
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, check };
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${partial}${suffix}`, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('INTERNAL', `Backup to ${file} failed: ${(err as Error).message}`);
  }
}

const BACKUP_NAME = /^cnp-backup-(\d{8}T\d{6}Z)\.db$/;

/** `cnp-backup-20261201T020000Z.db`: sorts by time, says when. */
export function backupFileName(now: number): string {
  return `cnp-backup-${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}.db`;
}

/** Keeps the newest `keep` automatic backups in `dir` and deletes the rest; other files are left alone. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const ours = fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
  const removed = ours.slice(Math.max(0, keep));
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

export const defaultBackupDir = (dbPath: string) => path.join(path.dirname(dbPath), 'backups');
