import path from 'node:path';

/**
 * Where full logs live: one folder per database, beside it (`cnp.db` → `cnp.db-logs/`), like the
 * supervisor's `cnp.db-runs/`. Per database, not one shared `run-logs/`: two databases in one folder
 * would otherwise sweep each other's files as orphans.
 */
export function rawLogDir(dbPath: string): string | null {
  if (!dbPath || dbPath === ':memory:') return null;
  return `${dbPath}-logs`;
}

export function rawLogFile(dbPath: string, runId: number): string | null {
  const dir = rawLogDir(dbPath);
  return dir === null ? null : path.join(dir, `${runId}.log`);
}

/** The run id a file in the folder belongs to, or null for a file that is not a full log. */
export function runIdOfRawLog(fileName: string): number | null {
  const m = /^([1-9]\d{0,15})\.log$/.exec(fileName);
  return m ? Number(m[1]) : null;
}
