import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Channel } from '../../src-shared/contract';
import type { Run } from '../../src-shared/domain';
import { callKey } from './call';
import { useApi } from './context';

/**
 * A busy night sends many run updates a second; refetching 10,000 jobs for each would swamp the
 * UI, so invalidations are gathered and sent at most once per window.
 */
const COALESCE_MS = 400;

function coalescingInvalidator(queryClient: QueryClient) {
  const pending = new Set<Channel>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    for (const channel of pending) void queryClient.invalidateQueries({ queryKey: [channel] });
    pending.clear();
  };
  return {
    invalidate(channels: readonly Channel[]) {
      for (const channel of channels) pending.add(channel);
      timer ??= setTimeout(flush, COALESCE_MS);
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
    },
  };
}

/** Subscribes once to the engine's events and keeps every cached view of them fresh. */
export function useLiveUpdates(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const invalidator = coalescingInvalidator(queryClient);
    const offs = [
      api.on('run.updated', (run: Run) => {
        queryClient.setQueryData(callKey('runs.get', { id: run.id }), run);
        // A run deferred (or released) changes the banner's count: no reload needed to see it.
        invalidator.invalidate(['runs.list', 'jobs.list', 'jobs.get', 'dashboard.summary', 'overview.sinceLastVisit', 'cooldown.status', 'cooldown.meters']);
      }),
      api.on('job.changed', () => {
        invalidator.invalidate(['jobs.list', 'jobs.get', 'prompts.list', 'dashboard.summary']);
      }),
      api.on('alerts.changed', () => invalidator.invalidate(['alerts.list'])),
      api.on('cooldown.changed', (status) => {
        queryClient.setQueryData(callKey('cooldown.status', {}), status);
        invalidator.invalidate(['dashboard.summary', 'runs.list']);
      }),
    ];
    return () => {
      for (const off of offs) off();
      invalidator.dispose();
    };
  }, [api, queryClient]);
}
