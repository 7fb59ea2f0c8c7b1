import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import 'cronstrue/locales/zh_TW';
import 'cronstrue/locales/zh_CN';
import { setFormatLocale } from '../lib/time';
import { resolveLanguage, useLanguage, type Language } from './language';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

/**
 * Keys are the English sentences themselves (no key separators), so English needs no resource file
 * and a missing translation falls back to readable English rather than to a key.
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: resolveLanguage(useLanguage.getState().preference),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-TW', 'zh-CN'],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  resources: { 'zh-TW': { translation: zhTW }, 'zh-CN': { translation: zhCN } },
  initAsync: false,
});

function apply(lang: Language) {
  setFormatLocale(lang);
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

apply(resolveLanguage(useLanguage.getState().preference));
useLanguage.subscribe((s) => apply(resolveLanguage(s.preference)));

/** The cronstrue locale name of the current language. */
export function cronLocale(): string {
  return i18n.language === 'zh-TW' ? 'zh_TW' : i18n.language === 'zh-CN' ? 'zh_CN' : 'en';
}
