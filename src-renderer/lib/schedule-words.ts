import cronstrue from 'cronstrue';
import type { JobSchedule } from '../../src-shared/domain';
import { i18n } from '../i18n';
import { currentFormatLocale, formatInZone } from './time';

const cronWords = new Map<string, string>();

const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** "@daily" as five fields; anything else trimmed to single spaces. */
export function expandCron(cron: string): string {
  const trimmed = cron.trim();
  return NICKNAMES[trimmed.toLowerCase()] ?? trimmed.split(/\s+/).join(' ');
}

/** cronstrue's name for the UI language (it ships zh_TW and zh_CN; the locales register on import in i18n). */
const cronLocale = (): string => {
  const l = currentFormatLocale();
  return l === 'zh-TW' ? 'zh_TW' : l === 'zh-CN' ? 'zh_CN' : 'en';
};

/** The table shows thousands of rows; each distinct expression is put into words once per language. */
export function describeCron(cron: string): string {
  const locale = cronLocale();
  const key = `${locale}\u0000${cron}`;
  let words = cronWords.get(key);
  if (words === undefined) {
    try {
      words = cronstrue.toString(expandCron(cron).toUpperCase().replace(/#L\b/g, 'L'), {
        use24HourTimeFormat: true,
        throwExceptionOnParseError: true,
        locale,
      });
    } catch {
      words = cron;
    }
    cronWords.set(key, words);
  }
  return words;
}

const UNITS = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
] as const;

/** The sentences whole, one per unit, so each language words them its own way. */
const EVERY: Record<(typeof UNITS)[number][1], [one: string, many: string]> = {
  day: ['Every day', 'Every {{count}} days'],
  hour: ['Every hour', 'Every {{count}} hours'],
  minute: ['Every minute', 'Every {{count}} minutes'],
  second: ['Every second', 'Every {{count}} seconds'],
};

export function describeInterval(everySeconds: number): string {
  const [size, unit] = UNITS.find(([s]) => everySeconds % s === 0) ?? UNITS[3];
  const n = everySeconds / size;
  const [one, many] = EVERY[unit];
  return n === 1 ? i18n.t(one) : i18n.t(many, { count: n });
}

export function describeJobSchedule(s: JobSchedule): string {
  switch (s.type) {
    case 'cron':
      return s.cron ? describeCron(s.cron) : i18n.t('Cron');
    case 'interval':
      return s.everySeconds ? describeInterval(s.everySeconds) : i18n.t('Interval');
    case 'once':
      return s.at ? i18n.t('Once, {{time}}', { time: formatInZone(s.at, s.timezone) }) : i18n.t('Once');
    case 'manual':
      return i18n.t('Manual');
  }
}
