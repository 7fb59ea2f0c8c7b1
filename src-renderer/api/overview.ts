import { useCallQuery } from './call';

export const useSinceLastVisit = (since: string | undefined) =>
  useCallQuery('overview.sinceLastVisit', since ? { since } : {}, { refetchInterval: 60_000 });
