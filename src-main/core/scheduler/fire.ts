import type { Settings } from '../../../src-shared/domain';
import { planClaudeRun, resumeAt } from '../cooldown/cooldown-state';
import type { JobRecord } from '../db/jobs-repo';
import type { RunRecord } from '../db/runs-repo';
import type { Store } from '../db/store';
import { scheduleOfRecord } from '../services/job-input';
import { planDueSlots } from './catch-up';

/** Whether the engine may start one run of this pass right away, and as whom. */
export interface StartNow {
  holder: string;
  /** Asked for the job's first startable slot: a free concurrency slot and nothing waiting that outranks it. */
  allowed(priority: number, scheduledFor: number): boolean;
}

export interface FireOutcome {
  /** The run written already claimed (`running`): the caller launches it at once. */
  started: RunRecord | null;
  /** Rows left `queued` for dispatch. */
  queued: number;
}

/**
 * Turns a job's due slots into run rows (or recorded skips) in one short transaction, and moves the
 * job's schedule on. When `startNow` allows, the first slot that may run is written already claimed
 * by this engine, so between "due" and "spawn" there is exactly one write.
 */
export function fireDueSlots(store: Store, job: JobRecord, now: number, settings: Settings, startNow: StartNow | null): FireOutcome {
  const plan = planDueSlots(scheduleOfRecord(job), job.lastScheduledAt ?? job.createdAt, now, job.catchUp);
  // A limit on one model family leaves the others running: the job's own model decides.
  const cooling = job.kind === 'claude' ? planClaudeRun(store, job, now).waitFor : null;
  let started: RunRecord | null = null;
  let queued = 0;
  store.db.transaction(() => {
    for (const s of plan.skip) {
      store.runs.insert({ jobId: job.id, trigger: 'catch_up', status: 'skipped', priority: job.priority, scheduledFor: s.scheduledFor, error: s.reason, finishedAt: now }, now);
    }
    // Overlap is judged against the job's waiting and running runs, including those created
    // earlier in this pass. A run_all catch-up is the exception: the user asked for every missed
    // slot, so its runs queue one after another and never block each other or the slot due now.
    const active: { id: number; status: string }[] = store.runs.activeForJob(job.id);
    const blockedByRunning = job.overlap !== 'allow' && active.some((r) => r.status === 'running');
    for (const slot of plan.fire) {
      const skipReason = overlapSkipReason(job, active);
      const base = { jobId: job.id, trigger: slot.trigger, priority: job.priority, scheduledFor: slot.scheduledFor };
      let id: number | null;
      let status: 'skipped' | 'deferred_cooldown' | 'queued' | 'running';
      if (skipReason) {
        status = 'skipped';
        id = store.runs.insert({ ...base, status, error: skipReason, finishedAt: now }, now);
      } else if (cooling) {
        status = 'deferred_cooldown';
        id = store.runs.insert({ ...base, status, notBefore: resumeAt(cooling, settings), error: 'Waiting for the Claude usage limit to reset' }, now);
      } else if (!started && !blockedByRunning && startNow?.allowed(job.priority, slot.scheduledFor)) {
        status = 'running';
        id = store.runs.insert({ ...base, status, startedAt: now, engineId: startNow.holder }, now);
        if (id !== null) started = claimedRecord(id, job, slot, now, startNow.holder);
      } else {
        status = 'queued';
        id = store.runs.insert({ ...base, status }, now);
        if (id !== null) queued += 1;
      }
      const batch = job.catchUp === 'run_all' && slot.trigger === 'catch_up';
      if (id !== null && status !== 'skipped' && !batch) active.push({ id, status });
    }
    store.jobs.setScheduleState(job.id, plan.nextRunAt, plan.lastScheduledAt);
  })();
  job.nextRunAt = plan.nextRunAt;
  job.lastScheduledAt = plan.lastScheduledAt;
  return { started, queued };
}

/** The row just written, as runs.get would read it back (without reading it back). */
function claimedRecord(id: number, job: JobRecord, slot: { scheduledFor: number; trigger: 'schedule' | 'catch_up' }, now: number, holder: string): RunRecord {
  return {
    id,
    jobId: job.id,
    trigger: slot.trigger,
    attempt: 1,
    retryOf: null,
    status: 'running',
    priority: job.priority,
    scheduledFor: slot.scheduledFor,
    notBefore: null,
    createdAt: now,
    startedAt: now,
    finishedAt: null,
    exitCode: null,
    error: null,
    errorKind: null,
    cancelRequested: false,
    pid: null,
    pidStarted: null,
    engineId: holder,
  };
}

export function overlapSkipReason(job: JobRecord, active: { id: number; status: string }[]): string | null {
  if (job.overlap === 'allow' || !active.length) return null;
  if (job.overlap === 'skip') {
    const blocker = active[0]!;
    return `Skipped: run #${blocker.id} of this job was still ${blocker.status.replace('_', ' ')} (overlap policy: skip)`;
  }
  const waiting = active.find((r) => r.status !== 'running');
  return waiting ? `Skipped: run #${waiting.id} of this job is already waiting (overlap policy: queue one)` : null;
}
