import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { describeJobSchedule } from './schedule-words';

afterEach(() => i18n.changeLanguage('en'));

describe('schedules in words', () => {
  it('words interval schedules in the UI language, English unchanged', async () => {
    expect(describeJobSchedule({ type: 'interval', everySeconds: 900, timezone: 'UTC' })).toBe('Every 15 minutes');
    expect(describeJobSchedule({ type: 'interval', everySeconds: 3600, timezone: 'UTC' })).toBe('Every hour');
    await i18n.changeLanguage('zh-CN');
    expect(describeJobSchedule({ type: 'interval', everySeconds: 900, timezone: 'UTC' })).toBe('每 15 分钟');
  });
});
