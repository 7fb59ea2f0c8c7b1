import type { SchedulePreview } from '../../../src-shared/contract';
import type { Job, JobLink, Page } from '../../../src-shared/domain';
import { notFound, validationError } from '../../../src-shared/errors';
import type { JobCreate, JobPatch, ScheduleIn } from '../../../src-shared/schemas';
import { toJob, type JobListFilter, type JobRecord } from '../db/jobs-repo';
import { describeSchedule, nextFireAfter, nextFireTimes } from '../scheduler/schedule';
import { restoreMaskedPatch } from '../redaction/restore';
import type { CoreContext } from './context';
import { checkUpstreams, jobChain, orphanWarning } from './chains-service';
import { buildJobRecord, checkSchedule, jobToInput, scheduleOfRecord, toSchedule } from './job-input';
import { removeRawLogsAfterDelete } from '../raw-log/files';

export function viewJob(ctx: CoreContext, rec: JobRecord): Job {
  return toJob(rec, ctx.store.jobs.stats(rec.id), jobChain(ctx, rec.id));
}

export function getJobRecord(ctx: CoreContext, id: number): JobRecord {
  const rec = ctx.store.jobs.get(id);
  if (!rec) throw notFound('Job', id);
  return rec;
}

/** A job's notifications may only name channels that exist. */
function checkNotifyChannels(ctx: CoreContext, input: JobCreate): void {
  const missing = input.notify?.channels?.find((id) => !ctx.store.channels.get(id));
  if (missing !== undefined) throw validationError('notify.channels', `Channel ${missing} does not exist: list channels with \`cnp notify channel list\``);
}

function checkPromptExists(ctx: CoreContext, input: JobCreate): void {
  checkNotifyChannels(ctx, input);
  if (input.kind === 'claude' && input.promptId !== undefined && input.promptId !== null && !ctx.store.prompts.get(input.promptId)) {
    throw validationError('promptId', `Prompt ${input.promptId} does not exist: list prompts with \`cnp prompt list\``);
  }
}

export function createJob(ctx: CoreContext, input: JobCreate): Job {
  checkPromptExists(ctx, input);
  if (input.after) checkUpstreams(ctx, null, input.after);
  const record = buildJobRecord(input, ctx.now());
  const rec = ctx.store.db.transaction(() => {
    const inserted = ctx.store.jobs.insert(record, ctx.now());
    if (input.after?.length) ctx.store.chains.replaceUpstreams(inserted.id, input.after);
    if (input.afterMode) ctx.store.chains.setAfterMode(inserted.id, input.afterMode);
    return inserted;
  })();
  ctx.store.audit.record(ctx.actor, 'job.create', rec.id, { name: rec.name, ...(input.after?.length ? { after: input.after } : {}) });
  ctx.engine?.wake();
  return viewJob(ctx, rec);
}

