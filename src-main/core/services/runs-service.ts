import type { Page, Run, RunEvent } from '../../../src-shared/domain';
import { AppError, notFound } from '../../../src-shared/errors';
import type { RunTrigger } from '../../../src-shared/domain';
import type { CoreContext } from './context';
import { getJobRecord } from './jobs-service';
import { releaseDownstream } from '../chains/release';

export function getRun(ctx: CoreContext, id: number): Run {
  const run = ctx.store.runs.view(id);
  if (!run) throw notFound('Run', id);
  return run;
}

export function listRuns(
  ctx: CoreContext,
  f: { jobId?: number | undefined; status?: Run['status'] | undefined; trigger?: RunTrigger | undefined; since?: string | undefined; until?: string | undefined; limit: number; offset: number },
): Page<Run> {
  if (f.jobId !== undefined) getJobRecord(ctx, f.jobId);
  return ctx.store.runs.list({
    ...(f.jobId !== undefined ? { jobId: f.jobId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.trigger ? { trigger: f.trigger } : {}),
    ...(f.since ? { since: Date.parse(f.since) } : {}),
    ...(f.until ? { until: Date.parse(f.until) } : {}),
    limit: f.limit,
    offset: f.offset,
  });
}

export function runEvents(ctx: CoreContext, runId: number, afterSeq: number, limit: number): { events: RunEvent[]; truncated: boolean } {
  const run = getRun(ctx, runId);
  return { events: ctx.store.events.list(runId, afterSeq, limit), truncated: run.eventsTruncated };
}

/** Queues a run now, outside the schedule. The engine (here or in another process) picks it up. */
export function queueRunNow(ctx: CoreContext, jobId: number, trigger: RunTrigger = ctx.actor === 'cli' ? 'cli' : 'manual'): Run {
  const job = getJobRecord(ctx, jobId);
  const id = ctx.store.runs.insert({ jobId, trigger, status: 'queued', priority: job.priority, scheduledFor: ctx.now() }, ctx.now())!;
  ctx.store.audit.record(ctx.actor, 'run.queue', jobId, { runId: id, trigger });
  ctx.engine?.wake();
  return getRun(ctx, id);
}

export function cancelRun(ctx: CoreContext, id: number): Run {
  const run = getRun(ctx, id);
  if (run.status === 'queued' || run.status === 'deferred_cooldown') {
    // Cancelled is final: what runs after it `always` is released in the same transaction.
    const now = ctx.now();
    ctx.store.db.transaction(() => {
      if (ctx.store.runs.cancelWaiting(id, now)) releaseDownstream(ctx.store, id, now, ctx.store.settings.getAll());
    })();
  } else if (run.status === 'running') {
    // The DB flag reaches an engine in another process; an engine here acts at once.
    ctx.store.runs.requestCancel(id);
    ctx.engine?.cancelRun(id);
  } else {
    throw new AppError('CONFLICT', `Run ${id} has already finished (${run.status}); there is nothing to cancel`);
  }
  ctx.store.audit.record(ctx.actor, 'run.cancel', run.jobId, { runId: id });
  ctx.engine?.wake();
  return getRun(ctx, id);
}

/** A manual retry: a new run linked to the first attempt of the chain. */
export function retryRun(ctx: CoreContext, id: number): Run {
  const run = getRun(ctx, id);
  if (run.status === 'queued' || run.status === 'running' || run.status === 'deferred_cooldown') {
    throw new AppError('CONFLICT', `Run ${id} is still ${run.status.replace('_', ' ')}; retry it once it has finished`);
  }
  const job = getJobRecord(ctx, run.jobId);
  const first = run.retryOf ?? run.id;
  const attempts = ctx.store.db.prepare('SELECT MAX(attempt) AS a FROM runs WHERE id = ? OR retry_of = ?').get(first, first) as { a: number };
  const newId = ctx.store.runs.insert(
    { jobId: run.jobId, trigger: 'retry', status: 'queued', priority: job.priority, scheduledFor: ctx.now(), attempt: attempts.a + 1, retryOf: first },
    ctx.now(),
  )!;
  ctx.store.audit.record(ctx.actor, 'run.retry', run.jobId, { runId: newId, retryOf: first });
  ctx.engine?.wake();
  return getRun(ctx, newId);
}
