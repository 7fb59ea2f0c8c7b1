import type { RunEventKind } from '../../../src-shared/domain';
import type { Store } from '../db/store';
import type { EventBus } from '../events/bus';
import type { EventRow } from '../db/events-repo';
import { iso, parseJson } from '../db/json';
import type { OutputLine } from './output/bounded-lines';
import { describeDrop, describeCut } from './output/drop-marker';

const FLUSH_EVERY_MS = 50;
const FLUSH_AT_COUNT = 1000;
/** A batch of big lines is written sooner: one transaction of many megabytes stalled the event loop. */
const FLUSH_AT_BYTES = 1024 * 1024;
/** Rows held while a background checkpoint runs stay below this; past it they are written anyway. */
const HOLD_MAX_BYTES = 8 * 1024 * 1024;
/** Rows per transaction when the kept tail is written at the end, with a turn of the event loop between. */
const TAIL_CHUNK = 2000;
/**
 * Output handed to the background writer and not stored yet, past which the run's output is read
 * no further (see `paced`) until half of it is: a disk slower than the child keeps memory bounded
 * here, as it did when every batch was written on the event loop.
 */
const PACE_ABOVE_BYTES = 16 * 1024 * 1024;

/** How much of a run's output is stored: half for its head, half for its tail. */
export interface OutputBudget {
  maxBytes: number;
  maxEvents: number;
}

interface Pending extends EventRow {
  payload: unknown;
  /** The output bytes this event stands for (a line's length as printed): what a drop marker reports. */
  bytes: number;
}

/** What an event costs of the budget: its stored size, so a 600 MB line kept as a preview costs the preview. */
const cost = (e: Pending) => e.json.length;

/**
 * The one way executors store what a run prints (shell, HTTP and Claude alike). Events are written in
 * batched transactions (one per 50 ms, 1,000 events or 1 MB) so a chatty child cannot turn every line into
 * an fsync, and each stored event is also pushed on the bus for live viewers.
 *
 * Memory and storage stay bounded whatever a job prints: the first half of the budget (bytes and
 * events) is stored as it comes; past it, events go to a ring holding the last half, and `close()`
 * stores one marker saying how many lines and bytes were dropped in between, then that tail.
 */
