import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

/**
 * Untranslated UI text caught statically: every key written literally in the renderer's source
 * must have a zh-TW and a zh-CN translation, or those users see English there.
 */

const TABLES = { 'zh-TW': zhTW, 'zh-CN': zhCN } as const;
const RENDERER = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' || e.name === 'test-support' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const unescape = (s: string) => s.replace(/\\(['"\\])/g, '$1');

/**
 * Literal keys in the UI source: `t('…')`, `i18nKey="…"`, and the string props the shared
 * components translate themselves (PageHeader title, Loading label, EmptyState title, Field and
 * Checkbox label/hint, the job form's Section title).
 */
export function literalKeys(source: string): string[] {
  const keys: string[] = [];
  // With a literal context (t('Open', { context: 'alert' })) the table holds the key as i18next looks it up: Open_alert.
  for (const m of source.matchAll(/\bt\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")(?:\s*,\s*\{\s*context:\s*'(\w+)')?/g)) {
    const key = unescape(m[1] ?? m[2] ?? '');
    keys.push(m[3] && key ? `${key}_${m[3]}` : key);
  }
  for (const m of source.matchAll(/\bi18nKey="([^"]*)"/g)) keys.push(m[1]!);
  for (const m of source.matchAll(/<(?:PageHeader|Loading|EmptyState|Field|Checkbox|Section)\b([^>]*)>/g)) {
    for (const p of m[1]!.matchAll(/\b(?:title|label|hint)=(?:"([^"]*)"|\{\s*'((?:[^'\\]|\\.)*)'\s*\})/g)) keys.push(unescape(p[1] ?? p[2] ?? ''));
  }
  return keys.filter((k) => k !== '');
}

describe('keys used in the UI source', () => {
  it('finds the literal keys it is meant to (so the check below cannot pass by finding none)', () => {
    const sample = `t('A'); t("B's"); t('Open', { context: 'alert' }); <Trans i18nKey="C <1>x</1>."/> <Field label="D" hint="E"> <PageHeader title="F" subtitle={x} /> <EmptyState title={'G'} /> <Loading label="H…" /> t(name)`;
    expect(literalKeys(sample)).toEqual(['A', "B's", 'Open_alert', 'C <1>x</1>.', 'D', 'E', 'F', 'G', 'H…']);
  });

  it('every literal key has a translation in both languages', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(RENDERER)) {
      for (const key of literalKeys(fs.readFileSync(file, 'utf8'))) {
        for (const [lang, table] of Object.entries(TABLES)) {
          if (!(key in table)) missing.push(`${lang}: ${JSON.stringify(key)} in ${path.relative(RENDERER, file)}`);
        }
      }
    }
    expect([...new Set(missing)], 'keys without a translation').toEqual([]);
  });
});
