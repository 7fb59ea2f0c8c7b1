import { describe, expect, it } from 'vitest';
import { zhCN, zhCNAreas } from './zh-CN';
import { zhTW, zhTWAreas } from './zh-TW';

/**
 * The Chinese tables checked against each other and against the source: a key one language lacks,
 * an empty value, a dropped {{placeholder}} or <1>tag</1>, or a key defined in two area tables
 * would each show English (or a broken sentence) to someone who chose Chinese.
 */

const TABLES = { 'zh-TW': zhTW, 'zh-CN': zhCN } as const;
const AREAS = { 'zh-TW': zhTWAreas, 'zh-CN': zhCNAreas } as const;

/** `{{name}}` placeholders and Trans's `<1>`/`</1>` tags: what a translation has to keep. */
const tokens = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}|<\/?\d+>/g)].map((m) => (m[1] ? `{{${m[1]}}}` : m[0])).sort();

/** i18next's context suffix ("Open_alert"): the base key is what appears in the source. */
const baseKey = (key: string) => key.replace(/_[a-z]+$/, '');

describe('the Chinese string tables', () => {
  it('have the same keys in zh-TW and zh-CN', () => {
    const tw = Object.keys(zhTW);
    const cn = Object.keys(zhCN);
    expect(tw.filter((k) => !(k in zhCN)), 'in zh-TW but not zh-CN').toEqual([]);
    expect(cn.filter((k) => !(k in zhTW)), 'in zh-CN but not zh-TW').toEqual([]);
  });

  for (const [lang, table] of Object.entries(TABLES)) {
    it(`${lang}: no value is empty and each keeps exactly its key's placeholders and tags`, () => {
      const empty = Object.entries(table).filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty, 'empty values').toEqual([]);
      const broken = Object.entries(table)
        .filter(([k, v]) => tokens(baseKey(k)).join() !== tokens(v).join())
        .map(([k, v]) => `${k} → ${v}`);
      expect(broken, 'placeholders differ').toEqual([]);
    });

    it(`${lang}: no key is defined in two area tables`, () => {
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const [area, entries] of Object.entries(AREAS[lang as keyof typeof AREAS])) {
        for (const key of Object.keys(entries)) {
          const before = seen.get(key);
          if (before) twice.push(`${key} (${before} and ${area})`);
          else seen.set(key, area);
        }
      }
      expect(twice).toEqual([]);
    });
  }
});
