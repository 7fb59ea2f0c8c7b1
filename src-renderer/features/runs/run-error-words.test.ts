import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { runErrorWords } from './run-error-words';

afterEach(() => i18n.changeLanguage('en'));

describe('why a run ended, in the UI language', () => {
  it('keeps the engine’s English as recorded', () => {
    expect(runErrorWords('The command exited with code 2')).toBe('The command exited with code 2');
  });

  it('says the known outcomes in Chinese with their figures, and leaves anything else as recorded', async () => {
    await i18n.changeLanguage('zh-TW');
    expect(runErrorWords('The command exited with code 2')).toBe('指令以代碼 2 結束');
    expect(runErrorWords('Timed out after 30m; the process group was killed')).toBe('30m 後逾時；已終止該行程群組');
    expect(runErrorWords('Claude CLI not found: install it, or set its path in Settings (or CNP_CLAUDE_PATH)')).toBe('找不到 Claude CLI：請安裝，或在設定或 CNP_CLAUDE_PATH 中指定路徑');
    expect(runErrorWords('upstream run #4 failed')).toBe('upstream run #4 failed');
    await i18n.changeLanguage('zh-CN');
    expect(runErrorWords('Cancelled by the user')).toBe('已由用户取消');
  });

});
