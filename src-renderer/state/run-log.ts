import { create } from 'zustand';

/** Log viewer preferences, shared by every run page the user opens. */
interface RunLogViewState {
  follow: boolean;
  setFollow: (follow: boolean) => void;
}

export const useRunLogView = create<RunLogViewState>((set) => ({
  follow: true,
  setFollow: (follow) => set({ follow }),
}));
