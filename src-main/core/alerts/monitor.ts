import type { Store } from '../db/store';
import type { EventBus } from '../events/bus';
import type { OsNotifier } from '../notify/channel-sender';
import type { AlertChange } from './alert-center';
import { deliverPending } from './deliver';
import { checkSchedulerAndCooldown } from './scheduler-watch';

export interface AlertMonitorOptions {
  store: Store;
  bus: EventBus | null;
  notifier?: OsNotifier | undefined;
  now: () => number;
  /** Whether this process's engine schedules now: then the check follows its ticks instead of a timer. */
  isScheduling: () => boolean;
  intervalMs?: number;
}

/**
 * The app's and `cnp serve`'s watch over the alert conditions. An engine that schedules checks
 * right after its ticks (so slots it is about to fire never look overdue, e.g. after sleep); a
 * passive one checks on the engine's heartbeat, which is how it notices that the engine holding the
 * lease died.
 * Deliveries run one batch at a time, in the background, and never hold up a run.
 */
export class AlertMonitor {
  private stopped = false;
  private lastCheck = 0;
  private delivering: Promise<void> | null = null;
  private again = false;

  constructor(private readonly opts: AlertMonitorOptions) {}

  /**
   * The engine's heartbeat (every couple of seconds): a passive engine checks the conditions, which
   * is how it notices that the engine holding the lease died; a scheduling one retries deliveries.
   * Driven by the engine's one timer rather than a timer of its own, so an idle engine wakes once.
   */
  beat(): void {
    if (this.stopped) return;
    if (!this.opts.isScheduling()) this.check();
    else this.kick();
  }

  start(): void {
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.delivering;
  }

  /** Called by a scheduling engine after each tick; cheap, and at most once per interval. */
  afterTick(): void {
    const now = this.opts.now();
    if (now - this.lastCheck < (this.opts.intervalMs ?? 2000)) return;
    this.check();
  }

  check(): void {
    this.lastCheck = this.opts.now();
    try {
      this.changed(checkSchedulerAndCooldown(this.opts.store, this.lastCheck));
    } catch {
      // A busy or closing database: the next check tries again.
    }
  }

  changed(changes: AlertChange[]): void {
    for (const c of changes) this.opts.bus?.emit('alerts.changed', { alertId: c.alert.id });
    this.kick();
  }

  /** Sends what is pending, soon; a call during a batch runs one more batch after it. */
  kick(): void {
    if (this.delivering) {
      this.again = true;
      return;
    }
    this.delivering = (async () => {
      do {
        this.again = false;
        try {
          await deliverPending(this.opts.store, this.opts.notifier, this.opts.now);
        } catch {
          // deliverPending records its own failures; a closed database ends the batch.
        }
      } while (this.again);
    })().finally(() => {
      this.delivering = null;
    });
  }

  /** Resolves when no delivery batch is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.delivering) await this.delivering;
  }
}
