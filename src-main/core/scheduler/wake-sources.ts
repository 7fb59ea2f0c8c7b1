import fs from 'node:fs';
import path from 'node:path';

/**
 * What wakes a sleeping engine besides its own timer: another process committing to the database
 * (SQLite's data_version moves), and the wall clock jumping against the monotonic one (the machine
 * slept, or someone set the clock).
 *
 * Commits are noticed through the file system: a commit writes the WAL (or, without WAL, the
 * database file), and a watch on their folder wakes the engine at once, so an idle engine has no
 * timer of its own for this. Where a folder cannot be watched (a full inotify table, an in-memory
 * database) it polls every `pollMs` instead. Clock jumps are looked for on the engine's heartbeat.
 */
export interface ChangeWatchOptions {
  /** SQLite's PRAGMA data_version (prepared once by the store). */
  dataVersion(): number;
  /** The engine's wall clock (tests pass a fake one). */
  now(): number;
  onChange(): void;
  /** `driftMs` > 0: the wall clock ran ahead of the monotonic one (a sleep, or set forward). */
  onClockJump(driftMs: number): void;
  /** The database file; its folder is watched for writes to it and to its `-wal` and `-journal`. */
  dbPath: string | null;
  /** How often to poll when the folder cannot be watched. */
  pollMs: number;
  /** How often writes that keep coming are looked at (LOOK_EVERY_MS unless a test says otherwise). */
  lookEveryMs?: number;
  /**
   * The engine's own background writer moves data_version too (a run printing a flood): when it may
   * have, this asks it, and `answer(true)` says some other connection committed as well. False
   * when there is no such writer: then every move is another process's commit.
   */
  askOwnWriter?(answer: (othersCommitted: boolean) => void): boolean;
}

/** A wall clock moving more than this against the monotonic one was not just timer jitter. */
export const CLOCK_JUMP_MS = 2_000;

/** A second look after a write whose commit was not visible yet. */
const LOOK_AGAIN_MS = 30;
/**
 * Writes that keep coming (a run printing a flood, stored on the engine's own background writer)
 * are looked at this often, not on every turn of the event loop: each look asks the writer's thread
 * whether someone else committed, and a look per turn was a few percent of what ingesting a flood
 * cost the event loop. Another process's commit is still noticed well within a second.
 */
export const LOOK_EVERY_MS = 100;

export class ChangeWatch {
  private watching = false;
  private version = -1;
  private lastWall = 0;
  private lastMono = 0;
  private watcher: fs.FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private soon: NodeJS.Immediate | null = null;
  private again: NodeJS.Timeout | null = null;
  private later: NodeJS.Timeout | null = null;
  /** performance.now() of the last look made because of a write. */
  private lastLook = -Infinity;

  constructor(private readonly opts: ChangeWatchOptions) {}

  /** From now on, changes and jumps are measured against this moment, and commits wake a look. */
  start(): void {
    this.version = this.opts.dataVersion();
    this.lastWall = this.opts.now();
    this.lastMono = performance.now();
    this.watching = true;
    if (this.watcher || this.poll) return;
    this.watcher = this.watchFolder();
    if (!this.watcher) this.pollFromNow();
  }

