import { useQueryClient } from '@tanstack/react-query';
import { callKey, useCallMutation, useCallQuery } from './call';

export const useCooldownStatus = () => useCallQuery('cooldown.status', {}, { refetchInterval: 60_000 });
export const useClearCooldown = () => {
  const queryClient = useQueryClient();
  const mutation = useCallMutation('cooldown.clear', ['dashboard.summary', 'runs.list']);
  return {
    ...mutation,
    clear: (onDone?: () => void) =>
      mutation.mutate(
        {},
        {
          onSuccess: (status) => {
            queryClient.setQueryData(callKey('cooldown.status', {}), status);
            onDone?.();
          },
        },
      ),
  };
};

export const useDashboardSummary = () => useCallQuery('dashboard.summary', {}, { refetchInterval: 30_000 });

export const useSettings = () => useCallQuery('settings.get', {});
export const useSaveSettings = () => {
  const queryClient = useQueryClient();
  const mutation = useCallMutation('settings.set', ['settings.get']);
  return {
    ...mutation,
    save: (patch: Parameters<typeof mutation.mutate>[0], onDone?: () => void) =>
      mutation.mutate(patch, {
        onSuccess: (settings) => {
          queryClient.setQueryData(callKey('settings.get', {}), settings);
          onDone?.();
        },
      }),
  };
};

/** Only on demand: the health check runs the Claude CLI to read its version. */
export const useHealthCheck = () => useCallMutation('system.health');

/** Who holds the engine lease; cheap (one row), so it refreshes on its own. */
export const useEngineStatus = () => useCallQuery('system.engine', {}, { refetchInterval: 15_000 });
