import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { CallInput } from '../../src-shared/contract';
import { useCallQuery } from './call';

type ScheduleInput = CallInput<'jobs.previewSchedule'>['schedule'];

/** Holds a value back until it has stopped changing for `delayMs`, so typing isn't a call per key. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * The next fire times and the description of a schedule as the contract computes them. `settled`
 * is false while the latest input is still waiting for its answer: callers that gate Save on a
 * valid schedule must not trust an answer about older input.
 */
export function useSchedulePreview(schedule: ScheduleInput | null, count = 5, delayMs = 150) {
  const key = schedule === null ? '' : JSON.stringify(schedule);
  const debouncedKey = useDebounced(key, delayMs);
  const debounced: ScheduleInput | null = debouncedKey === '' ? null : (JSON.parse(debouncedKey) as ScheduleInput);
  const query = useCallQuery(
    'jobs.previewSchedule',
    { schedule: debounced ?? { type: 'manual' }, count },
    {
      enabled: debounced !== null,
      retry: false,
      staleTime: 30_000,
      // Keeps the old list on screen while the next one loads, but never past an error.
      placeholderData: keepPreviousData,
    },
  );
  const settled = debouncedKey === key && !query.isFetching && !query.isPlaceholderData;
  return { ...query, settled };
}
