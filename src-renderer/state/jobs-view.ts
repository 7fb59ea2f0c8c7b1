import { create } from 'zustand';
import type { JobKind } from '../../src-shared/domain';

export type JobSortColumn = 'name' | 'kind' | 'schedule' | 'nextRun' | 'lastRun' | 'successRate' | 'enabled';
export type JobStatusFilter = 'all' | 'enabled' | 'paused' | 'failing' | 'succeeded' | 'running' | 'never';

/** How the jobs table is sorted and filtered; kept while the user visits other pages. */
interface JobsViewState {
  search: string;
  tag: string;
  kind: JobKind | 'all';
  status: JobStatusFilter;
  sort: { column: JobSortColumn; descending: boolean };
  setSearch: (search: string) => void;
  setTag: (tag: string) => void;
  setKind: (kind: JobKind | 'all') => void;
  setStatus: (status: JobStatusFilter) => void;
  sortBy: (column: JobSortColumn) => void;
}

export const useJobsView = create<JobsViewState>((set) => ({
  search: '',
  tag: '',
  kind: 'all',
  status: 'all',
  sort: { column: 'nextRun', descending: false },
  setSearch: (search) => set({ search }),
  setTag: (tag) => set({ tag }),
  setKind: (kind) => set({ kind }),
  setStatus: (status) => set({ status }),
  sortBy: (column) =>
    set((s) => ({ sort: { column, descending: s.sort.column === column ? !s.sort.descending : false } })),
}));
