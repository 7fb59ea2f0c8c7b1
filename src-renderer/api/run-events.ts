import { useEffect, useRef, useState } from 'react';
import type { WindowApi } from '../../src-shared/api-client';
import type { RunEvent } from '../../src-shared/domain';
import type { AppError } from '../../src-shared/errors';
import { useApi } from './context';
import { toAppError } from './errors';

const PAGE_SIZE = 5_000;
/** Live lines can arrive by the thousand per second; the log re-renders at most this often. */
const FLUSH_MS = 100;

export interface RunEventsState {
  events: readonly RunEvent[];
  loading: boolean;
  truncated: boolean;
  error: AppError | null;
}

/** Events in seq order, each seq once, whether it came from a page or live. */
class EventLog {
  events: RunEvent[] = [];
  private seen = new Set<number>();

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Returns whether anything new was added. */
  add(batch: readonly RunEvent[]): boolean {
    const fresh = batch.filter((e) => !this.seen.has(e.seq));
    if (fresh.length === 0) return false;
    for (const e of fresh) this.seen.add(e.seq);
    const last = this.lastSeq;
    const inOrder = fresh.every((e, i) => e.seq > (i === 0 ? last : (fresh[i - 1]?.seq ?? 0)));
    // A new array each time so React sees the change; the sort only runs when a page and live
    // events overlap out of order.
    this.events = inOrder ? this.events.concat(fresh) : this.events.concat(fresh).sort((a, b) => a.seq - b.seq);
    return true;
  }
}

async function loadPages(api: WindowApi, runId: number, log: EventLog, onPage: (truncated: boolean) => void, isCancelled: () => boolean) {
  for (;;) {
    const page = await api.call('runs.events', { runId, afterSeq: log.lastSeq, limit: PAGE_SIZE });
    if (isCancelled()) return;
    log.add(page.events);
    onPage(page.truncated);
    if (page.events.length < PAGE_SIZE) return;
  }
}

/**
 * Everything a run has logged so far, then its live events as they come. Subscribes before the
 * first page is asked for, so nothing written in between is missed; duplicates are dropped by seq.
 * When `finished` turns true it reads once more, for events stored after the last live push.
 */
export function useRunEvents(runId: number, finished = false): RunEventsState {
  const api = useApi();
  const [state, setState] = useState<RunEventsState>({ events: [], loading: true, truncated: false, error: null });
  const reloadRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    let cancelled = false;
    let loaded = false;
    let truncated = false;
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    const log = new EventLog();
    const pending: RunEvent[] = [];
    setState({ events: [], loading: true, truncated: false, error: null });

    const publish = (loading: boolean) => {
      if (!cancelled) setState({ events: log.events, loading, truncated, error: null });
    };
    const flush = () => {
      flushTimer = null;
      if (log.add(pending.splice(0))) publish(false);
    };
    const off = api.on('run.event', (event) => {
      if (event.runId !== runId) return;
      pending.push(event);
      if (loaded) flushTimer ??= setTimeout(flush, FLUSH_MS);
    });
    const load = (initial: boolean) =>
      loadPages(
        api,
        runId,
        log,
        (t) => {
          truncated = t;
          publish(initial && !loaded);
        },
        () => cancelled,
      )
        .then(() => {
          loaded = true;
          flush();
          publish(false);
        })
        .catch((error: unknown) => {
          if (!cancelled) setState((s) => ({ ...s, loading: false, error: toAppError(error) }));
        });
    void load(true);
    reloadRef.current = () => {
      if (loaded) void load(false);
    };

    return () => {
      cancelled = true;
      off();
      if (flushTimer !== null) clearTimeout(flushTimer);
      reloadRef.current = null;
    };
  }, [api, runId]);

  useEffect(() => {
    if (finished) reloadRef.current?.();
  }, [finished]);

  return state;
}