export class EventSink {
  private buffer: Pending[] = [];
  private bufferBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private seq: number;
  private headBytes = 0;
  private headEvents = 0;
  private cutting = false;
  private truncated = false;
  private tail: Pending[] = [];
  private tailStart = 0;
  private tailBytes = 0;
  private droppedLines = 0;
  private droppedBytes = 0;
  private closed = false;
  /** Rows wait for a background checkpoint to end (or for their turn after one). */
  private held = false;
  /** Batches the background writer has not confirmed yet, oldest first. */
  private inFlight: Pending[][] = [];
  private inFlightBytes = 0;
  private settled: (() => void)[] = [];
  private paceWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus | null,
    private readonly runId: number,
    private readonly budget: OutputBudget,
    private readonly now: () => number = Date.now,
  ) {
    // A run deferred by a cooldown runs again later: its log goes on after what it already has.
    const stored = store.events.storedSoFar(runId);
    this.seq = stored?.count ?? 0;
    this.truncated = stored?.truncated ?? false;
  }

  /** An event whose payload is an object (serialised here, once). */
  add(kind: RunEventKind, payload: unknown): void {
    const json = JSON.stringify(payload);
    // An executor's own payload says when it kept only part of what was printed (a preview).
    const cut = (payload as { truncated?: unknown } | null)?.truncated === true;
    this.accept({ seq: 0, ts: this.now(), kind, json, payload, bytes: json.length }, cut);
  }

  /** A stdout/stderr line from the bounded splitter: a cut line is stored as its marked preview. */
  addLine(kind: 'stdout' | 'stderr', line: OutputLine): void {
    const payload = line.truncated ? { text: line.text, truncated: true, originalBytes: line.bytes } : { text: line.text };
    this.accept({ seq: 0, ts: this.now(), kind, json: JSON.stringify(payload), payload, bytes: line.bytes }, line.truncated);
  }

  /**
   * An event that already is one JSON text (a Claude stream-json line checked by its parser): stored
   * as it came, without serialising the parsed object again. `payload` is what live viewers get.
   */
  addJson(kind: RunEventKind, json: string, payload: unknown, bytes = json.length): void {
    // Whole as printed, so never a cut line, whatever fields the printed object has.
    this.accept({ seq: 0, ts: this.now(), kind, json, payload, bytes }, false);
  }

  /**
   * Null while the run's output can be read on; otherwise a promise that resolves once the
   * background writer has caught up enough. Executors reading a child's output wait for it.
   */
  paced(): Promise<void> | null {
    if (this.inFlightBytes < PACE_ABOVE_BYTES) return null;
    return new Promise((resolve) => this.paceWaiters.push(resolve));
  }

  /** Marks the stored log as incomplete (an executor cut something itself, e.g. an HTTP body). */
  markTruncated(): void {
    this.truncated = true;
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.buffer.length) return;
    const batch = this.buffer;
    this.buffer = [];
    this.bufferBytes = 0;
    this.write(batch);
  }

  /**
   * The output has ended: stores the drop marker and the kept tail (in chunks, so a big tail does
   * not stall the event loop). Events added afterwards (the engine's own notes) are stored directly.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    // Every batch is stored before the run's outcome is: what follows reads the log (chains, cooldowns).
    this.flush();
    await this.allStored();
    this.closed = true;
    this.flush();
    if (!this.cutting) return;
    const kept = this.tail.slice(this.tailStart);
    this.tail = [];
    this.tailStart = 0;
    const marker = { type: 'truncated', message: describeDrop(this.droppedLines, this.droppedBytes, this.budget.maxBytes), droppedLines: this.droppedLines, droppedBytes: this.droppedBytes, maxBytes: this.budget.maxBytes };
    const first = kept[0]?.ts ?? this.now();
    const rows: Pending[] = [{ seq: 0, ts: first, kind: 'system', json: JSON.stringify(marker), payload: marker, bytes: 0 }, ...kept];
    for (let i = 0; i < rows.length; i += TAIL_CHUNK) {
      this.write(rows.slice(i, i + TAIL_CHUNK));
      if (i + TAIL_CHUNK < rows.length) await new Promise((r) => setImmediate(r));
    }
  }

  /** `cut`: the event stands for only part of what was printed, so the stored log is incomplete. */
  private accept(e: Pending, cut: boolean): void {
    if (cut) this.truncated = true;
    // Only live viewers need the parsed form, and held until its batch is stored, a flood's parsed
    // lines outlived the young generation: every minor GC copied megabytes of them. One who starts
    // listening meanwhile gets it parsed back from the text.
    if (!this.bus?.listens('run.event')) e.payload = undefined;
    if (this.closed) {
      this.enqueue(e);
      return;
    }
    const half = this.halves();
    if (!this.cutting && this.headBytes + cost(e) <= half.bytes && this.headEvents < half.events) {
      this.headBytes += cost(e);
      this.headEvents += 1;
      this.enqueue(e);
      return;
    }
    if (!this.cutting) this.startCutting(e.ts);
    this.tail.push(e);
    this.tailBytes += cost(e);
    while (this.tailStart < this.tail.length && (this.tailBytes > half.bytes || this.tail.length - this.tailStart > half.events)) {
      const dropped = this.tail[this.tailStart]!;
      this.tail[this.tailStart] = undefined as unknown as Pending;
      this.tailStart += 1;
      this.tailBytes -= cost(dropped);
      this.droppedLines += 1;
      this.droppedBytes += dropped.bytes;
    }
    // Compact the ring now and then rather than shifting on every drop.
    if (this.tailStart > 4096 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
  }

  /** The head is full: say so in the live log now, and remember the run's log is incomplete. */
  private startCutting(ts: number): void {
    this.cutting = true;
    this.truncated = true;
    // The numbers as well as the English sentence, so the UI can say it in the user's language.
    const payload = { type: 'truncating', message: describeCut(this.budget.maxBytes), maxBytes: this.budget.maxBytes };
    this.enqueue({ seq: 0, ts, kind: 'system', json: JSON.stringify(payload), payload, bytes: 0 });
    this.flush();
  }

  private halves(): { bytes: number; events: number } {
    return { bytes: Math.floor(this.budget.maxBytes / 2), events: Math.max(1, Math.floor(this.budget.maxEvents / 2)) };
  }

  private enqueue(e: Pending): void {
    this.buffer.push(e);
    this.bufferBytes += e.json.length;
    if (this.held) {
      if (this.bufferBytes >= HOLD_MAX_BYTES) this.flush();
    } else if (this.buffer.length >= FLUSH_AT_COUNT || this.bufferBytes >= FLUSH_AT_BYTES) this.flushUnlessHeld();
    else this.timer ??= setTimeout(() => this.flushUnlessHeld(), FLUSH_EVERY_MS);
  }

  /**
   * The sink's own flushes wait while a background checkpoint copies the WAL, or while the
   * background writer that will take them starts (see BackgroundWriter.holdsWriters): a chatty run's
   * commits no longer stall the event loop for an fsync.
   */
  private flushUnlessHeld(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.buffer.length) return;
    if (this.bufferBytes < HOLD_MAX_BYTES && this.store.events.holdWrites(this.release)) {
      this.held = true;
      return;
    }
    this.flush();
  }

  /** What was held goes out a batch per turn of the event loop: thousands of rows at once stalled it. */
  private readonly release = (): void => {
    this.held = false;
    if (this.buffer.length <= FLUSH_AT_COUNT) return this.flushUnlessHeld();
    const batch = this.buffer.splice(0, FLUSH_AT_COUNT);
    for (const e of batch) this.bufferBytes -= e.json.length;
    this.write(batch);
    this.held = true;
    setImmediate(this.release);
  };

  /**
   * Numbers and stores a batch: on the background writer's thread while one runs (a run printing
   * megabytes started it), else here. Live viewers hear of an event only once it is stored, so a
   * viewer that reads the log and then listens never misses one in between.
   */
  private write(batch: Pending[]): void {
    for (const e of batch) e.seq = ++this.seq;
    const eventCount = this.seq;
    const truncated = this.truncated;
    if (!this.closed && this.store.events.appendInBackground(this.runId, batch, eventCount, truncated, (error) => this.stored(batch, eventCount, truncated, error))) {
      this.inFlight.push(batch);
      for (const e of batch) this.inFlightBytes += e.json.length;
      return;
    }
    this.store.events.appendRows(this.runId, batch, eventCount, truncated);
    this.announce(batch);
  }

  /** The background writer answered for the oldest batch it was handed. */
  private stored(batch: Pending[], eventCount: number, truncated: boolean, error: Error | null): void {
    if (error) {
      try {
        this.store.events.appendRows(this.runId, batch, eventCount, truncated);
      } catch {
        // The run was deleted meanwhile (its job removed), or the database closed: nothing to keep it for.
      }
    }
    this.inFlight.shift();
    for (const e of batch) this.inFlightBytes -= e.json.length;
    this.announce(batch);
    if (this.inFlightBytes < PACE_ABOVE_BYTES / 2) for (const resolve of this.paceWaiters.splice(0)) resolve();
    if (this.inFlight.length === 0) for (const resolve of this.settled.splice(0)) resolve();
  }

  private allStored(): Promise<void> {
    if (this.inFlight.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.settled.push(resolve));
  }

  private announce(batch: Pending[]): void {
    if (!this.bus?.listens('run.event')) return;
    for (const e of batch) this.bus.emit('run.event', { runId: this.runId, seq: e.seq, ts: iso(e.ts)!, kind: e.kind, payload: e.payload === undefined ? parseJson<unknown>(e.json, e.json) : e.payload });
  }
}
