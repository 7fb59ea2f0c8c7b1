import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { LegacyImportReport } from '../../../src-shared/files-types';
import { JobCreateInput, type JobCreate } from '../../../src-shared/schemas';
import { isValidTimezone } from '../scheduler/schedule';
import type { CoreContext } from '../services/context';
import { buildJobRecord } from '../services/job-input';
import { LAYOUT_NAMES } from './layouts';
import { convertCron, mapStatus } from './mapping';
import { readLegacy, type LegacyJob, type LegacyRun } from './read';

export type { LegacyImportReport };

/** Opens an old database read-only: nothing here can write to it, not even a journal. */
export function openLegacy(file: string): Database {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) throw new AppError('VALIDATION', `${absolute}: no such file`, { field: 'path' });
  if (fs.statSync(absolute).isDirectory()) throw new AppError('VALIDATION', `${absolute} is a folder; give the .db file`, { field: 'path' });
  let db: Database;
  try {
    db = new BetterSqlite3(absolute, { readonly: true, fileMustExist: true });
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (err) {
    throw new AppError('VALIDATION', `${absolute} is not a database this can read: ${(err as Error).message}`, { field: 'path' });
  }
  return db;
}

const MAX_OUTPUT = 5 * 1024 * 1024;
class Rollback extends Error {}

/**
 * Imports prompts, jobs and (with `withHistory`) past runs from one of the original app's
 * databases (shared/docs/LEGACY-DB.md) in one transaction. Each imported row is remembered in
 * legacy_imports, so importing again adds nothing; a dry run does everything and rolls it back.
 */
