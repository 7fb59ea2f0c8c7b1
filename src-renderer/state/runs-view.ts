import { create } from 'zustand';
import type { RunStatus, RunTrigger } from '../../src-shared/domain';

export interface RunsFilter {
  jobId: number | null;
  status: RunStatus | '';
  trigger: RunTrigger | '';
  /** Local calendar days, as the date inputs give them (YYYY-MM-DD). */
  from: string;
  to: string;
}

interface RunsViewState {
  filter: RunsFilter;
  page: number;
  setFilter: (patch: Partial<RunsFilter>) => void;
  setPage: (page: number) => void;
}

export const useRunsView = create<RunsViewState>((set) => ({
  filter: { jobId: null, status: '', trigger: '', from: '', to: '' },
  page: 0,
  // A new filter starts again from the first page.
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch }, page: 0 })),
  setPage: (page) => set({ page }),
}));
