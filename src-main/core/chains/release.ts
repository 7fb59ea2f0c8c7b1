import type { Settings } from '../../../src-shared/domain';
import { resumeAt } from '../cooldown/cooldown-state';
import type { JobEdge } from '../db/chains-repo';
import type { JobRecord } from '../db/jobs-repo';
import type { RunRecord } from '../db/runs-repo';
import type { Store } from '../db/store';
import { CHAIN_FINAL_STATUSES, conditionMet, unmetText } from './conditions';

/**
 * Called inside the transaction that gives a run its final state (after its retries, never per
 * attempt): creates the chain runs it releases, so finishing the upstream and recording what follows
 * commit together or not at all. Returns the ids of the runs created (queued, deferred or skipped).
 *
 * Exactly once: `run_upstreams` has a unique (downstream job, upstream run) key, checked first, so a
 * second call for the same run (a crash between the commit and anything after it, a recovery pass)
 * creates nothing.
 *
 * A skipped chain run is final too and releases its own downstreams (all skipped, except `always`
 * edges), so the morning view says why every later step did not run. A skipped schedule slot (overlap,
 * catch-up) releases nothing: nothing ran, no cycle ended.
 */
export function releaseDownstream(store: Store, runId: number, now: number, settings: Settings): number[] {
  const created: number[] = [];
  const queue = [runId];
  while (queue.length) {
    const run = store.runs.get(queue.shift()!);
    if (!run || !CHAIN_FINAL_STATUSES.includes(run.status)) continue;
    if (run.status === 'skipped' && run.trigger !== 'chain') continue;
    for (const edge of store.chains.downstreamsOf(run.jobId)) {
      const made = releaseOne(store, edge, run, now, settings);
      if (!made) continue;
      created.push(made.id);
      if (made.skipped) queue.push(made.id);
    }
  }
  return created;
}

function releaseOne(store: Store, edge: JobEdge, run: RunRecord, now: number, settings: Settings): { id: number; skipped: boolean } | null {
  const job = store.jobs.get(edge.downstreamId);
  if (!job || store.chains.alreadyReleased(job.id, run.id)) return null;
  const edges = store.chains.upstreamsOf(job.id);
  const waitsForAll = edges.length > 1 && store.chains.afterMode(job.id) === 'all';

  let upstreamRuns: RunRecord[] = [run];
  if (waitsForAll) {
    // The cycle: the latest final run of each upstream since this job's last chain run.
    store.chains.addPending(job.id, run.jobId, run.id);
    const pending = store.chains.pending(job.id);
    if (pending.length < edges.length) return null;
    store.chains.clearPending(job.id);
    upstreamRuns = pending.map((p) => (p.upstreamRunId === run.id ? run : store.runs.get(p.upstreamRunId))).filter((r): r is RunRecord => r !== null);
  }

  const unmet: string[] = [];
  for (const up of upstreamRuns) {
    const e = edges.find((x) => x.upstreamId === up.jobId);
    if (e && !conditionMet(e.condition, up.status)) {
      unmet.push(unmetText({ jobId: up.jobId, jobName: store.jobs.get(up.jobId)?.name ?? '?', condition: e.condition }, up));
    }
  }
  const skipReason = unmet.length ? `Skipped: ${unmet.join('; ')}` : !job.enabled ? 'Skipped: the job is paused' : overlapSkipReason(store, job);

  const base = { jobId: job.id, trigger: 'chain' as const, priority: job.priority, scheduledFor: now };
  let id: number | null;
  if (skipReason) {
    id = store.runs.insert({ ...base, status: 'skipped', error: skipReason, finishedAt: now }, now);
  } else {
    const cooling = job.kind === 'claude' ? store.cooldowns.active(now) : null;
    id = cooling
      ? store.runs.insert({ ...base, status: 'deferred_cooldown', notBefore: resumeAt(cooling, settings), error: 'Waiting for the Claude usage limit to reset' }, now)
      : store.runs.insert({ ...base, status: 'queued' }, now);
  }
  if (id === null) return null;
  store.chains.link(id, job.id, upstreamRuns.map((r) => r.id));
  return { id, skipped: skipReason !== null };
}

/** The job's overlap policy, judged as the scheduler judges a due slot. */
function overlapSkipReason(store: Store, job: JobRecord): string | null {
  if (job.overlap === 'allow') return null;
  const active = store.runs.activeForJob(job.id);
  if (!active.length) return null;
  if (job.overlap === 'skip') {
    const blocker = active[0]!;
    return `Skipped: run #${blocker.id} of this job was still ${blocker.status.replace('_', ' ')} (overlap policy: skip)`;
  }
  const waiting = active.find((r) => r.status !== 'running');
  return waiting ? `Skipped: run #${waiting.id} of this job is already waiting (overlap policy: queue one)` : null;
}
