import { create } from 'zustand';
import type { Settings } from '../../src-shared/domain';

export type ThemePreference = Settings['theme'];
const STORAGE_KEY = 'cnp.theme';

function readStored(): ThemePreference {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
  } catch {
    return 'system';
  }
}

const darkQuery = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

/** Sets `data-theme` on <html>; "system" follows the OS, so the attribute is always concrete. */
export function applyTheme(preference: ThemePreference): void {
  const resolved = preference === 'system' ? (darkQuery()?.matches ? 'dark' : 'light') : preference;
  document.documentElement.dataset.theme = resolved;
  document.documentElement.dataset.themePreference = preference;
}

interface ThemeState {
  preference: ThemePreference;
  setPreference: (preference: ThemePreference) => void;
}

export const useTheme = create<ThemeState>((set) => ({
  preference: readStored(),
  setPreference: (preference) => {
    try {
      // Kept locally too, so the first paint of the next launch is already in the right theme.
      localStorage.setItem(STORAGE_KEY, preference);
    } catch {
      /* storage may be disabled; the theme still applies for this session */
    }
    applyTheme(preference);
    set({ preference });
  },
}));

/** Called once at start-up, before React renders, and keeps "system" in step with the OS. */
export function bootTheme(): void {
  applyTheme(useTheme.getState().preference);
  darkQuery()?.addEventListener('change', () => {
    if (useTheme.getState().preference === 'system') applyTheme('system');
  });
}
