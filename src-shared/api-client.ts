import type { Result } from './errors';
import { AppError } from './errors';
import type { CallInput, CallOutput, Channel, EventMap, EventName } from './contract';

/**
 * `window.api`: the same shape in Electron (preload over IPC) and in the browser (`cnp serve`
 * over HTTP + WebSocket). Calls resolve with the value or reject with an AppError.
 */
export interface WindowApi {
  call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** 'electron' or 'web': for the few things only one host can do (e.g. launch at login). */
  host: 'electron' | 'web';
}

/** The transports return envelopes; this turns one into a value or a thrown AppError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, {
    ...(result.error.field !== undefined ? { field: result.error.field } : {}),
    ...(result.error.details !== undefined ? { details: result.error.details } : {}),
  });
}
