import type { JobKind, Settings } from '../../src-shared/domain';
import { createApi, type ApiImplementation } from './api';
import { AlertMonitor } from './alerts/monitor';
import { DailyMaintenance, type MaintenanceOptions } from './maintenance/daily';
import { endCooldownIfDue, planClaudeRun, resumeAt } from './cooldown/cooldown-state';
import type { Actor } from './db/audit-repo';
import type { JobRecord } from './db/jobs-repo';
import { LEASE_STALE_MS } from './db/lease-repo';
import type { Store } from './db/store';

export { LEASE_STALE_MS };
import { newHolderId, holderAlive } from './engine-identity';
import { EventBus } from './events/bus';
import { createExecutors } from './executors/registry';
import type { Executor } from './executors/types';
import { LoginPath } from './executors/login-path';
import type { OsNotifier } from './notify/run-finished';
import { notifyRunFinished } from './notify/dispatch';
import { executeClaimedRun, type RunnerDeps } from './run-runner';
import { settleOrphanRun } from './recover-run';
import { releaseDownstream } from './chains/release';
import { planDueSlots } from './scheduler/catch-up';
import { nextFireAfter } from './scheduler/schedule';
import { cooldownStatus } from './services/cooldown-service';
import type { EngineLink } from './services/context';
import { scheduleOfRecord } from './services/job-input';

export type { OsNotifier };

export interface EngineOptions {
  store: Store;
  version: string;
  notifier?: OsNotifier;
  /** The clock; tests pass a fake one and drive `tick()` themselves with `autoTick: false`. */
  now?: () => number;
  autoTick?: boolean;
  executors?: Partial<Record<JobKind, Executor>>;
  env?: NodeJS.ProcessEnv;
  /** How often the DB is checked for other processes' changes (and the longest tick gap). */
  pollMs?: number;
  heartbeatMs?: number;
  leaseStaleMs?: number;
  /** Called when a run's child process is spawned: the fire-latency benchmark's probe. */
  onSpawn?: (runId: number, pid: number | undefined) => void;
  /** Daily retention and automatic backup (core/maintenance); false turns them off. */
  maintenance?: MaintenanceOptions | false;
}

interface ActiveRun {
  jobId: number;
  kind: JobKind;
  controller: AbortController;
  done: Promise<unknown>;
}

const CLOCK_JUMP_MS = 2_000;

/**
 * The scheduler engine: one per process, and only one per database schedules (the lease). It fires
 * due slots into run rows (the unique key refuses doubles), queues them by priority under the
 * concurrency limit and overlap policies, executes them, and waits out Claude cooldowns.
 */
