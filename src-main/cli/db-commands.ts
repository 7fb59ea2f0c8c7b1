import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { backupDatabase, checkIntegrity, type IntegrityReport } from '../core/maintenance/backup';
import { parseFlags } from './options';
import type { Runtime } from './runtime';

const fileSize = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
const dbBytes = (file: string) => fileSize(file) + fileSize(`${file}-wal`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function integrityText(r: IntegrityReport): string {
  if (r.ok) return 'integrity_check: ok; foreign keys: ok';
  const lines = [`integrity_check: ${r.integrity.length === 1 && r.integrity[0] === 'ok' ? 'ok' : 'PROBLEMS'}`];
  if (!(r.integrity.length === 1 && r.integrity[0] === 'ok')) lines.push(...r.integrity.map((p) => `  ${p}`));
  if (r.foreignKeyProblems.length) {
    lines.push(`foreign keys: ${r.foreignKeyProblems.length} row(s) point nowhere`);
    lines.push(...r.foreignKeyProblems.slice(0, 20).map((p) => `  ${p.table} row ${p.rowid ?? '?'} → missing ${p.parent}`));
  }
  return lines.join('\n');
}

export function registerDbCommands(program: Command, rt: Runtime): void {
  const db = program.command('db').description('the database file: backup, vacuum, integrity check');

  db.command('backup')
    .description('copy the database to FILE with SQLite’s online backup (safe while the engine runs), then check the copy')
    .argument('<file>', 'where to write the copy (must not exist)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const result = await backupDatabase(s.store().db, file);
      s.out.result(result, () => `Backed up ${s.dbPath} to ${result.file} (${mb(result.bytes)}); the copy passes integrity_check.`);
    });

  db.command('vacuum')
    .description('rebuild the database file to reclaim the space of deleted rows')
    .action(async (_opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const store = s.store();
      const before = dbBytes(s.dbPath);
      store.db.exec('VACUUM');
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      const after = dbBytes(s.dbPath);
      s.out.result({ file: s.dbPath, bytesBefore: before, bytesAfter: after }, () => `Vacuumed ${s.dbPath}: ${mb(before)} → ${mb(after)}.`);
    });

  db.command('check')
    .description('run integrity_check and foreign_key_check; exit 1 when either finds a problem')
    .action(async (opts: unknown, cmd: Command) => {
      parseFlags(z.object({}), opts);
      const s = rt.session(cmd);
      const store = s.store();
      const report = checkIntegrity(store.db);
      const pages = store.db.pragma('page_count', { simple: true }) as number;
      const free = store.db.pragma('freelist_count', { simple: true }) as number;
      const info = { file: s.dbPath, schemaVersion: store.schemaVersion(), bytes: dbBytes(s.dbPath), pages, freePages: free, ...report };
      s.out.result(info, () => [`${s.dbPath} (schema ${info.schemaVersion}, ${mb(info.bytes)}, ${free} free of ${pages} pages)`, integrityText(report)].join('\n'));
      if (!report.ok) rt.exitCode = 1;
    });
}
