import type { RunEventKind } from '../../../src-shared/domain';
import type { Store } from '../db/store';
import type { EventBus } from '../events/bus';
import type { NewEvent } from '../db/events-repo';

const FLUSH_EVERY_MS = 50;
const FLUSH_AT_COUNT = 1000;

/**
 * Collects a run's events and writes them in batched transactions (one per 50 ms or 1,000 events,
 * whichever first) so a chatty child cannot turn every line into an fsync; each stored event is
 * also pushed on the bus for live viewers.
 */
export class EventSink {
  private buffer: NewEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus | null,
    private readonly runId: number,
    private readonly cap: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(kind: RunEventKind, payload: unknown): void {
    this.buffer.push({ ts: this.now(), kind, payload });
    if (this.buffer.length >= FLUSH_AT_COUNT) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.buffer.length) return;
    const batch = this.buffer;
    this.buffer = [];
    const stored = this.store.events.append(this.runId, batch, this.cap);
    if (this.bus) for (const e of stored) this.bus.emit('run.event', e);
  }
}
