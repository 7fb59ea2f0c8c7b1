/**
 * What wakes a sleeping engine besides its own timer: another process committing to the database
 * (SQLite's data_version moves), and the wall clock jumping against the monotonic one (the machine
 * slept, or someone set the clock). Checked on a slow interval; each check costs a few microseconds,
 * so an idle engine stays near zero CPU whatever the number of jobs.
 */
export interface ChangeWatchOptions {
  /** How often to look; other processes' changes are noticed within this. */
  intervalMs: number;
  /** SQLite's PRAGMA data_version (prepared once by the store). */
  dataVersion(): number;
  /** The engine's wall clock (tests pass a fake one). */
  now(): number;
  onChange(): void;
  /** `driftMs` > 0: the wall clock ran ahead of the monotonic one (a sleep, or set forward). */
  onClockJump(driftMs: number): void;
}

/** A wall clock moving more than this against the monotonic one was not just timer jitter. */
export const CLOCK_JUMP_MS = 2_000;

export class ChangeWatch {
  private timer: NodeJS.Timeout | null = null;
  private version = -1;
  private lastWall = 0;
  private lastMono = 0;

  constructor(private readonly opts: ChangeWatchOptions) {}

  start(): void {
    this.version = this.opts.dataVersion();
    this.lastWall = this.opts.now();
    this.lastMono = performance.now();
    this.timer ??= setInterval(() => this.check(), this.opts.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** True (once) when another connection committed since the last look. */
  takeChange(): boolean {
    const v = this.opts.dataVersion();
    if (v === this.version) return false;
    this.version = v;
    return true;
  }

  /** How far the wall clock moved against the monotonic clock since the last look (0 if within jitter). */
  takeDrift(): number {
    const wall = this.opts.now();
    const mono = performance.now();
    const drift = this.lastWall ? wall - this.lastWall - (mono - this.lastMono) : 0;
    this.lastWall = wall;
    this.lastMono = mono;
    return Math.abs(drift) > CLOCK_JUMP_MS ? drift : 0;
  }

  private check(): void {
    const drift = this.takeDrift();
    if (drift) this.opts.onClockJump(drift);
    else if (this.takeChange()) this.opts.onChange();
  }
}

/** Node's timers take at most 2^31-1 ms; a due instant further away is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One timer for the next due instant, re-armed as that instant moves. */
export class DueTimer {
  private timer: NodeJS.Timeout | null = null;
  private armedFor: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly onDue: () => void,
  ) {}

  /** Fires `onDue` at `at` (at once if past); null disarms. */
  arm(at: number | null): void {
    if (at === this.armedFor && this.timer) return;
    this.disarm();
    if (at === null) return;
    this.armedFor = at;
    const delay = Math.max(0, at - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = null;
      if (delay > MAX_TIMER_MS) this.arm(at);
      else this.onDue();
    }, Math.min(delay, MAX_TIMER_MS));
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = null;
  }
}
