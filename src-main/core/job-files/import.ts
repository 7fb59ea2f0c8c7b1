import type { AfterMode, ChainCondition } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { JobsImportReport } from '../../../src-shared/files-types';
export type { JobsImportReport };
import { JobCreateInput, type JobCreate } from '../../../src-shared/schemas';
import type { JobRecord, NewJobRecord } from '../db/jobs-repo';
import type { CoreContext } from '../services/context';
import { buildJobRecord } from '../services/job-input';
import { checkUpstreams } from '../services/chains-service';
import { deleteJob } from '../services/jobs-service';
import { EntryProblem, entryToInput } from './convert';
import { fileFieldOf } from './field-map';
import type { JobsFile } from './file-schema';
import { parseJobsFile, type FileProblem, type LocatedFile, type Path } from './parse';


export interface JobsImportRequest {
  text: string;
  fileName: string;
  dryRun: boolean;
  prune: boolean;
}

const MAX_PROBLEMS_SHOWN = 20;

/** Every problem as one error: `jobs.yaml:14: jobs[1].schedule.expression: …`, nothing written. */
export function jobsFileError(fileName: string, problems: FileProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines = sorted.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${fileName}:${p.line}: ${p.field}: ${p.message}`);
  if (sorted.length > MAX_PROBLEMS_SHOWN) lines.push(`… and ${sorted.length - MAX_PROBLEMS_SHOWN} more`);
  const head = sorted.length === 1 ? '' : `${sorted.length} problems in ${fileName}:\n`;
  return new AppError('VALIDATION', `${head}${lines.join('\n')}\nNothing was imported.`, {
    field: sorted[0]?.field ?? 'file',
    details: { file: fileName, problems: sorted },
  });
}

/** A JSON text with sorted keys: two records are equal when these are. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** What a user set on a job, leaving out the scheduler's bookkeeping. */
function settingsOf(r: NewJobRecord): string {
  return stable({
    name: r.name,
    kind: r.kind,
    promptId: r.promptId,
    payload: r.payload,
    scheduleType: r.scheduleType,
    cron: r.cron,
    everySeconds: r.everySeconds,
    at: r.scheduleType === 'once' ? r.runAt : null,
    timezone: r.timezone,
    enabled: r.enabled,
    priority: r.priority,
    overlap: r.overlap,
    catchUp: r.catchUp,
    timeoutMs: r.timeoutMs,
    retry: r.retry,
    options: r.options,
    notify: r.notify,
    tags: r.tags,
  });
}

class Rollback extends Error {}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function duplicateProblems(file: JobsFile, located: LocatedFile): FileProblem[] {
  const problems: FileProblem[] = [];
  const seen = (list: { key: string; path: Path }[], what: string) => {
    const first = new Map<string, number>();
    list.forEach(({ key, path }, i) => {
      const at = first.get(key);
      if (at === undefined) first.set(key, i);
      else problems.push(located.problem(path, `${what} "${key}" is used twice (also at ${what === 'the name' ? 'jobs' : 'prompts'}[${at}]); names must be unique in a file`));
    });
  };
  seen(file.jobs.map((j, i) => ({ key: j.name.trim(), path: ['jobs', i, 'name'] })), 'the name');
  seen((file.prompts ?? []).map((p, i) => ({ key: p.title.trim(), path: ['prompts', i, 'title'] })), 'the title');
  return problems;
}

/**
 * Imports a jobs file all or nothing: prompts and jobs are created or updated (matched by title and
 * name) inside one transaction, and any problem — or a dry run — rolls all of it back. A dry run
 * therefore reports exactly what the real import would do.
 */
export function importJobsFile(ctx: CoreContext, req: JobsImportRequest): JobsImportReport {
  const parsed = parseJobsFile(req.text);
  if (!parsed.ok) throw jobsFileError(req.fileName, parsed.problems);
  const { file, located } = parsed;
  const dupes = duplicateProblems(file, located);
  if (dupes.length) throw jobsFileError(req.fileName, dupes);

  const { store } = ctx;
  const now = ctx.now();
  const report: JobsImportReport = {
    file: req.fileName,
    dryRun: req.dryRun,
    prompts: { created: [], updated: [], unchanged: [] },
    jobs: { created: [], updated: [], unchanged: [], deleted: [] },
    notes: [],
  };
  const problems: FileProblem[] = [];
  const at = (path: Path, message: string) => problems.push(located.problem(path, message));

  const apply = () => {
    // Prompts first, so jobs can refer to them by title.
    const promptIds = new Map<string, number>();
    const byTitle = group(store.prompts.list(), (p) => p.title);
    (file.prompts ?? []).forEach((p, i) => {
      const title = p.title.trim();
      const tags = [...new Set(p.tags ?? [])];
      const matches = byTitle.get(title) ?? [];
      const existing = matches.length === 1 ? matches[0] : matches.find((m) => m.body === p.body);
      if (matches.length > 1 && !existing) {
        at(['prompts', i, 'title'], `${matches.length} prompts in the database are titled "${title}"; give one another title first`);
        return;
      }
      if (!existing) {
        promptIds.set(title, store.prompts.insert({ title, body: p.body, tags }, now).id);
        report.prompts.created.push(title);
      } else if (existing.body !== p.body || stable(existing.tags) !== stable(tags)) {
        store.prompts.update(existing.id, { body: p.body, tags }, now);
        promptIds.set(title, existing.id);
        report.prompts.updated.push(title);
      } else {
        promptIds.set(title, existing.id);
        report.prompts.unchanged.push(title);
      }
    });

    const byName = group(store.jobs.list().items, (j) => j.name);
    const idOf = new Map<string, number>();
    file.jobs.forEach((entry, i) => {
      const name = entry.name.trim();
      const matches = byName.get(name) ?? [];
      if (matches.length > 1) {
        at(['jobs', i, 'name'], `${matches.length} jobs in the database are named "${name}" (ids ${matches.map((m) => m.id).join(', ')}); rename or remove all but one first`);
        return;
      }
      const previous: JobRecord | undefined = matches[0];
      let input: JobCreate;
      try {
        input = entryToInput({ ...entry, name }, (ref) => promptIds.get(ref.trim()) ?? null);
      } catch (err) {
        if (err instanceof EntryProblem) return void at(['jobs', i, ...err.path], err.message);
        throw err;
      }
      const checked = JobCreateInput.safeParse(input);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
          // A record's bad key (an environment variable name) carries its own reason inside.
          const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
          at(['jobs', i, ...fileFieldOf(path)], inner ?? issue.message);
        }
        return;
      }
      if (entry.prompt_id !== undefined && !store.prompts.get(entry.prompt_id)) {
        return void at(['jobs', i, 'prompt_id'], `prompt ${entry.prompt_id} does not exist in this database (list them with \`cnp prompt list\`)`);
      }
      const missingChannel = entry.notifications?.channels?.find((id) => !store.channels.get(id));
      if (missingChannel !== undefined) {
        return void at(['jobs', i, 'notifications', 'channels'], `channel ${missingChannel} does not exist in this database (list them with \`cnp notify channel list\`, or leave channels out to use every enabled channel)`);
      }
      let record: NewJobRecord;
      try {
        record = buildJobRecord(checked.data, now, previous, { allowPastOnce: true });
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return void at(['jobs', i, ...fileFieldOf((err.field ?? 'name').split('.'))], err.message);
        throw err;
      }
      if (record.scheduleType === 'once' && record.enabled && record.nextRunAt === null) {
        report.notes.push(`"${name}": its one-time date has passed, so it will not run again`);
      }
      if (!previous) {
        const rec = store.jobs.insert(record, now);
        store.audit.record(ctx.actor, 'job.create', rec.id, { name, source: req.fileName });
        report.jobs.created.push(name);
        idOf.set(name, rec.id);
      } else if (settingsOf(previous) !== settingsOf(record)) {
        store.jobs.update(previous.id, record, now);
        store.audit.record(ctx.actor, 'job.update', previous.id, { name, source: req.fileName });
        report.jobs.updated.push(name);
        idOf.set(name, previous.id);
      } else {
        report.jobs.unchanged.push(name);
        idOf.set(name, previous.id);
      }
    });
    if (!problems.length) applyChains(idOf, byName);

    if (req.prune) {
      const named = new Set(file.jobs.map((j) => j.name.trim()));
      for (const job of store.jobs.list().items) {
        if (named.has(job.name)) continue;
        deleteJob(ctx, job.id);
        report.jobs.deleted.push(job.name);
      }
    }
    if (problems.length || req.dryRun) throw new Rollback();
  };

  /**
   * Second pass, once every job of the file exists: `after` names jobs of the file or of the
   * database; a job whose entry has no `after` runs after nothing (the file is the whole job).
   */
  const applyChains = (idOf: Map<string, number>, byName: Map<string, JobRecord[]>) => {
    file.jobs.forEach((entry, i) => {
      const id = idOf.get(entry.name.trim());
      if (id === undefined) return;
      const links: { jobId: number; condition: ChainCondition }[] = [];
      for (const [k, link] of (entry.after ?? []).entries()) {
        const name = link.job.trim();
        const upstream = idOf.get(name) ?? (byName.get(name)?.length === 1 ? byName.get(name)![0]!.id : undefined);
        if (upstream === undefined) return void at(['jobs', i, 'after', k, 'job'], `no job named "${name}" in this file or the database`);
        links.push({ jobId: upstream, condition: link.condition ?? 'success' });
      }
      const mode: AfterMode = entry.after_mode ?? 'all';
      const current = store.chains.upstreamsOf(id).map((l) => ({ jobId: l.upstreamId, condition: l.condition }));
      const sorted = [...links].sort((a, b) => a.jobId - b.jobId);
      if (stable(current) === stable(sorted) && (links.length === 0 || store.chains.afterMode(id) === mode)) return;
      try {
        checkUpstreams(ctx, id, links);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return void at(['jobs', i, 'after'], err.message);
        throw err;
      }
      store.chains.replaceUpstreams(id, links);
      store.chains.setAfterMode(id, mode);
      const name = entry.name.trim();
      if (report.jobs.unchanged.includes(name)) {
        report.jobs.unchanged = report.jobs.unchanged.filter((n) => n !== name);
        report.jobs.updated.push(name);
      }
    });
  };

  try {
    store.db.transaction(apply)();
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    if (problems.length) throw jobsFileError(req.fileName, problems);
    return report;
  }
  ctx.engine?.wake();
  return report;
}
