import cronstrue from 'cronstrue';
import type { JobSchedule } from '../../src-shared/domain';
import { formatInZone } from './time';

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

/** The table shows thousands of rows; each distinct expression is put into words once. */
export function describeCron(cron: string): string {
  let words = cronWords.get(cron);
  if (words === undefined) {
    try {
      words = cronstrue.toString(expandCron(cron).toUpperCase().replace(/#L\b/g, 'L'), {
        use24HourTimeFormat: true,
        throwExceptionOnParseError: true,
      });
    } catch {
      words = cron;
    }
    cronWords.set(cron, words);
  }
  return words;
}

const UNITS = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
] as const;

export function describeInterval(everySeconds: number): string {
  const [size, unit] = UNITS.find(([s]) => everySeconds % s === 0) ?? UNITS[3];
  const n = everySeconds / size;
  return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
}

export function describeJobSchedule(s: JobSchedule): string {
  switch (s.type) {
    case 'cron':
      return s.cron ? describeCron(s.cron) : 'Cron';
    case 'interval':
      return s.everySeconds ? describeInterval(s.everySeconds) : 'Interval';
    case 'once':
      return s.at ? `Once, ${formatInZone(s.at, s.timezone)}` : 'Once';
    case 'manual':
      return 'Manual';
  }
}
