import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/serve';
import { screenshot } from '../fixtures/screenshots';

/**
 * With no stored choice the UI follows the browser's language (zh-TW for Traditional, zh-CN for
 * Simplified, English otherwise); a choice made in Settings outlives a reload, and "System default"
 * hands the decision back to the browser.
 */

/** What each language calls the main navigation, the Jobs link and the Language field. */
const WORDS = {
  en: { main: 'Main', jobs: 'Jobs', settings: 'Settings', language: 'Language' },
  'zh-CN': { main: '主菜单', jobs: '定时任务', settings: '设置', language: '语言' },
  'zh-TW': { main: '主選單', jobs: '排程工作', settings: '設定', language: '語言' },
} as const;
type Lang = keyof typeof WORDS;

async function expectLanguage(page: Page, lang: Lang) {
  const w = WORDS[lang];
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.getByRole('navigation', { name: w.main }).getByRole('link', { name: w.jobs, exact: true })).toBeVisible();
  // The start page is Jobs: its heading is in the same language as the navigation.
  await expect(page.getByRole('heading', { level: 1, name: w.jobs })).toBeVisible();
}

for (const [locale, lang] of [['zh-CN', 'zh-CN'], ['zh-TW', 'zh-TW'], ['en-US', 'en']] as const) {
  test.describe(`a browser in ${locale}`, () => {
    test.use({ locale });

    test(`with no stored choice shows the UI in ${lang}`, async ({ page, served }) => {
      await page.goto(served.url);
      await expectLanguage(page, lang);
      expect(await page.evaluate(() => localStorage.getItem('cnp.language'))).toBeNull();
      if (locale === 'zh-CN') await screenshot(page, 'jobs-zh-CN');
    });
  });
}

test.describe('a choice in Settings', () => {
  test.use({ locale: 'zh-CN' });

  test('persists across a reload, and System default returns to the browser language', async ({ page, served }) => {
    await page.goto(served.url);
    await expectLanguage(page, 'zh-CN');

    const choose = async (from: Lang, option: string, to: Lang) => {
      await page.getByRole('navigation', { name: WORDS[from].main }).getByRole('link', { name: WORDS[from].settings, exact: true }).click();
      await page.getByLabel(WORDS[from].language, { exact: true }).selectOption({ label: option });
      await expect(page.locator('html')).toHaveAttribute('lang', to);
      // Back to the start page so the check after the reload sees the same page.
      await page.getByRole('navigation', { name: WORDS[to].main }).getByRole('link', { name: WORDS[to].jobs, exact: true }).click();
      await expectLanguage(page, to);
      await page.reload();
      await expectLanguage(page, to);
    };

    await choose('zh-CN', 'English', 'en');
    await choose('en', '繁體中文', 'zh-TW');
    // The stored choice goes away: the browser's zh-CN decides again.
    await choose('zh-TW', '跟隨系統', 'zh-CN');
    expect(await page.evaluate(() => localStorage.getItem('cnp.language'))).toBeNull();
  });
});
