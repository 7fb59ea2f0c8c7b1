import type { WindowApi } from '../../src-shared/api-client';
import type { CallInput, CallOutput, Channel, EventMap, EventName } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';

export type Handlers = { [C in Channel]?: (input: CallInput<C>) => CallOutput<C> | Promise<CallOutput<C>> };

export interface FakeApi extends WindowApi {
  calls: { channel: Channel; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

/** A WindowApi answering from per-channel handlers; a call without one rejects like the contract. */
export function fakeApi(handlers: Handlers): FakeApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const calls: FakeApi['calls'] = [];
  return {
    host: 'web',
    calls,
    async call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
      calls.push({ channel, input });
      const handler = handlers[channel] as ((i: CallInput<C>) => CallOutput<C> | Promise<CallOutput<C>>) | undefined;
      if (!handler) throw new AppError('INTERNAL', `no fake handler for ${channel}`);
      return handler(input);
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      for (const l of listeners.get(event) ?? []) (l as (p: EventMap[E]) => void)(payload);
    },
  };
}