export function updateJob(ctx: CoreContext, id: number, maskedPatch: JobPatch): Job {
  const current = getJobRecord(ctx, id);
  const patch = restoreMaskedPatch(maskedPatch, viewJob(ctx, current));
  const merged: JobCreate = { ...jobToInput(viewJob(ctx, current)), ...stripUndefined(patch) };
  if (patch.schedule) merged.schedule = { ...patch.schedule, timezone: patch.schedule.timezone ?? current.timezone };
  // Switching kind drops the old kind's work so the record holds one kind of work only.
  if (patch.kind && patch.kind !== current.kind) {
    if (patch.kind !== 'claude') {
      merged.prompt = null;
      merged.promptId = null;
    }
    if (patch.kind !== 'shell') merged.command = null;
    if (patch.kind !== 'http') merged.http = null;
  }
  if (patch.prompt) merged.promptId = null;
  if (patch.promptId) merged.prompt = null;
  checkPromptExists(ctx, merged);
  if (patch.after) checkUpstreams(ctx, id, patch.after);
  const record = buildJobRecord(merged, ctx.now(), current);
  const rec = ctx.store.db.transaction(() => {
    const updated = ctx.store.jobs.update(id, record, ctx.now())!;
    if (patch.after) ctx.store.chains.replaceUpstreams(id, patch.after);
    if (patch.afterMode) ctx.store.chains.setAfterMode(id, patch.afterMode);
    return updated;
  })();
  ctx.store.audit.record(ctx.actor, 'job.update', id, { fields: Object.keys(patch) });
  ctx.engine?.wake();
  return viewJob(ctx, rec);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function setJobEnabled(ctx: CoreContext, id: number, enabled: boolean): Job {
  const current = getJobRecord(ctx, id);
  if (current.enabled === enabled) return viewJob(ctx, current);
  const now = ctx.now();
  // A paused job's missed slots were paused on purpose: resuming starts counting from now.
  const next = enabled ? nextFireAfter(scheduleOfRecord(current), now) : null;
  ctx.store.db.transaction(() => {
    ctx.store.jobs.setEnabled(id, enabled, next, now);
    if (enabled) ctx.store.jobs.setScheduleState(id, next, now);
  })();
  ctx.store.audit.record(ctx.actor, enabled ? 'job.resume' : 'job.pause', id);
  ctx.engine?.wake();
  return viewJob(ctx, getJobRecord(ctx, id));
}

/**
 * Deletes a job and its runs. Its edges go with it (both ways); the jobs that ran after it are
 * named in a warning, since they will no longer be released by it.
 */
export function deleteJob(ctx: CoreContext, id: number): { deleted: true; dependants: JobLink[]; warning: string | null } {
  const current = getJobRecord(ctx, id);
  const dependants = ctx.store.chains.dependantLinks(id);
  const running = ctx.store.runs.activeForJob(id).filter((r) => r.status === 'running');
  for (const r of running) ctx.engine?.cancelRun(r.id);
  const logged = ctx.store.runs.rawLogIdsOfJob(id);
  ctx.store.jobs.delete(id);
  removeRawLogsAfterDelete(ctx.store, logged);
  const warning = orphanWarning(current, dependants);
  ctx.store.audit.record(ctx.actor, 'job.delete', id, { name: current.name, ...(dependants.length ? { dependants: dependants.map((d) => d.jobId), warning } : {}) });
  ctx.engine?.wake();
  return { deleted: true, dependants, warning };
}

/** A page of jobs in three reads (jobs with their run figures, upstream links, dependant links), whatever its size. */
export function listJobs(ctx: CoreContext, filter: JobListFilter): Page<Job> {
  const { items, total } = ctx.store.jobs.listWithStats(filter);
  const links = ctx.store.chains.linksOf(items.map((i) => i.record.id));
  return {
    items: items.map(({ record, stats, afterMode }) => {
      const l = links.get(record.id);
      return toJob(record, stats, { after: l?.after ?? [], afterMode, dependants: l?.dependants ?? [] });
    }),
    total,
  };
}

export function previewSchedule(ctx: CoreContext, input: { schedule: ScheduleIn; count: number; from?: string | undefined }): SchedulePreview {
  const now = input.from ? Date.parse(input.from) : ctx.now();
  const schedule = toSchedule(input.schedule, now, now);
  // A preview of a past one-time date is still useful to show, so only the other checks apply.
  if (schedule.type !== 'once') checkSchedule(schedule, now);
  return {
    description: describeSchedule(schedule),
    nextRuns: nextFireTimes(schedule, now, input.count).map((t) => new Date(t).toISOString()),
    timezone: schedule.timezone,
  };
}

export function upcomingFireTimes(ctx: CoreContext, id: number, count: number): string[] {
  const rec = getJobRecord(ctx, id);
  return nextFireTimes(scheduleOfRecord(rec), ctx.now(), count).map((t) => new Date(t).toISOString());
}
