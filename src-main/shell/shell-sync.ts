import type { CooldownStatus } from '../../src-shared/domain';
import type { Store } from '../core/db/store';
import type { EventBus } from '../core/events/bus';
import type { ClockOptions } from './format';
import { cooldownNotification, type OsNotification } from './notification-rules';
import { trayView, type TrayView } from './tray-menu';
import { readShellSnapshot, shouldKeepAwake } from './tray-state';

/** What the desktop offers; Electron adapters in the app, recorders in tests. */
export interface ShellPorts {
  showTray(view: TrayView): void;
  keepAwake(on: boolean): void;
  launchAtLogin: { isOn(): boolean; set(on: boolean): void };
  notify(n: OsNotification): void;
  /** Where a failure of one port goes; the others keep working. */
  warn(message: string): void;
}

export interface ShellSyncOptions {
  now?: () => number;
  clock?: ClockOptions;
  /** Next-run times move as jobs fire without any event, so the tray is also refreshed on a timer. */
  periodMs?: number;
  /** Bursts of run updates collapse into one refresh. */
  debounceMs?: number;
}

/**
 * Keeps the tray, keep-awake and the login item in step with the database, and announces cooldown
 * start and end. Log lines (`run.event`) are ignored: they never change what the shell shows.
 */
export class ShellSync {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private offs: (() => void)[] = [];
  private lastCooldown: Pick<CooldownStatus, 'cooling' | 'resetsAt'> | null = null;
  private loginItem: boolean | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly ports: ShellPorts,
    private readonly opts: ShellSyncOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    try {
      this.loginItem = this.ports.launchAtLogin.isOn();
    } catch (err) {
      this.ports.warn(`Cannot read the launch-at-login state: ${(err as Error).message}`);
    }
    const first = this.syncNow();
    // A cooldown already in force at launch is old news; only changes from here on are announced.
    if (first) this.lastCooldown = first;
    this.offs = [
      this.bus.on('run.updated', () => this.soon()),
      this.bus.on('job.changed', () => this.soon()),
      this.bus.on('cooldown.changed', (status) => {
        this.announceCooldown(status);
        this.soon();
      }),
    ];
    this.interval = setInterval(() => this.syncNow(), this.opts.periodMs ?? 30_000);
    this.interval.unref();
  }

  stop(): void {
    for (const off of this.offs) off();
    this.offs = [];
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    this.timer = null;
    this.interval = null;
  }

  /** Something may have changed (a call from the UI, a tray action): refresh shortly. */
  soon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.syncNow();
    }, this.opts.debounceMs ?? 300);
    this.timer.unref();
  }

  /** Reads the state and applies it; returns the cooldown seen (null if the database could not be read). */
  syncNow(): Pick<CooldownStatus, 'cooling' | 'resetsAt'> | null {
    const now = this.now();
    let snapshot: ReturnType<typeof readShellSnapshot>;
    try {
      snapshot = readShellSnapshot(this.store, now);
    } catch (err) {
      this.ports.warn(`Cannot read the state for the tray: ${(err as Error).message}`);
      return null;
    }
    this.attempt('update the tray', () => this.ports.showTray(trayView(snapshot.tray, now, this.opts.clock)));
    this.attempt('change keep-awake', () => this.ports.keepAwake(shouldKeepAwake(snapshot, now)));
    const wanted = snapshot.settings.launchAtLogin;
    if (wanted !== this.loginItem) {
      this.attempt('change launch at login', () => {
        this.ports.launchAtLogin.set(wanted);
        this.loginItem = wanted;
      });
    }
    return snapshot.cooldown;
  }

  private announceCooldown(status: CooldownStatus): void {
    let enabled = true;
    try {
      enabled = this.store.settings.getAll().notifyOnCooldown;
    } catch {
      // Unreadable settings: fall back to the default (on) rather than stay silent about a stall.
    }
    const n = cooldownNotification(this.lastCooldown, status, enabled, this.now(), this.opts.clock);
    this.lastCooldown = { cooling: status.cooling, resetsAt: status.resetsAt };
    if (n) this.attempt('show a notification', () => this.ports.notify(n));
  }

  private attempt(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.ports.warn(`Cannot ${what}: ${(err as Error).message}`);
    }
  }
}
