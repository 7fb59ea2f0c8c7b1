import type { ApiImplementation } from '../../src-main/core/api';
import type { ExecutionRequest, ExecutionResult, Executor } from '../../src-main/core/executors/types';
import type { AfterMode, ChainCondition, Run } from '../../src-shared/domain';
import { call } from '../helpers/temp-store';
import { closeRig, drain, newRig, type Outcome, type Rig } from '../engine/harness';

export const ok = (): ExecutionResult => ({ status: 'succeeded', exitCode: 0, error: null, errorKind: null });
export const fail = (code = 1): ExecutionResult => ({ status: 'failed', exitCode: code, error: `The command exited with code ${code}`, errorKind: 'transient' });

/**
 * Outcomes per job name, taken in order (the last one repeats), and every request the executor saw,
 * so tests can check what a chain run was given (its environment, its prompt).
 */
export class Script {
  readonly seen: ExecutionRequest[] = [];
  private readonly plans = new Map<string, ExecutionResult[]>();

  set(jobName: string, ...outcomes: ExecutionResult[]): this {
    this.plans.set(jobName, outcomes);
    return this;
  }

  readonly outcome: Outcome = (req) => {
    this.seen.push(req);
    const plan = this.plans.get(req.job.name);
    if (!plan?.length) return ok();
    return plan.length > 1 ? plan.shift()! : plan[0]!;
  };
}

/** An executor for Claude jobs in engine tests: records the prompt and env, follows the script. */
export class ScriptedClaude implements Executor {
  constructor(private readonly script: Script) {}
  execute(req: ExecutionRequest): Promise<ExecutionResult> {
    return Promise.resolve(this.script.outcome(req));
  }
}

export function chainRig(script: Script): Rig {
  return newRig('2026-01-01T00:00:00Z', { outcome: script.outcome });
}

export interface Link {
  id: number;
  on?: ChainCondition;
}

/** A manual shell job (or Claude job, with `prompt`) that runs after the given jobs. */
export async function job(api: ApiImplementation, name: string, after: Link[] = [], extra: { afterMode?: AfterMode; prompt?: string; overlap?: 'skip' | 'queue_one' | 'allow'; retries?: number } = {}): Promise<number> {
  const work = extra.prompt !== undefined ? { kind: 'claude', prompt: extra.prompt } : { kind: 'shell', command: 'true' };
  const created = await call(api, 'jobs.create', {
    name,
    ...work,
    schedule: { type: 'manual', timezone: 'UTC' },
    ...(after.length ? { after: after.map((l) => ({ jobId: l.id, condition: l.on ?? 'success' })) } : {}),
    ...(extra.afterMode ? { afterMode: extra.afterMode } : {}),
    ...(extra.overlap ? { overlap: extra.overlap } : {}),
    ...(extra.retries !== undefined ? { retry: { maxRetries: extra.retries, backoff: 'fixed', delaySeconds: 0, jitter: 0 } } : {}),
  });
  return created.id;
}

/** Queues a run of the job by hand and lets everything that follows from it run. */
export async function runAndDrain(r: Rig, jobId: number): Promise<Run> {
  const run = await call(r.api, 'jobs.runNow', { id: jobId });
  await drain(r);
  return call(r.api, 'runs.get', { id: run.id });
}

export async function runsOfJob(r: Rig, jobId: number): Promise<Run[]> {
  const page = await call(r.api, 'runs.list', { jobId, limit: 100 });
  return [...page.items].reverse();
}

export { closeRig };
