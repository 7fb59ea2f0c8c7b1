import type { Page } from '@playwright/test';
import { api, waitForRun } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';

/**
 * The runs pages, the run log and the job editor in Chinese: found by their Chinese accessible
 * names, so an English string left in any of them fails here.
 */

/** The language is the window's own choice (localStorage), set before the app starts. */
const useLanguage = (page: Page, lang: 'zh-TW' | 'zh-CN') => page.addInitScript((l) => localStorage.setItem('cnp.language', l), lang);
const open = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

test('in 繁體中文: the runs list, a failed shell run and a Claude run with its log', async ({ page, request, served }) => {
  const shell = await api<{ id: number }>(request, served, 'jobs.create', { name: 'backup', kind: 'shell', command: 'echo "No space left" >&2; exit 2', schedule: { type: 'manual', timezone: 'UTC' } });
  const claude = await api<{ id: number }>(request, served, 'jobs.create', { name: 'review', kind: 'claude', prompt: 'Review', schedule: { type: 'manual', timezone: 'UTC' } });
  const failed = await api<{ id: number }>(request, served, 'jobs.runNow', { id: shell.id });
  const answered = await api<{ id: number }>(request, served, 'jobs.runNow', { id: claude.id });
  await waitForRun(request, served, failed.id);
  await waitForRun(request, served, answered.id);
  await useLanguage(page, 'zh-TW');
  await page.goto(served.url);

  await open(page, '#/runs');
  await expect(page.getByRole('heading', { level: 1, name: '執行紀錄' })).toBeVisible();
  await expect(page.getByText('2 次執行', { exact: true })).toBeVisible();
  for (const filter of ['工作', '狀態', '觸發方式']) await expect(page.getByRole('combobox', { name: filter })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '觸發方式' }).getByRole('option', { name: '任何觸發方式' })).toBeAttached();
  for (const column of ['執行', '觸發方式', '排定時間', '開始', '耗時', '費用']) await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'backup' })).toContainText('手動');

  await open(page, `#/runs/${failed.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`執行 #${failed.id}`);
  await expect(page.getByRole('button', { name: '重試' })).toBeEnabled();
  await expect(page.getByRole('button', { name: '取消' })).toBeDisabled();
  await expect(page.getByRole('link', { name: '所有執行紀錄' })).toBeVisible();
  // Why it ended: the engine's English, said in Chinese.
  await expect(page.locator('.alert').filter({ hasText: '錯誤：' })).toHaveText('錯誤：指令以代碼 2 結束');
  for (const term of ['觸發方式', '完成', '結束代碼', '權杖', '模型', '回合數', '工作階段 ID']) await expect(page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) })).toBeVisible();
  const log = page.getByRole('region', { name: '即時日誌' });
  await expect(log.getByRole('log', { name: '日誌輸出' })).toContainText('No space left');

  await open(page, `#/runs/${answered.id}`);
  await expect(log).toContainText('Hello from fake claude');
  // The engine's and Claude's notes, worded in Chinese from their data.
  await expect(log).toContainText('Claude 已啟動：模型');
  await expect(log.getByText('完成', { exact: true })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^輸入 \S+ · 輸出 \S+/ })).toBeVisible();
});

test('in 繁體中文: the drop marker of a 100,000-line run says what was not kept', async ({ page, request, served }) => {
  const job = await api<{ id: number }>(request, served, 'jobs.create', { name: 'count', kind: 'shell', command: 'seq 1 100000', schedule: { type: 'manual', timezone: 'UTC' } });
  const run = await api<{ id: number }>(request, served, 'jobs.runNow', { id: job.id });
  await waitForRun(request, served, run.id);
  await useLanguage(page, 'zh-TW');
  await page.goto(served.url);
  await open(page, `#/runs/${run.id}`);
  const log = page.getByRole('region', { name: '即時日誌' });
  await expect(log.getByText('100000', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('此日誌不完整', { exact: false })).toBeVisible();
  await log.getByRole('checkbox', { name: '跟隨' }).uncheck();
  await log.getByRole('searchbox', { name: '搜尋日誌' }).fill('此處省略');
  await expect(log.getByRole('note').filter({ hasText: '此處省略' })).toHaveText(/^✂ 未保留：此處省略了 50,000 行（.+）：這次執行的輸出超過 .+ 上限，只保留開頭與結尾$/);
  await expect(log.getByRole('note').filter({ hasText: '輸出截斷' })).toHaveText(/^✂ 輸出截斷：輸出已超過這次執行保留的前 .+；之後的內容會被截斷，執行結束時保留最後的 .+$/);
  await expect(log.getByText('第 1 個，共 1 個相符')).toBeVisible();
});

test('in 简体中文: the job editor names its sections and fields and says what to fix', async ({ page, served }) => {
  await useLanguage(page, 'zh-CN');
  await page.goto(served.url);
  await open(page, '#/jobs/new');
  const form = page.getByRole('form', { name: '新建任务' });
  for (const section of ['基本', '计划', '在前置任务之后运行', '执行', 'Claude 选项', '通知']) await expect(form.getByRole('group', { name: section, exact: true })).toBeVisible();
  for (const field of ['名称', '类型', '提示词', '计划类型', '时区', '优先级', '超时', '重试次数', '退避方式', '重叠策略', '补运行策略', '工作目录', '模型', '最多轮数', '权限模式', '允许的工具']) {
    await expect(form.getByLabel(field, { exact: true })).toBeVisible();
  }
  await expect(form.getByRole('checkbox', { name: '跳过权限确认' })).toBeVisible();
  await expect(form.getByRole('button', { name: '添加变量' })).toBeVisible();

  await form.getByLabel('超时', { exact: true }).fill('banana');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByLabel('名称', { exact: true })).toBeFocused();
  await expect(form.getByRole('alert').filter({ hasText: '请为任务命名。' })).toBeVisible();
  await expect(form.getByRole('alert').filter({ hasText: '请以时长填写超时，例如 90s、15m、2h 或 1h 30m，或留空使用默认值。' })).toBeVisible();

  await form.getByLabel('类型', { exact: true }).selectOption({ label: 'HTTP 请求' });
  await form.getByLabel('预期状态码', { exact: true }).fill('700');
  await expect(form.getByRole('alert').filter({ hasText: '“700”不是 HTTP 状态码；请使用 100 到 599 的数字。' })).toBeVisible();
  await form.getByLabel('计划类型', { exact: true }).selectOption({ label: '间隔' });
  await form.getByLabel('间隔', { exact: true }).fill('15m');
  await expect(form.getByText('每 15 分钟', { exact: true })).toBeVisible();
});
