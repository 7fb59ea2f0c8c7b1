import type { Database } from 'better-sqlite3';

/** The original Night Pilot's table layouts (shared/docs/LEGACY-DB.md); one file may hold several. */
export type LegacyLayout = 'layout1' | 'layout2' | 'layout3' | 'layout4';

export const LAYOUT_NAMES: Record<LegacyLayout, string> = {
  layout1: 'layout 1 (first release: prompts, jobs with cron_expr, results)',
  layout2: 'layout 2 (usage tracking: scheduled_tasks)',
  layout3: 'layout 3 (jobs with cron_expression, job_executions)',
  layout4: 'layout 4 (unified_jobs, job_execution_results)',
};

export function tableColumns(db: Database, table: string): Set<string> {
  return new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
}

/** Which layouts a file holds, told apart by the tables and columns present. */
export function detectLayouts(db: Database): LegacyLayout[] {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  // Our own database is never a legacy one, whatever its file is called.
  if (tables.has('schema_migrations') && tables.has('run_events')) return [];
  const layouts: LegacyLayout[] = [];
  const jobs = tables.has('jobs') ? tableColumns(db, 'jobs') : new Set<string>();
  if (jobs.has('cron_expr') && tables.has('prompts')) layouts.push('layout1');
  if (tables.has('scheduled_tasks')) layouts.push('layout2');
  if (jobs.has('cron_expression')) layouts.push('layout3');
  if (tables.has('unified_jobs')) layouts.push('layout4');
  return layouts;
}
