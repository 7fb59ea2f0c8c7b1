import type { ApiImplementation } from '../../src-main/core/api';
import type { RunRecord } from '../../src-main/core/db/runs-repo';
import { Engine } from '../../src-main/core/engine';
import type { ExecutionRequest, ExecutionResult, Executor } from '../../src-main/core/executors/types';
import type { CatchUpPolicy, OverlapPolicy, RetryPolicy } from '../../src-shared/domain';
import { call, tempStore, type TempStore } from '../helpers/temp-store';

/** Engine tests drive time by hand: the engine reads this, and ticks only when the test says so. */
export interface FakeClock {
  now: number;
}

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export const ms = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`Bad instant in test data: ${iso}`);
  return t;
};
/** An instant as the tables write it: ISO 8601 UTC, without zero milliseconds. */
export function iso(t: number): string;
export function iso(t: number | null): string | null;
export function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z');
}

export interface ExecutorStart {
  runId: number;
  jobId: number;
  jobName: string;
  priority: number;
  attempt: number;
  /** The fake clock when the executor was called. */
  at: number;
}

export type Outcome = (req: ExecutionRequest) => ExecutionResult;

export const succeeded: Outcome = () => ({ status: 'succeeded', exitCode: 0, error: null, errorKind: null });

/**
 * A stand-in for the shell executor: records which runs start, in what order and at what (fake)
 * time, and finishes them at once or, with `hold`, when the test releases them.
 */
export class TestExecutor implements Executor {
  readonly starts: ExecutorStart[] = [];
  /** Run ids in the order they finished. */
  readonly finishes: number[] = [];
  private readonly open = new Map<number, () => void>();

  constructor(
    private readonly clock: FakeClock,
    private readonly opts: { hold?: boolean; outcome?: Outcome } = {},
  ) {}

  execute(req: ExecutionRequest): Promise<ExecutionResult> {
    const { run, job } = req;
    this.starts.push({ runId: run.id, jobId: job.id, jobName: job.name, priority: job.priority, attempt: run.attempt, at: this.clock.now });
    const outcome = (this.opts.outcome ?? succeeded)(req);
    if (!this.opts.hold) {
      this.finishes.push(run.id);
      return Promise.resolve(outcome);
    }
    return new Promise<ExecutionResult>((resolve) => {
      const finish = (result: ExecutionResult) => {
        if (!this.open.delete(run.id)) return;
        this.finishes.push(run.id);
        resolve(result);
      };
      this.open.set(run.id, () => finish(outcome));
      req.signal.addEventListener('abort', () => finish({ status: 'cancelled', exitCode: null, error: 'Cancelled', errorKind: null }), { once: true });
    });
  }

  /** Runs started and not yet released. */
  holding(): number[] {
    return [...this.open.keys()];
  }

  release(runId: number): void {
    const finish = this.open.get(runId);
    if (!finish) throw new Error(`Run ${runId} is not being held by the test executor`);
    finish();
  }

  releaseAll(): void {
    for (const finish of [...this.open.values()]) finish();
  }
}

export interface Rig {
  clock: FakeClock;
  t: TempStore;
  engine: Engine;
  api: ApiImplementation;
  exec: TestExecutor;
}

/** A fresh store and an engine on a fake clock that only moves and ticks when the test says so. */
export function newRig(startIso: string, execOpts: { hold?: boolean; outcome?: Outcome } = {}): Rig {
  const clock: FakeClock = { now: ms(startIso) };
  const t = tempStore();
  const exec = new TestExecutor(clock, execOpts);
  const engine = engineOn(t, clock, exec);
  return { clock, t, engine, api: engine.api('ui'), exec };
}

/** Another engine on the same store and clock (a restart). */
export function engineOn(t: TempStore, clock: FakeClock, exec: Executor): Engine {
  return new Engine({
    store: t.store,
    version: 'test',
    now: () => clock.now,
    autoTick: false,
    executors: { shell: exec },
    env: { ...process.env, CNP_LOGIN_PATH: '0' },
  });
}

export async function closeRig(r: Rig | null): Promise<void> {
  if (!r) return;
  r.exec.releaseAll();
  await r.engine.stop();
  r.t.cleanup();
}

/** Lets launched runs reach their executor (the runner awaits a little before calling it). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface JobSpec {
  name?: string;
  cron?: string;
  timezone?: string;
  manual?: boolean;
  priority?: number;
  overlap?: OverlapPolicy;
  catchUp?: CatchUpPolicy;
  retry?: Partial<RetryPolicy>;
}

/** Creates a shell job through the contract, as the UI would (so it is stamped with the fake clock). */
export async function createJob(api: ApiImplementation, spec: JobSpec): Promise<number> {
  const schedule = spec.manual
    ? { type: 'manual', timezone: spec.timezone ?? 'UTC' }
    : { type: 'cron', cron: spec.cron ?? '* * * * *', timezone: spec.timezone ?? 'UTC' };
  const job = await call(api, 'jobs.create', {
    name: spec.name ?? 'job',
    kind: 'shell',
    command: 'true',
    schedule,
    ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
    ...(spec.overlap ? { overlap: spec.overlap } : {}),
    ...(spec.catchUp ? { catchUp: spec.catchUp } : {}),
    ...(spec.retry ? { retry: spec.retry } : {}),
  });
  return job.id;
}

/** Every run row of a job, oldest first. */
export function runsOf(t: TempStore, jobId: number): RunRecord[] {
  const ids = t.store.db.prepare('SELECT id FROM runs WHERE job_id = ? ORDER BY id').all(jobId) as { id: number }[];
  return ids.map(({ id }) => {
    const run = t.store.runs.get(id);
    if (!run) throw new Error(`Run ${id} vanished`);
    return run;
  });
}

/** Moves the clock forward in steps up to `until`, ticking at each and letting quick runs finish. */
export async function stepTo(r: Rig, until: number, stepMs: number): Promise<number> {
  let ticks = 0;
  while (r.clock.now < until) {
    r.clock.now = Math.min(until, r.clock.now + stepMs);
    await r.engine.tick();
    ticks += 1;
    if (r.engine.runningCount()) await r.engine.idle();
  }
  return ticks;
}

/** Ticks until nothing runnable is left (quick executors only: a held run never drains). */
export async function drain(r: Rig, maxTicks = 1_000): Promise<void> {
  for (let i = 0; i < maxTicks; i++) {
    await r.engine.tick();
    await r.engine.idle();
    if (r.t.store.runs.runnable(r.clock.now).length === 0 && r.engine.runningCount() === 0) return;
  }
  throw new Error(`Queue did not drain in ${maxTicks} ticks`);
}