export function importLegacy(ctx: CoreContext, req: { path: string; dryRun: boolean; withHistory: boolean }): LegacyImportReport {
  const source = path.resolve(req.path);
  const legacy = openLegacy(source);
  let contents;
  try {
    contents = readLegacy(legacy);
  } finally {
    legacy.close();
  }
  if (!contents.layouts.length) {
    throw new AppError('VALIDATION', `${source} holds none of the original Night Pilot's tables (see LEGACY-DB.md); nothing to import`, { field: 'path' });
  }
  const { store } = ctx;
  const now = ctx.now();
  const report: LegacyImportReport = {
    source,
    layouts: contents.layouts.map((l) => LAYOUT_NAMES[l]),
    dryRun: req.dryRun,
    withHistory: req.withHistory,
    prompts: { mapped: [], skipped: [] },
    jobs: { mapped: [], skipped: [] },
    runs: { imported: 0, skipped: [] },
  };
  const mapped = store.db.prepare('SELECT local_kind, local_id FROM legacy_imports WHERE legacy_key = ?');
  const remember = store.db.prepare('INSERT INTO legacy_imports (legacy_key, local_kind, local_id, source_path, imported_at) VALUES (?, ?, ?, ?, ?)');
  const localId = (key: string) => (mapped.get(key) as { local_id: number } | undefined)?.local_id ?? null;

  const apply = () => {
    for (const p of contents.prompts) {
      const before = localId(p.key);
      if (before !== null) {
        report.prompts.skipped.push({ legacy: p.label, reason: `imported before (prompt ${before})` });
      } else if (!p.body.trim()) {
        report.prompts.skipped.push({ legacy: p.label, reason: 'its content is empty' });
      } else {
        const created = store.prompts.insert({ title: p.title.slice(0, 200), body: p.body.slice(0, 1_000_000), tags: p.tags }, now);
        remember.run(p.key, 'prompt', created.id, source, now);
        report.prompts.mapped.push({ legacy: p.label, title: created.title, id: created.id });
      }
    }
    const names = new Set(store.jobs.list().items.map((j) => j.name));
    for (const job of contents.jobs) importJob(job, names);
    if (req.withHistory) for (const run of contents.runs) importRun(run);
    if (req.dryRun) throw new Rollback();
  };

  const importJob = (job: LegacyJob, names: Set<string>) => {
    const skip = (reason: string) => report.jobs.skipped.push({ legacy: job.label, name: job.name, reason });
    const before = localId(job.key);
    if (before !== null) return skip(`imported before (job ${before})`);
    const notes = [...job.notes];
    const timezone = job.timezone && isValidTimezone(job.timezone) ? job.timezone : 'UTC';
    if (job.timezone && timezone !== job.timezone) notes.push(`its timezone "${job.timezone}" is unknown, so UTC is used`);
    let schedule: JobCreate['schedule'];
    if (job.cron !== null) {
      const converted = convertCron(job.cron, timezone);
      if ('reason' in converted) return skip(converted.reason);
      schedule = { type: 'cron', cron: converted.cron, timezone };
      if (!job.timezone) notes.push('its cron runs in UTC, as the original scheduler did');
    } else if (job.onceAt !== null) {
      schedule = { type: 'once', at: new Date(job.onceAt).toISOString(), timezone };
    } else {
      schedule = { type: 'manual', timezone };
    }
    let promptId: number | null = null;
    if (job.promptKey !== null) {
      promptId = localId(job.promptKey);
      if (promptId === null) return skip('its prompt was not imported');
    } else if (job.legacyPromptId !== null) {
      return skip(`its prompt ${job.legacyPromptId} is not in the old database`);
    } else if (!job.inlinePrompt?.trim()) {
      return skip('it has no prompt');
    }
    const { enabled, note } = mapStatus(job.status);
    if (note) notes.push(note);
    let priority = job.priority ?? 5;
    if (priority < 1 || priority > 10 || !Number.isInteger(priority)) {
      notes.push(`its priority ${priority} is outside 1-10, so it is ${Math.min(10, Math.max(1, Math.round(priority)))}`);
      priority = Math.min(10, Math.max(1, Math.round(priority)));
    }
    let name = job.name.slice(0, 190);
    if (names.has(name)) {
      let n = 1;
      while (names.has(`${name} (legacy${n > 1 ? ` ${n}` : ''})`)) n++;
      name = `${name} (legacy${n > 1 ? ` ${n}` : ''})`;
      notes.push(`renamed to "${name}": a job named "${job.name}" exists already`);
    }
    const input = {
      name,
      kind: 'claude' as const,
      promptId,
      prompt: promptId === null ? job.inlinePrompt : null,
      schedule,
      enabled,
      priority,
      timeoutSeconds: job.timeoutSeconds,
      retry: job.retry,
      options: job.execution,
      tags: job.tags,
    };
    const checked = JobCreateInput.safeParse(input);
    if (!checked.success) return skip(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      const record = buildJobRecord(checked.data, now, undefined, { allowPastOnce: true });
      const rec = store.jobs.insert(record, now);
      remember.run(job.key, 'job', rec.id, source, now);
      names.add(name);
      if (record.scheduleType === 'once' && record.enabled && record.nextRunAt === null) notes.push('its one-time date has passed, so it will not run');
      report.jobs.mapped.push({ legacy: job.label, name, id: rec.id, enabled, schedule: schedule.type === 'cron' ? `cron ${schedule.cron}` : schedule.type, notes });
    } catch (err) {
      if (err instanceof AppError) return skip(err.message);
      throw err;
    }
  };

  const insertRun = store.db.prepare(
    `INSERT INTO runs (job_id, trigger, status, priority, created_at, started_at, finished_at, error, engine_id, event_count)
     VALUES (?, 'manual', ?, 5, ?, ?, ?, ?, 'legacy-import', ?)`,
  );
  const insertEvent = store.db.prepare('INSERT INTO run_events (run_id, seq, ts, kind, payload) VALUES (?, ?, ?, ?, ?)');
  const skipRun = (reason: string) => {
    const entry = report.runs.skipped.find((s) => s.reason === reason);
    if (entry) entry.count += 1;
    else report.runs.skipped.push({ reason, count: 1 });
  };
  const importRun = (run: LegacyRun) => {
    if (localId(run.key) !== null) return skipRun('imported before');
    const jobId = localId(run.jobKey);
    if (jobId === null) return skipRun('its job was not imported');
    const at = run.startedAt ?? run.finishedAt ?? now;
    const output = run.output.length > MAX_OUTPUT ? `${run.output.slice(0, MAX_OUTPUT)}\n[… cut at 5 MB on import]` : run.output;
    const id = Number(insertRun.run(jobId, run.status, at, at, run.finishedAt ?? at, run.error, output ? 2 : 1).lastInsertRowid);
    insertEvent.run(id, 1, at, 'system', JSON.stringify({ type: 'imported', message: `Imported from the original Night Pilot (${run.key.split(':').slice(0, 2).join(' #')})` }));
    if (output) insertEvent.run(id, 2, at, 'stdout', JSON.stringify({ text: output }));
    remember.run(run.key, 'run', id, source, now);
    report.runs.imported += 1;
  };

  try {
    store.db.transaction(apply)();
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    return report;
  }
  store.audit.record(ctx.actor, 'legacy.import', null, { source, prompts: report.prompts.mapped.length, jobs: report.jobs.mapped.length, runs: report.runs.imported });
  ctx.engine?.wake();
  return report;
}
