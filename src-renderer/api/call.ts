import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { CallInput, CallOutput, Channel } from '../../src-shared/contract';
import type { AppError } from '../../src-shared/errors';
import { useApi } from './context';
import { toAppError } from './errors';

/** Keys come from the contract: the channel first, so a whole channel can be invalidated at once. */
export function callKey<C extends Channel>(channel: C, input?: CallInput<C>): QueryKey {
  return input === undefined ? [channel] : [channel, input];
}

type QueryOptions<C extends Channel> = Omit<
  UseQueryOptions<CallOutput<C>, AppError, CallOutput<C>, QueryKey>,
  'queryKey' | 'queryFn'
>;

export function useCallQuery<C extends Channel>(
  channel: C,
  input: CallInput<C>,
  options: QueryOptions<C> = {},
): UseQueryResult<CallOutput<C>, AppError> {
  const api = useApi();
  return useQuery<CallOutput<C>, AppError, CallOutput<C>, QueryKey>({
    ...options,
    queryKey: callKey(channel, input),
    queryFn: () => api.call(channel, input).catch((error: unknown) => Promise.reject(toAppError(error))),
  });
}

/** A mutation over one channel that refreshes the listed channels when it succeeds. */
export function useCallMutation<C extends Channel>(
  channel: C,
  invalidates: readonly Channel[] = [],
): UseMutationResult<CallOutput<C>, AppError, CallInput<C>> {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<CallOutput<C>, AppError, CallInput<C>>({
    mutationFn: (input) => api.call(channel, input).catch((error: unknown) => Promise.reject(toAppError(error))),
    onSuccess: () => {
      for (const other of invalidates) void queryClient.invalidateQueries({ queryKey: [other] });
    },
  });
}
