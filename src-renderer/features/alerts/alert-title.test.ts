import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { alertTitle } from './alert-title';

const alert = (kind: string, runIds: number[], jobName: string | null = 'backup') => ({ kind, jobName, runIds, title: 'stored sentence' }) as Parameters<typeof alertTitle>[1];

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('alert titles in the reader’s language', () => {
  it('words English exactly as the engine stores it', () => {
    const t = i18n.t.bind(i18n);
    expect(alertTitle(t, alert('consecutive_failures', [5, 6, 7]))).toBe('"backup" failed 3 times in a row');
    expect(alertTitle(t, alert('consecutive_failures', [5]))).toBe('"backup" failed');
    expect(alertTitle(t, alert('scheduler_stalled', [], null))).toBe('The scheduler has stalled');
  });

  it('words every known kind in zh-TW and zh-CN, and keeps the stored sentence for an unknown kind', async () => {
    await i18n.changeLanguage('zh-TW');
    const t = i18n.t.bind(i18n);
    expect(alertTitle(t, alert('consecutive_failures', [5, 6, 7]))).toBe('「backup」連續失敗 3 次');
    expect(alertTitle(t, alert('consecutive_failures', [5]))).toBe('「backup」失敗');
    expect(alertTitle(t, alert('claude_auth', [5], null))).toBe('Claude 尚未登入');
    expect(alertTitle(t, alert('cooldown', [], null))).toBe('Claude 用量上限：執行正在等待');
    expect(alertTitle(t, alert('a_kind_from_a_newer_engine', [], null))).toBe('stored sentence');
    await i18n.changeLanguage('zh-CN');
    expect(alertTitle(i18n.t.bind(i18n), alert('usage_limit', [], null))).toBe('Claude 的花费或额度上限需要你处理');
    expect(alertTitle(i18n.t.bind(i18n), alert('scheduler_stalled', [], null))).toBe('调度器已停滞');
  });
});