export class Engine {
  readonly bus = new EventBus();
  readonly holder = newHolderId('engine');
  readonly link: EngineLink;
  private readonly store: Store;
  private readonly now: () => number;
  private readonly opts: EngineOptions;
  private readonly runner: RunnerDeps;
  /** The user's login-shell PATH, resolved off the run path (see executors/login-path.ts). */
  readonly loginPath: LoginPath;
  private active = false;
  private stopped = true;
  private readonly running = new Map<number, ActiveRun>();
  private jobs = new Map<number, JobRecord>();
  private settings: Settings;
  private dirty = true;
  private lastDataVersion = -1;
  private tickTimer: NodeJS.Timeout | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private lastWall = 0;
  private lastMono = 0;
  private inTick = false;
  private tickAgain = false;
  /** When the last scheduling pass ran (epoch ms): `/metrics` reports its age. */
  lastTickAt: number | null = null;
  readonly alerts: AlertMonitor;
  private readonly maintenance: DailyMaintenance | null;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.maintenance = opts.maintenance === false ? null : new DailyMaintenance(opts.store, opts.maintenance ?? {});
    this.now = opts.now ?? Date.now;
    this.settings = this.store.settings.getAll();
    const env = opts.env ?? process.env;
    this.loginPath = new LoginPath(env, this.store.state);
    this.runner = {
      store: this.store,
      bus: this.bus,
      executors: { ...createExecutors(), ...(opts.executors ?? {}) },
      baseEnv: () => Promise.resolve({ ...env, PATH: this.loginPath.current() }),
      now: this.now,
      onSpawn: (runId, pid) => opts.onSpawn?.(runId, pid),
      onFinished: (run, job, retryId) => notifyRunFinished(run, job, retryId, opts.notifier, this.store),
      onAlerts: (changes) => this.alerts.changed(changes),
    };
    this.alerts = new AlertMonitor({ store: this.store, bus: this.bus, notifier: opts.notifier, now: this.now, isScheduling: () => this.active && !this.stopped });
    this.link = {
      holder: this.holder,
      wake: () => this.wake(),
      cancelRun: (runId) => this.cancelRun(runId),
    };
  }

  api(actor: Actor): ApiImplementation {
    return createApi({ store: this.store, actor, now: this.now, engine: this.link, version: this.opts.version, notifier: this.opts.notifier });
  }

  isActive(): boolean {
    return this.active;
  }

  /** Takes the lease and schedules, or stays passive and keeps trying (the holder may die). */
  async start(): Promise<void> {
    this.stopped = false;
    void this.loginPath.refresh();
    this.tryTakeLease();
    this.leaseTimer = setInterval(() => this.tryTakeLease(), this.opts.heartbeatMs ?? 2000);
    this.leaseTimer.unref?.();
    if (this.active) await this.tick();
    if (this.opts.autoTick !== false) this.alerts.start();
  }

  private tryTakeLease(): void {
    if (this.stopped) return;
    const held = this.store.lease.tryAcquire(this.holder, this.now(), this.opts.leaseStaleMs ?? LEASE_STALE_MS);
    if (held && !this.active) {
      this.active = true;
      this.recover();
      this.wake();
    } else if (!held && this.active) {
      // Someone took over (we stalled past the stale time): stop scheduling, let runs finish.
      this.active = false;
      if (this.tickTimer) clearTimeout(this.tickTimer);
    }
  }

  /** Who schedules this database, when it is not us. */
  leaseHolder() {
    return this.store.lease.live(this.now(), this.opts.leaseStaleMs ?? LEASE_STALE_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.maintenance?.stop();
    if (this.tickTimer) clearTimeout(this.tickTimer);
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    for (const r of this.running.values()) r.controller.abort('shutdown');
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.alerts.stop();
    if (this.active) this.store.lease.release(this.holder);
    this.active = false;
  }

  /** After sleep: catch up now rather than at the next timer. */
  resume(): void {
    this.dirty = true;
    this.wake();
  }

  wake(): void {
    this.dirty = true;
    if (!this.active || this.stopped || this.opts.autoTick === false) return;
    this.schedule(0);
  }

  cancelRun(runId: number): boolean {
    const r = this.running.get(runId);
    if (!r) return false;
    r.controller.abort('cancel');
    return true;
  }

  pauseAll(): void {
    this.setAllEnabled(false);
  }

  resumeAll(): void {
    this.setAllEnabled(true);
  }

  private setAllEnabled(enabled: boolean): void {
    const api = this.api('ui');
    const key = 'paused_by_pause_all';
    if (!enabled) {
      const ids = this.store.jobs.list({ enabled: true }).items.map((j) => j.id);
      this.store.state.set(key, ids);
      for (const id of ids) void api['jobs.pause']({ id });
    } else {
      const ids = this.store.state.get<number[]>(key) ?? [];
      for (const id of ids) if (this.store.jobs.get(id)) void api['jobs.resume']({ id });
      this.store.state.set(key, null);
    }
  }

  /** Resolves when no run of this engine is executing. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  runningCount(): number {
    return this.running.size;
  }

  private schedule(delayMs: number): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = setTimeout(() => void this.tick(), Math.max(0, delayMs));
  }

  /** One pass: notice changes, fire due slots, end a finished cooldown, start what may start. */
  tick(): Promise<void> {
    // Ticks never overlap; a tick asked for during one runs right after it.
    if (this.inTick) {
      this.tickAgain = true;
      return Promise.resolve();
    }
    this.inTick = true;
    try {
      do {
        this.tickAgain = false;
        this.tickOnce();
      } while (this.tickAgain);
    } finally {
      this.inTick = false;
    }
    if (this.active && !this.stopped && this.opts.autoTick !== false) this.schedule(this.nextDelay());
    return Promise.resolve();
  }

  private tickOnce(): void {
    if (!this.active || this.stopped) return;
    const now = this.now();
    this.noticeChanges(now);
    for (const job of this.jobs.values()) {
      if (job.enabled && job.nextRunAt !== null && job.nextRunAt <= now) this.fireDue(job, now);
    }
    if (endCooldownIfDue(this.store, now, this.settings)) this.bus.emit('cooldown.changed', cooldownStatus(this.store, now));
    this.dispatch(now);
    this.lastTickAt = now;
    if (this.opts.autoTick !== false) this.alerts.afterTick();
    // Once a day; the pass runs beside the ticks in small batches and never holds one up.
    this.maintenance?.poke(now);
  }

  private noticeChanges(now: number): void {
    const version = this.store.dataVersion();
    if (version !== this.lastDataVersion) {
      this.lastDataVersion = version;
      if (!this.dirty) this.bus.emit('job.changed', { jobId: null });
      this.dirty = true;
    }
    if (this.dirty) {
      this.dirty = false;
      this.settings = this.store.settings.getAll();
      this.jobs = new Map(this.store.jobs.enabledScheduled().map((j) => [j.id, j]));
      for (const id of this.store.runs.cancelRequested([...this.running.keys()])) this.cancelRun(id);
    }
    // A wall clock that moved against the monotonic one was changed by hand (or NTP).
    const mono = performance.now();
    if (this.lastWall) {
      const drift = now - this.lastWall - (mono - this.lastMono);
      if (drift < -CLOCK_JUMP_MS) this.clockWentBack(now);
    }
    this.lastWall = now;
    this.lastMono = mono;
  }

  /**
   * The clock went back: slots between the new now and the last scheduled time will come round
   * again. Re-planning from now is safe because the unique slot key refuses any slot already run.
   */
  private clockWentBack(now: number): void {
    for (const job of this.jobs.values()) {
      if (job.lastScheduledAt !== null && job.lastScheduledAt > now) {
        job.lastScheduledAt = now;
        job.nextRunAt = nextFireAfter(scheduleOfRecord(job), now);
        this.store.jobs.setScheduleState(job.id, job.nextRunAt, job.lastScheduledAt);
      }
    }
  }

  /** Turns a job's due slots into runs (or recorded skips), in one transaction. */
  private fireDue(job: JobRecord, now: number): void {
    const plan = planDueSlots(scheduleOfRecord(job), job.lastScheduledAt ?? job.createdAt, now, job.catchUp);
    // A limit on one model family leaves the others running: the job's own model decides.
    const cooling = job.kind === 'claude' ? planClaudeRun(this.store, job, now).waitFor : null;
    this.store.db.transaction(() => {
      for (const s of plan.skip) {
        this.store.runs.insert({ jobId: job.id, trigger: 'catch_up', status: 'skipped', priority: job.priority, scheduledFor: s.scheduledFor, error: s.reason, finishedAt: now }, now);
      }
      // Overlap is judged against the job's waiting and running runs, including those created
      // earlier in this pass. A run_all catch-up is the exception: the user asked for every missed
      // slot, so its runs queue one after another and never block each other or the slot due now.
      const active: { id: number; status: string }[] = this.store.runs.activeForJob(job.id);
      for (const slot of plan.fire) {
        const skipReason = overlapSkipReason(job, active);
        const base = { jobId: job.id, trigger: slot.trigger, priority: job.priority, scheduledFor: slot.scheduledFor };
        let id: number | null;
        if (skipReason) id = this.store.runs.insert({ ...base, status: 'skipped', error: skipReason, finishedAt: now }, now);
        else if (cooling) id = this.store.runs.insert({ ...base, status: 'deferred_cooldown', notBefore: resumeAt(cooling, this.settings), error: 'Waiting for the Claude usage limit to reset' }, now);
        else id = this.store.runs.insert({ ...base, status: 'queued' }, now);
        const batch = job.catchUp === 'run_all' && slot.trigger === 'catch_up';
        if (id !== null && !skipReason && !batch) active.push({ id, status: cooling ? 'deferred_cooldown' : 'queued' });
      }
      this.store.jobs.setScheduleState(job.id, plan.nextRunAt, plan.lastScheduledAt);
    })();
    job.nextRunAt = plan.nextRunAt;
    job.lastScheduledAt = plan.lastScheduledAt;
  }

  /** Starts queued runs, best first, while there is room and the job's overlap policy allows. */
  private dispatch(now: number): void {
    const limit = this.settings.maxConcurrentRuns;
    if (this.running.size >= limit) return;
    const anyCooling = this.store.cooldowns.active(now) !== null;
    for (const run of this.store.runs.runnable(now)) {
      if (this.running.size >= limit) break;
      const job = this.store.jobs.get(run.jobId);
      if (!job) continue;
      const cooling = job.kind === 'claude' && anyCooling ? planClaudeRun(this.store, job, now).waitFor : null;
      if (cooling) {
        this.store.runs.defer(run.id, resumeAt(cooling, this.settings), 'Waiting for the Claude usage limit to reset');
        const view = this.store.runs.view(run.id);
        if (view) this.bus.emit('run.updated', view);
        continue;
      }
      if (job.overlap !== 'allow' && this.store.runs.activeForJob(job.id).some((r) => r.status === 'running')) continue;
      if (!this.store.runs.markRunning(run.id, this.holder, now)) continue;
      this.launch(run.id, job);
    }
  }

  private launch(runId: number, job: JobRecord): void {
    const controller = new AbortController();
    const entry: ActiveRun = { jobId: job.id, kind: job.kind, controller, done: Promise.resolve() };
    this.running.set(runId, entry);
    const view = this.store.runs.view(runId);
    if (view) this.bus.emit('run.updated', view);
    entry.done = executeClaimedRun(this.runner, runId, controller.signal)
      .catch((err: unknown) => {
        const now = this.now();
        this.store.db.transaction(() => {
          this.store.runs.finish(runId, { status: 'failed', error: `Internal error: ${(err as Error).message}`, errorKind: 'transient' }, now);
          releaseDownstream(this.store, runId, now, this.settings);
        })();
      })
      .finally(() => {
        this.running.delete(runId);
        // A finished run frees a slot; no job changed, so no reload of the job table.
        if (this.active && !this.stopped && this.opts.autoTick !== false) this.schedule(0);
      });
  }

  /**
   * At start: runs left `running` by a process that is gone become `interrupted` (retried when
   * the job allows), and any child they left behind is killed.
   */
  private recover(): void {
    const now = this.now();
    for (const run of this.store.runs.byStatus('running')) {
      if (run.engineId === this.holder || holderAlive(run.engineId)) continue;
      settleOrphanRun(this.store, run, now);
    }
    this.dirty = true;
  }

  private nextDelay(): number {
    const now = this.now();
    let next = now + (this.opts.pollMs ?? 250);
    for (const job of this.jobs.values()) if (job.enabled && job.nextRunAt !== null && job.nextRunAt < next) next = job.nextRunAt;
    return next - now;
  }
}

function overlapSkipReason(job: JobRecord, active: { id: number; status: string }[]): string | null {
  if (job.overlap === 'allow' || !active.length) return null;
  if (job.overlap === 'skip') {
    const blocker = active[0]!;
    return `Skipped: run #${blocker.id} of this job was still ${blocker.status.replace('_', ' ')} (overlap policy: skip)`;
  }
  const waiting = active.find((r) => r.status !== 'running');
  return waiting ? `Skipped: run #${waiting.id} of this job is already waiting (overlap policy: queue one)` : null;
}
