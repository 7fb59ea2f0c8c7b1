import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../../src-shared/contract';

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
    const names: EventName[] = ['run.event', 'run.updated', 'job.changed', 'cooldown.changed'];
    const offs = names.map((name) => this.on(name, (payload) => listener(name, payload)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit(event, payload);
  }
}
