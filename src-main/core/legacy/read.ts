import type { Database } from 'better-sqlite3';
import { detectLayouts, tableColumns, type LegacyLayout } from './layouts';
import { mapExecution, mapRetry, parseJsonObject, parseLegacyTime, parseTags } from './mapping';

/** A legacy row, normalised: `key` names it in its source for the import mapping. */
export interface LegacyPrompt {
  key: string;
  label: string;
  title: string;
  body: string;
  tags: string[];
}

export interface LegacyJob {
  key: string;
  label: string;
  name: string;
  promptKey: string | null;
  /** The prompt id the row named, to say which one is missing. */
  legacyPromptId: string | null;
  inlinePrompt: string | null;
  /** null: run by hand only. */
  cron: string | null;
  onceAt: number | null;
  timezone: string | null;
  status: string | null;
  priority: number | null;
  retry: ReturnType<typeof mapRetry>;
  execution: ReturnType<typeof mapExecution>;
  timeoutSeconds: number | null;
  tags: string[];
  notes: string[];
}

export interface LegacyRun {
  key: string;
  jobKey: string;
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  startedAt: number | null;
  finishedAt: number | null;
  output: string;
  error: string | null;
}

export interface LegacyContents {
  layouts: LegacyLayout[];
  prompts: LegacyPrompt[];
  jobs: LegacyJob[];
  runs: LegacyRun[];
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const keyOf = (table: string, row: Row) => `${table}:${str(row.id)}:${str(row.created_at) ?? ''}`;
const all = (db: Database, sql: string) => db.prepare(sql).all() as Row[];

function runStatus(raw: unknown): LegacyRun['status'] {
  const s = String(raw ?? '').toLowerCase();
  if (s === 'success' || s === 'succeeded' || s === 'completed' || s === 'done' || s === '') return 'succeeded';
  if (s === 'timeout' || s === 'timed_out') return 'timed_out';
  if (s === 'cancelled' || s === 'canceled') return 'cancelled';
  return 'failed';
}

function readPrompts(db: Database): LegacyPrompt[] {
  return all(db, 'SELECT * FROM prompts ORDER BY id').map((r) => ({
    key: keyOf('prompts', r),
    label: `prompts #${str(r.id)}`,
    title: (str(r.title) ?? '').trim() || `Legacy prompt ${str(r.id)}`,
    body: str(r.content) ?? '',
    tags: parseTags(r.tags),
  }));
}

function layout1(db: Database, promptKeys: Map<string, string>, c: LegacyContents): void {
  const titles = new Map(c.prompts.map((p) => [p.key, p.title]));
  for (const r of all(db, 'SELECT * FROM jobs ORDER BY id')) {
    const promptKey = promptKeys.get(String(r.prompt_id)) ?? null;
    const cron = str(r.cron_expr)?.trim() ?? '';
    const notes: string[] = [];
    if (r.mode === 'async') notes.push('its async mode has no equivalent; it runs like any job');
    c.jobs.push({
      key: keyOf('jobs', r),
      label: `jobs #${str(r.id)}`,
      name: `${(promptKey && titles.get(promptKey)) || 'Legacy job'} (legacy job ${str(r.id)})`,
      promptKey,
      legacyPromptId: str(r.prompt_id),
      inlinePrompt: null,
      cron: cron === '*' || cron === '' ? null : cron,
      onceAt: null,
      timezone: null,
      status: str(r.status),
      priority: null,
      retry: {},
      execution: {},
      timeoutSeconds: null,
      tags: [],
      notes,
    });
  }
  if (tableColumns(db, 'results').size) {
    for (const r of all(db, 'SELECT * FROM results ORDER BY id')) {
      const at = parseLegacyTime(r.created_at);
      c.runs.push({ key: keyOf('results', r), jobKey: keyOfJob(db, 'jobs', r.job_id), status: 'succeeded', startedAt: at, finishedAt: at, output: str(r.content) ?? '', error: null });
    }
  }
}

/** The key of the job a history row belongs to (its created_at is part of the key). */
function keyOfJob(db: Database, table: string, id: unknown): string {
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  return row ? keyOf(table, row) : `${table}:${str(id)}:missing`;
}

function layout2(db: Database, c: LegacyContents): void {
  for (const r of all(db, 'SELECT * FROM scheduled_tasks ORDER BY created_at, id')) {
    const options = parseJsonObject(r.execution_options);
    c.jobs.push({
      key: keyOf('scheduled_tasks', r),
      label: `scheduled_tasks ${str(r.id)}`,
      name: `Legacy task ${str(r.id)}`,
      promptKey: null,
      legacyPromptId: null,
      inlinePrompt: str(r.prompt),
      cron: null,
      onceAt: parseLegacyTime(r.scheduled_at),
      timezone: str(r.timezone),
      status: str(r.status),
      priority: null,
      retry: r.max_retries !== null && r.max_retries !== undefined ? mapRetry({ max_retries: r.max_retries }) : {},
      execution: mapExecution(options),
      timeoutSeconds: null,
      tags: [],
      notes: [],
    });
  }
}

function layout34(db: Database, table: 'jobs' | 'unified_jobs', promptKeys: Map<string, string>, c: LegacyContents): void {
  const cols = tableColumns(db, table);
  for (const r of all(db, `SELECT * FROM ${table} ORDER BY created_at, id`)) {
    const notes: string[] = [];
    const timeout = parseJsonObject(r.timeout_config).execution_timeout_seconds;
    if (cols.has('parent_job_id') && r.parent_job_id) notes.push(`its parent job ${str(r.parent_job_id)} is not imported as a dependency`);
    const execution = mapExecution(parseJsonObject(r.execution_options));
    const promptKey = promptKeys.get(String(r.prompt_id)) ?? null;
    c.jobs.push({
      key: keyOf(table, r),
      label: `${table} ${str(r.id)}`,
      name: (str(r.name) ?? '').trim() || `Legacy job ${str(r.id)}`,
      promptKey,
      legacyPromptId: str(r.prompt_id),
      inlinePrompt: null,
      cron: str(r.cron_expression)?.trim() || null,
      onceAt: null,
      timezone: null,
      status: str(r.status),
      priority: typeof r.priority === 'number' ? r.priority : null,
      retry: mapRetry(parseJsonObject(r.retry_config)),
      execution,
      timeoutSeconds: typeof timeout === 'number' && timeout > 0 ? timeout : null,
      tags: parseTags(r.tags),
      notes,
    });
  }
  const history = table === 'jobs' ? 'job_executions' : 'job_execution_results';
  if (!tableColumns(db, history).size) return;
  for (const r of all(db, `SELECT * FROM ${history} ORDER BY created_at, id`)) {
    const startedAt = parseLegacyTime(r.start_time ?? r.execution_start_time);
    const finishedAt = parseLegacyTime(r.end_time ?? r.execution_end_time) ?? startedAt;
    c.runs.push({ key: keyOf(history, r), jobKey: keyOfJob(db, table, r.job_id), status: runStatus(r.status), startedAt, finishedAt, output: str(r.output) ?? '', error: str(r.error_message) });
  }
}

/** Everything importable in a legacy file, layout by layout. */
export function readLegacy(db: Database): LegacyContents {
  const layouts = detectLayouts(db);
  const c: LegacyContents = { layouts, prompts: [], jobs: [], runs: [] };
  const hasPrompts = tableColumns(db, 'prompts').has('content');
  if (hasPrompts) c.prompts = readPrompts(db);
  const promptKeys = new Map<string, string>();
  if (hasPrompts) for (const r of all(db, 'SELECT * FROM prompts')) promptKeys.set(String(r.id), keyOf('prompts', r));
  if (layouts.includes('layout1')) layout1(db, promptKeys, c);
  if (layouts.includes('layout2')) layout2(db, c);
  if (layouts.includes('layout3')) layout34(db, 'jobs', promptKeys, c);
  if (layouts.includes('layout4')) layout34(db, 'unified_jobs', promptKeys, c);
  return c;
}
