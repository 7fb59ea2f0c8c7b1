import type { JobKind, Settings } from '../../src-shared/domain';
import { createApi, type ApiImplementation } from './api';
import { AlertMonitor } from './alerts/monitor';
import { DailyMaintenance, type MaintenanceOptions } from './maintenance/daily';
import { endCooldownIfDue, planClaudeRun, resumeAt } from './cooldown/cooldown-state';
import type { Actor } from './db/audit-repo';
import type { JobRecord } from './db/jobs-repo';
import { LEASE_STALE_MS } from './db/lease-repo';
import type { RunRecord } from './db/runs-repo';
import type { Store } from './db/store';
import { newHolderId, holderAlive } from './engine-identity';
import { EventBus } from './events/bus';
import { createExecutors } from './executors/registry';
import type { Executor } from './executors/types';
import { LoginPath } from './executors/login-path';
import type { OsNotifier } from './notify/run-finished';
import { notifyRunFinished } from './notify/dispatch';
import { OrphanGrace, settleOrphanRun } from './recover-run';
import { releaseDownstream } from './chains/release';
import { executeClaimedRun, type ClaimedRun, type RunnerDeps } from './run-runner';
import { fireDueSlots, type StartNow } from './scheduler/fire';
import { nextFireAfter } from './scheduler/schedule';
import { cooldownStatus } from './services/cooldown-service';
import type { EngineLink } from './services/context';
import { scheduleOfRecord } from './services/job-input';
import { ChangeWatch, DueTimer } from './scheduler/wake-sources';

import type { FileSaver } from './services/raw-log-service';

export { LEASE_STALE_MS };

/** Polled this often only where the database's folder cannot be watched: changes noticed within a second. */
const POLL_MS = 900;
const HEARTBEAT_MS = 2000;
/** The jobs due at the next instant are read this long before it, off the fire path. */
const PREFETCH_LEAD_MS = 1000;
/** Node's timers may fire a little early by the wall clock: the wake-up before an instant still prefetches. */
const TIMER_SLACK_MS = 50;
/** How soon an orphan run whose supervisor is still recording is looked at again. */
const RECOVER_AGAIN_MS = 50;
export type { OsNotifier };

