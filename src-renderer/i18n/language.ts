import { create } from 'zustand';

export const LANGUAGES = ['en', 'zh-TW', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export type LanguagePreference = Language | 'system';

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-TW': '繁體中文', 'zh-CN': '简体中文' };

const STORAGE_KEY = 'cnp.language';

/** The browser's (or the OS's, in Electron) preferred languages mapped onto the three we ship. */
export function systemLanguage(preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]): Language {
  for (const tag of preferred) {
    const t = tag.toLowerCase();
    if (t.startsWith('en')) return 'en';
    if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.startsWith('zh-hant')) return 'zh-TW';
    if (t.startsWith('zh')) return 'zh-CN';
  }
  return 'en';
}

function readStored(): LanguagePreference {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-TW' || v === 'zh-CN' ? v : 'system';
  } catch {
    return 'system';
  }
}

export const resolveLanguage = (p: LanguagePreference): Language => (p === 'system' ? systemLanguage() : p);

interface LanguageState {
  preference: LanguagePreference;
  setPreference: (p: LanguagePreference) => void;
}

/** UI state: the choice lives with the window (like the theme's first-paint copy), not in the DB. */
export const useLanguage = create<LanguageState>((set) => ({
  preference: readStored(),
  setPreference: (preference) => {
    try {
      if (preference === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, preference);
    } catch {
      /* storage may be disabled; the choice still applies for this session */
    }
    set({ preference });
  },
}));