  stop(): void {
    this.watching = false;
    this.watcher?.close();
    this.watcher = null;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    if (this.soon) clearImmediate(this.soon);
    this.soon = null;
    if (this.again) clearTimeout(this.again);
    this.again = null;
    if (this.later) clearTimeout(this.later);
    this.later = null;
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

  /** One look, while started: a clock jump, else another process's commit. */
  look(): boolean {
    if (!this.watching) return false;
    const drift = this.takeDrift();
    if (drift) {
      this.opts.onClockJump(drift);
      return true;
    }
    let changed: boolean;
    try {
      changed = this.takeChange();
    } catch {
      // The database is closing under a late file event: nothing to wake for.
      return false;
    }
    if (!changed) return false;
    const asked = this.opts.askOwnWriter?.((othersCommitted) => {
      if (othersCommitted && this.watching) this.opts.onChange();
    });
    if (!asked) this.opts.onChange();
    return true;
  }

  /**
   * A write to the database's files: looked at on this turn of the event loop, so the watch adds no
   * wake-up of its own, or, while writes keep coming, once every LOOK_EVERY_MS. Our own commits
   * come here too; a look then finds data_version unchanged.
   */
  private written(): void {
    if (this.soon || this.later || !this.watching) return;
    const wait = this.lastLook + (this.opts.lookEveryMs ?? LOOK_EVERY_MS) - performance.now();
    if (wait > 0) {
      // Looked at a moment ago: one more look when the moment is over covers every write until then.
      this.later = setTimeout(() => {
        this.later = null;
        this.written();
      }, wait);
      this.later.unref();
      return;
    }
    this.soon = setImmediate(() => {
      this.soon = null;
      this.lastLook = performance.now();
      if (this.look() || this.again) return;
      // SQLite writes the WAL (the event) before it publishes the commit in the shared index: a look
      // that came in between sees nothing yet. One more look a moment later does.
      this.again = setTimeout(() => {
        this.again = null;
        this.look();
      }, LOOK_AGAIN_MS);
      this.again.unref();
    });
  }

  private pollFromNow(): void {
    if (this.poll) return;
    this.poll = setInterval(() => this.look(), this.opts.pollMs);
    this.poll.unref();
  }

  private watchFolder(): fs.FSWatcher | null {
    const db = this.opts.dbPath;
    if (!db || db === ':memory:') return null;
    // SQLite keeps the WAL beside the real file, wherever a symlink to it points from.
    const real = realPath(db);
    const names = new Set([path.basename(real), `${path.basename(real)}-wal`, `${path.basename(real)}-journal`]);
    try {
      const watcher = fs.watch(path.dirname(real), { persistent: false }, (_event, name) => {
        // Some platforms do not name the file: then any change in the folder is looked at.
        if (name === null || names.has(String(name))) this.written();
      });
      watcher.on('error', () => {
        // The folder went away or the watch broke: poll from now on.
        watcher.close();
        if (this.watcher !== watcher) return;
        this.watcher = null;
        if (this.watching) this.pollFromNow();
      });
      return watcher;
    } catch {
      return null;
    }
  }
}

/** Node's timers take at most 2^31-1 ms; a due instant further away is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Node's timers fire up to a few ms after their instant (whole-ms delays, a sleeping CPU waking).
 * The due timer wakes this much early and polls the last stretch, so a run starts within a fraction
 * of a millisecond of its instant instead.
 */
export const EARLY_WAKE_MS = 2;
/** Real time the last stretch may be polled for: a fake clock in tests that never reaches the instant still fires. */
const POLL_BUDGET_MS = EARLY_WAKE_MS + 3;
/**
 * While polling, the thread sleeps this long between two looks at the clock, then lets I/O through
 * with one turn of the event loop. A turn per look (hundreds in the last 2 ms) allocated ~45 KB
 * right before every fire, which is where V8's young-generation collections then fell: 5-15 ms
 * pauses between "due" and "spawn", the slowest fires of the benchmark with 10,000 jobs.
 */
const POLL_SLICE_MS = 0.1;
const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

/** One timer for the next due instant, re-armed as that instant moves. */
export class DueTimer {
  private timer: NodeJS.Timeout | null = null;
  private poll: NodeJS.Immediate | null = null;
  private armedFor: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly onDue: () => void,
  ) {}

  /** Fires `onDue` once `now()` has reached `at` (at once if past); null disarms. */
  arm(at: number | null): void {
    if (at === this.armedFor && (this.timer || this.poll)) return;
    this.disarm();
    if (at === null) return;
    this.armedFor = at;
    const delay = Math.max(0, at - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (delay > MAX_TIMER_MS) {
        this.armedFor = null;
        this.arm(at);
      } else this.pollUntil(at, performance.now() + POLL_BUDGET_MS);
    }, Math.min(Math.max(0, delay - EARLY_WAKE_MS), MAX_TIMER_MS));
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearImmediate(this.poll);
    this.timer = null;
    this.poll = null;
    this.armedFor = null;
  }

  /** A short sleep, then one event-loop turn (I/O still gets through), until the instant or the budget. */
  private pollUntil(at: number, giveUpAt: number): void {
    const left = at - this.now();
    if (left > 0 && performance.now() < giveUpAt) {
      // Atomics.wait sleeps without allocating or spinning; it is allowed on Node's main thread.
      Atomics.wait(SLEEP_CELL, 0, 0, Math.min(left, POLL_SLICE_MS));
      if (this.now() < at && performance.now() < giveUpAt) {
        this.poll = setImmediate(() => this.pollUntil(at, giveUpAt));
        return;
      }
    }
    this.poll = null;
    this.armedFor = null;
    this.onDue();
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
