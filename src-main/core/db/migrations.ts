import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered files of /migrations, embedded at build time so every bundle carries its schema. */
export function bundledMigrations(): Migration[] {
  const files = import.meta.glob('../../../migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  return parseMigrationFiles(files);
}

export function parseMigrationFiles(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([file, sql]) => {
    const name = file.split('/').pop() ?? file;
    const match = /^(\d+)_[\w-]+\.sql$/.exec(name);
    if (!match?.[1]) throw new Error(`Migration file name "${name}" must look like 0001_name.sql`);
    return { version: Number(match[1]), name, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${m.name} at position ${i + 1}`);
  });
  return migrations;
}

export const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Applies pending migrations in order, one transaction each, and refuses to open a database whose
 * applied migrations were edited afterwards: the schema it has would no longer be the one we know.
 */
export function migrate(db: Database, migrations: Migration[] = bundledMigrations()): { applied: number[]; version: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = new Map(
    (db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as { version: number; name: string; checksum: string }[]).map((r) => [r.version, r]),
  );
  for (const m of migrations) {
    const row = done.get(m.version);
    if (row && row.checksum !== checksum(m.sql)) {
      throw new AppError(
        'INTERNAL',
        `Migration ${m.name} was changed after it was applied to this database (checksum mismatch). Restore the original file; add a new numbered migration for schema changes.`,
      );
    }
  }
  const newest = Math.max(0, ...done.keys());
  const known = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (newest > known) {
    throw new AppError('INTERNAL', `This database has schema version ${newest}, newer than this program knows (${known}). Update Claude Night Pilot.`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    applyOne(db, m, () => record.run(m.version, m.name, checksum(m.sql), Date.now()));
    applied.push(m.version);
  }
  return { applied, version: Math.max(newest, ...applied) };
}

/**
 * A migration whose first line is `-- migrate: foreign_keys=off` rebuilds a table others point at.
 * SQLite's documented procedure: foreign keys off (only possible outside a transaction, so that a
 * DROP TABLE does not cascade into the tables referencing it), the change, foreign_key_check before
 * the commit, foreign keys back on.
 */
export const FOREIGN_KEYS_OFF_MARKER = /^--\s*migrate:\s*foreign_keys=off\s*$/m;

function applyOne(db: Database, m: Migration, record: () => void): void {
  const keysOff = FOREIGN_KEYS_OFF_MARKER.test(m.sql.split('\n', 1)[0] ?? '');
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (keysOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(m.sql);
      if (keysOff) {
        const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
        if (broken.length) {
          const first = broken[0]!;
          throw new Error(`Migration ${m.name} left ${broken.length} broken reference(s), e.g. ${first.table} row ${first.rowid} → ${first.parent}`);
        }
      }
      record();
    })();
  } finally {
    if (keysOff && keysWereOn) db.pragma('foreign_keys = ON');
  }
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
  return row?.v ?? 0;
}
