import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import type { Store } from '../db/store';
import { rawLogDir, rawLogFile, runIdOfRawLog } from './paths';

/** Removes the full logs of runs that are gone; returns how many files it removed. */
export function removeRawLogs(dbPath: string, runIds: readonly number[]): number {
  let removed = 0;
  for (const id of runIds) {
    const file = rawLogFile(dbPath, id);
    if (file === null) return 0;
    try {
      fs.rmSync(file);
      removed += 1;
    } catch {
      // Already gone, or held open (Windows): the orphan sweep takes it later.
    }
  }
  return removed;
}

/**
 * The full logs of runs deleted once the caller's transaction commits. Inside a transaction (a
 * jobs-file import with --prune, all or nothing) nothing is removed: a rollback would bring the
 * runs back without their files, so the daily orphan sweep removes them instead.
 */
export function removeRawLogsAfterDelete(store: Store, runIds: readonly number[]): void {
  if (runIds.length === 0 || store.db.inTransaction) return;
  removeRawLogs(store.path, runIds);
}

/**
 * Removes the files of the full-log folder whose run no longer exists (a run deleted by a process
 * that could not remove its file, or by a rolled-back-then-redone import). Only `<id>.log` files
 * are looked at; anything else in the folder is left alone. Yields between chunks.
 */
export async function sweepOrphanRawLogs(store: Store, chunk = 500): Promise<number> {
  const dir = rawLogDir(store.path);
  if (dir === null) return 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  const exists = store.db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
  let removed = 0;
  for (let i = 0; i < names.length; i += chunk) {
    for (const name of names.slice(i, i + chunk)) {
      const id = runIdOfRawLog(name);
      if (id === null || exists.get(id) !== undefined) continue;
      try {
        fs.rmSync(path.join(dir, name));
        removed += 1;
      } catch {
        // Held open or already gone: the next sweep looks again.
      }
    }
    if (i + chunk < names.length) await turn();
  }
  return removed;
}
