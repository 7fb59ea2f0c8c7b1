import { EventEmitter } from 'node:events';
import { EVENT_NAMES, type EventMap, type EventName } from '../../../src-shared/contract';
import type { Run, RunEvent } from '../../../src-shared/domain';
import { redactRun, redactRunEvent } from '../redaction/views';

/** The engine's typed event bus: what the UI (IPC or WebSocket) and `--follow` subscribe to. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window and every follower subscribes; a listener count is not a leak here.
    this.emitter.setMaxListeners(0);
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Subscribes to every event; the shells forward them all. */
  onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    const offs = EVENT_NAMES.map((name) => this.on(name, (payload) => listener(name, payload)));
    return () => offs.forEach((off) => off());
  }

  /**
   * Everything on the bus leaves the engine (WebSocket, IPC, followers, notifications), so run data
   * is masked here; only when someone listens, since masking every line costs ingest time.
   */
  /** Whether anyone listens: lets a hot path skip building payloads nobody will see. */
  listens(event: EventName): boolean {
    return this.emitter.listenerCount(event) > 0;
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    if (this.emitter.listenerCount(event) === 0) return;
    this.emitter.emit(event, redactEventPayload(event, payload));
  }
}

function redactEventPayload<E extends EventName>(event: E, payload: EventMap[E]): EventMap[E] {
  if (event === 'run.event') return redactRunEvent(payload as RunEvent) as EventMap[E];
  if (event === 'run.updated') return redactRun(payload as Run) as EventMap[E];
  return payload;
}
