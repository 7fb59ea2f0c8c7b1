import { create } from 'zustand';

/** Log viewer preferences, shared by every run page the user opens. */
interface RunLogViewState {
  follow: boolean;
  setFollow: (follow: boolean) => void;
  /** Per-line timestamps, off by default: most reading does not need them. */
  timestamps: boolean;
  setTimestamps: (on: boolean) => void;
}

export const useRunLogView = create<RunLogViewState>((set) => ({
  follow: true,
  setFollow: (follow) => set({ follow }),
  timestamps: false,
  setTimestamps: (timestamps) => set({ timestamps }),
}));