export interface EngineOptions {
  store: Store;
  version: string;
  notifier?: OsNotifier;
  /** The desktop save dialog (Electron shell): lets `runs.saveRawLog` ask where to save a full log. */
  fileSaver?: FileSaver;
  /** The clock; tests pass a fake one and drive `tick()` themselves with `autoTick: false`. */
  now?: () => number;
  autoTick?: boolean;
  executors?: Partial<Record<JobKind, Executor>>;
  env?: NodeJS.ProcessEnv;
  /**
   * How often other processes' changes are polled for where the database's folder cannot be
   * watched (default 900 ms, so they are noticed within a second); watched, a commit wakes the
   * engine at once and nothing is polled.
   */
  pollMs?: number;
  /**
   * The engine's one periodic timer (default 2000 ms): it renews (or, standing by, tries to take)
   * the lease, beats the alert monitor and looks for clock jumps. The lease goes stale after 10 s.
   */
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

/** Jobs due at the instant the timer is armed for, read ahead so the fire itself reads nothing. */
interface Prefetch {
  at: number;
  jobs: JobRecord[];
  generation: number;
}

/**
 * The scheduler engine: one per process, and only one per database schedules (the lease). It fires
 * due slots into run rows (the unique key refuses doubles), queues them by priority under the
 * concurrency limit and overlap policies, executes them, and waits out Claude cooldowns.
 *
 * It sleeps between passes. A pass runs at the next due instant (one indexed query finds it: the
 * earliest next_run_at, retry not_before or cooldown end), when this process changes something
 * (`wake`), when another process commits (data_version, checked twice a second), when the clock
 * jumps or the machine wakes (`resume`), and when a run finishes. Nothing scans all jobs.
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
  private settings: Settings;
  /** Something may have changed (jobs, settings, cancel requests): look before the next fire. */
  private dirty = true;
  /** Bumps on every change noticed; a prefetch from an older generation is not trusted. */
  private generation = 0;
  private prefetch: Prefetch | null = null;
  private readonly watch: ChangeWatch;
  private readonly dueTimer: DueTimer;
  private soonHandle: NodeJS.Immediate | null = null;
  private pulseTimer: NodeJS.Timeout | null = null;
  private recoverTimer: NodeJS.Timeout | null = null;
  private readonly orphans = new OrphanGrace();
  /**
   * A dead engine's supervisor is still recording: nothing fires or starts until its run is settled,
   * or a job with overlap `skip` would skip its slot because of a run that has already ended.
   */
  private orphansWaiting = false;
  private inTick = false;
  private tickAgain = false;
  /** When the last scheduling pass ran (epoch ms): `/metrics` reports its age. */
  lastTickAt: number | null = null;
  readonly alerts: AlertMonitor;
  private readonly maintenance: DailyMaintenance | null;
  private passes = 0;

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
      baseEnv: () => ({ ...env, PATH: this.loginPath.current() }),
      now: this.now,
      onSpawn: (runId, pid) => opts.onSpawn?.(runId, pid),
      onFinished: (run, job, retryId) => {
        void notifyRunFinished(run, job, retryId, opts.notifier, this.store);
      },
      onAlerts: (changes) => this.alerts.changed(changes),
    };
    this.alerts = new AlertMonitor({ store: this.store, bus: this.bus, notifier: opts.notifier, now: this.now, isScheduling: () => this.active && !this.stopped });
    this.link = {
      holder: this.holder,
      wake: () => this.wake(),
      cancelRun: (runId) => this.cancelRun(runId),
    };
    this.watch = new ChangeWatch({
      dbPath: this.store.path,
      pollMs: opts.pollMs ?? POLL_MS,
      dataVersion: () => this.store.dataVersion(),
      now: this.now,
      onChange: () => this.externalChange(),
      askOwnWriter: (answer) => this.store.events.othersCommitted(answer),
      onClockJump: (drift) => {
        if (drift < 0) this.clockWentBack(this.now());
        this.resume();
      },
    });
    this.dueTimer = new DueTimer(this.now, () => void this.tick());
  }

  api(actor: Actor): ApiImplementation {
    return createApi({ store: this.store, actor, now: this.now, engine: this.link, version: this.opts.version, notifier: this.opts.notifier, fileSaver: this.opts.fileSaver });
  }

  isActive(): boolean {
    return this.active;
  }

  /** Takes the lease and schedules, or stays passive and keeps trying (the holder may die). */
  async start(): Promise<void> {
    this.stopped = false;
    void this.loginPath.refresh();
    // One timer, not one per concern: an idle engine's cost is mostly its wake-ups.
    this.pulseTimer = setInterval(() => {
      this.watch.look();
      this.tryTakeLease();
      if (this.auto()) this.alerts.beat();
    }, this.opts.heartbeatMs ?? HEARTBEAT_MS);
    this.pulseTimer.unref();
    this.tryTakeLease();
    if (this.active) await this.tick();
    if (this.opts.autoTick !== false) this.alerts.start();
  }

  private tryTakeLease(): void {
    if (this.stopped) return;
    const held = this.store.lease.tryAcquire(this.holder, this.now(), this.opts.leaseStaleMs ?? LEASE_STALE_MS);
    if (held && !this.active) {
      this.active = true;
      this.recover();
      if (this.auto()) {
        this.watch.start();
        // While it schedules, the pulse keeps the process alive, as the watch's own timer did.
        this.pulseTimer?.ref();
      }
      this.wake();
    } else if (!held && this.active) {
      // Someone took over (we stalled past the stale time): stop scheduling, let runs finish.
      this.active = false;
      this.sleepAll();
    }
  }

  /** Who schedules this database, when it is not us. */
  leaseHolder() {
    return this.store.lease.live(this.now(), this.opts.leaseStaleMs ?? LEASE_STALE_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.maintenance?.stop();
    this.sleepAll();
    if (this.pulseTimer) clearInterval(this.pulseTimer);
    this.pulseTimer = null;
    if (this.recoverTimer) clearTimeout(this.recoverTimer);
    this.recoverTimer = null;
    for (const r of this.running.values()) r.controller.abort('shutdown');
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.alerts.stop();
    if (this.active) this.store.lease.release(this.holder);
    this.active = false;
  }

  /** After sleep: catch up now rather than at the next timer. */
  resume(): void {
    this.wake();
  }

  /** Something changed in this process (a job, settings, a cancel): look at it in a pass right away. */
  wake(): void {
    this.dirty = true;
    this.passSoon();
  }

  /** Another process committed: the UI hears of it, and a pass looks at what changed. */
  private externalChange(): void {
    if (!this.dirty) this.bus.emit('job.changed', { jobId: null });
    this.wake();
  }

  private auto(): boolean {
    return this.opts.autoTick !== false;
  }

  /** A pass on the next turn of the event loop; several requests in one turn make one pass. */
  private passSoon(): void {
    if (!this.active || this.stopped || !this.auto() || this.soonHandle) return;
    this.soonHandle = setImmediate(() => {
      this.soonHandle = null;
      void this.tick();
    });
  }

  private sleepAll(): void {
    this.watch.stop();
    this.pulseTimer?.unref();
    this.dueTimer.disarm();
    if (this.soonHandle) clearImmediate(this.soonHandle);
    this.soonHandle = null;
    this.prefetch = null;
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

  /** How many scheduling passes ran: an idle engine makes none (tests and the benchmark watch this). */
  passCount(): number {
    return this.passes;
  }

  /** One pass: notice changes, fire due slots, end a finished cooldown, start what may start. */
  tick(): Promise<void> {
    // Passes never overlap; a pass asked for during one runs right after it.
    if (this.inTick) {
      this.tickAgain = true;
      return Promise.resolve();
    }
    this.inTick = true;
    let passedAt: number | null = null;
    try {
      do {
        this.tickAgain = false;
        passedAt = this.pass() ?? passedAt;
      } while (this.tickAgain);
    } finally {
      this.inTick = false;
    }
    // While orphans wait, the last of them being settled wakes the engine (recover).
    if (passedAt !== null && this.active && !this.stopped && this.auto() && !this.orphansWaiting) this.armNext(passedAt);
    return Promise.resolve();
  }

  /** The instant the pass judged what was due by (null when it made none). */
  private pass(): number | null {
    if (!this.active || this.stopped) return null;
    this.passes += 1;
    const now = this.now();
    this.noticeChanges(now);
    if (this.orphansWaiting) return now;
    this.fireAndStart(now);
    if (endCooldownIfDue(this.store, now, this.settings)) this.bus.emit('cooldown.changed', cooldownStatus(this.store, now));
    this.dispatch(now);
    this.lastTickAt = now;
    if (this.opts.autoTick !== false) this.alerts.afterTick();
    // Once a day; the pass runs beside the ticks in small batches and never holds one up.
    this.maintenance?.poke(now);
    return now;
  }

  private noticeChanges(now: number): void {
    if (this.watch.takeChange()) {
      if (!this.dirty) this.bus.emit('job.changed', { jobId: null });
      this.dirty = true;
    }
    if (this.dirty) {
      this.dirty = false;
      this.generation += 1;
      this.settings = this.store.settings.getAll();
      for (const id of this.store.runs.cancelRequested([...this.running.keys()])) this.cancelRun(id);
    }
    // A wall clock that moved against the monotonic one was changed by hand (or NTP).
    if (this.watch.takeDrift() < 0) this.clockWentBack(now);
  }

  /**
   * The clock went back: slots between the new now and the last scheduled time will come round
   * again. Re-planning from now is safe because the unique slot key refuses any slot already run.
   */
  private clockWentBack(now: number): void {
    for (const job of this.store.jobs.scheduledPast(now)) {
      const next = nextFireAfter(scheduleOfRecord(job), now);
      this.store.jobs.setScheduleState(job.id, next, now);
    }
    this.dirty = true;
  }

  /**
   * Fires every due job, best first. A job's first startable slot is written already claimed when a
   * concurrency slot is free and no waiting run outranks it, and launched at once: the fire path is
   * the prefetched job, one transaction, and the spawn.
   */
  private fireAndStart(now: number): void {
    const pre = this.prefetch;
    this.prefetch = null;
    const due = pre && pre.generation === this.generation && pre.at <= now ? pre.jobs : this.store.jobs.dueBy(now);
    if (!due.length) return;
    let free = this.settings.maxConcurrentRuns - this.running.size;
    let best: RunRecord | null | undefined;
    const startNow: StartNow = {
      holder: this.holder,
      allowed: (priority, scheduledFor) => {
        if (free <= 0) return false;
        // The best waiting run goes first when it ranks at least as high (priority, then time).
        best ??= this.store.runs.runnable(now, 1)[0] ?? null;
        if (!best) return true;
        const bestTime = best.scheduledFor ?? best.createdAt;
        return priority > best.priority || (priority === best.priority && scheduledFor < bestTime);
      },
    };
    // Each fire's commit leaves SQLite's checkpoint to a later commit, after the spawns.
    this.store.events.withoutAutoCheckpoint(() => {
      for (const job of due) {
        if (!job.enabled || job.nextRunAt === null || job.nextRunAt > now) continue;
        const { started } = fireDueSlots(this.store, job, now, this.settings, startNow);
        if (started) {
          free -= 1;
          this.launch(started.id, job, { run: started, job, settings: this.settings });
        }
      }
    });
    // The prefetched list holds the jobs of one instant; anything else due (a late timer) fires too.
    if (pre) for (const late of this.store.jobs.dueBy(now)) fireDueSlots(this.store, late, now, this.settings, null);
  }

  /** Starts queued runs, best first, while there is room and the job's overlap policy allows. */
  private dispatch(now: number): void {
    const limit = this.settings.maxConcurrentRuns;
    if (this.running.size >= limit) return;
    const runnable = this.store.runs.runnable(now);
    if (!runnable.length) return;
    const anyCooling = this.store.cooldowns.active(now) !== null;
    for (const run of runnable) {
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
      this.launch(run.id, job, { run: { ...run, status: 'running', startedAt: now, engineId: this.holder, notBefore: null }, job, settings: this.settings });
    }
  }

  private launch(runId: number, job: JobRecord, known: ClaimedRun): void {
    const controller = new AbortController();
    const entry: ActiveRun = { jobId: job.id, kind: job.kind, controller, done: Promise.resolve() };
    this.running.set(runId, entry);
    // The executor runs first (its spawn happens in this turn); the UI hears of the start right after.
    entry.done = executeClaimedRun(this.runner, runId, controller.signal, known)
      .catch((err: unknown) => {
        const now = this.now();
        this.store.db.transaction(() => {
          this.store.runs.finish(runId, { status: 'failed', error: `Internal error: ${(err as Error).message}`, errorKind: 'transient' }, now);
          releaseDownstream(this.store, runId, now, this.settings);
        })();
      })
      .finally(() => {
        this.running.delete(runId);
        // A finished run frees a slot: look at the queue.
        this.passSoon();
      });
    const view = this.store.runs.view(runId);
    if (view?.status === 'running') this.bus.emit('run.updated', view);
  }

  /**
   * On taking the lease: runs left `running` by a process that is gone are settled (finished when
   * their supervisor recorded an exit, else `interrupted` and retried when the job allows), and
   * whatever they left behind is killed. A run whose supervisor is still recording waits for it,
   * briefly, and is looked at again.
   */
  private recover(): void {
    const now = this.now();
    let waiting = false;
    let settled = false;
    for (const run of this.store.runs.byStatus('running')) {
      if (run.engineId === this.holder || holderAlive(run.engineId)) continue;
      if (this.orphans.wait(run, performance.now())) {
        waiting = true;
        continue;
      }
      settleOrphanRun(this.store, run, now);
      settled = true;
    }
    const wasWaiting = this.orphansWaiting;
    this.orphansWaiting = waiting;
    if (waiting && !this.recoverTimer) {
      this.recoverTimer = setTimeout(() => {
        this.recoverTimer = null;
        if (this.active && !this.stopped) this.recover();
      }, RECOVER_AGAIN_MS);
    }
    // A settled run may release a retry or a chain, and slots held while it waited may fire now.
    if (settled || (wasWaiting && !waiting)) this.wake();
  }

  /**
   * Sleeps until the next instant anything is due: a job's next slot, a retry's not_before, the
   * end of a cooldown, or the daily maintenance. The jobs due at that instant are read now, ahead
   * of time, so the pass that fires them reads nothing but what it writes.
   *
   * `now` is the instant the pass just made judged by, not a fresh reading: a retry whose delay
   * ended while that pass was at work was not runnable to it, and must still count as ahead here,
   * or nothing would wake the engine for it (a loaded machine's timers fire a little early).
   */
  private armNext(now: number): void {
    const jobsAt = this.store.jobs.nextDueAt();
    let next = jobsAt;
    const retryAt = this.store.runs.nextNotBefore(now);
    if (retryAt !== null && (next === null || retryAt < next)) next = retryAt;
    const later = [...this.store.cooldowns.openAll().map((c) => resumeAt(c, this.settings)), this.maintenance?.nextDueAt(now) ?? null];
    for (const at of later) if (at !== null && (next === null || at < next)) next = at;
    // Read ahead only shortly before the instant: held for months, the jobs of a busy instant (every
    // job of a "0 0 * * *" crowd) would sit in memory, and in every garbage collection, until then.
    // A far instant gets a wake-up PREFETCH_LEAD_MS before it, whose pass reads them.
    const soon = jobsAt !== null && jobsAt > now && jobsAt - now <= PREFETCH_LEAD_MS + TIMER_SLACK_MS;
    this.prefetch = soon ? { at: jobsAt, jobs: this.store.jobs.dueBy(jobsAt), generation: this.generation } : null;
    if (jobsAt !== null && !soon && jobsAt > now && next !== null) next = Math.min(next, jobsAt - PREFETCH_LEAD_MS);
    this.dueTimer.arm(next);
  }

}
