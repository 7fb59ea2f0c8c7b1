import { expandCron } from '../../lib/schedule-words';

export const FIVE_FIELD_LABELS = ['Minute', 'Hour', 'Day of month', 'Month', 'Day of week'] as const;
export const SIX_FIELD_LABELS = ['Second', ...FIVE_FIELD_LABELS] as const;

/**
 * The builder's view of an expression: its fields, nicknames expanded. Anything that isn't 5 or 6
 * fields is padded or cut to 5, so the builder always has something to edit.
 */
export function splitCron(expr: string): string[] {
  const trimmed = expr.trim();
  if (trimmed === '') return ['', '', '', '', ''];
  const parts = expandCron(trimmed).split(' ');
  if (parts.length === 5 || parts.length === 6) return parts;
  return Array.from({ length: 5 }, (_, i) => parts[i] ?? '');
}

export function joinCron(parts: readonly string[]): string {
  return parts.map((p) => p.trim()).join(' ');
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface PresetTime {
  hour: number;
  minute: number;
}

export function parsePresetTime(text: string): PresetTime {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hour = m ? Math.min(23, Number(m[1])) : 9;
  const minute = m ? Math.min(59, Number(m[2])) : 0;
  return { hour, minute };
}

export interface CronPreset {
  /** The English label, also the React key. */
  label: string;
  /** The same label as a translation key and its values (the weekday still an English key). */
  text: [key: string, values?: Record<string, string | number>];
  cron: string;
}

export function cronPresets(timeText: string, weekday: number, dayOfMonth: number): CronPreset[] {
  const { hour, minute } = parsePresetTime(timeText);
  const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const day = WEEKDAY_NAMES[weekday] ?? 'Monday';
  return [
    { label: 'Every hour', text: ['Every hour'], cron: `${minute} * * * *` },
    { label: `Daily at ${at}`, text: ['Daily at {{at}}', { at }], cron: `${minute} ${hour} * * *` },
    { label: `Weekdays at ${at}`, text: ['Weekdays at {{at}}', { at }], cron: `${minute} ${hour} * * 1-5` },
    { label: `Weekly on ${day} at ${at}`, text: ['Weekly on {{weekday}} at {{at}}', { weekday: day, at }], cron: `${minute} ${hour} * * ${weekday}` },
    { label: `Monthly on day ${dayOfMonth} at ${at}`, text: ['Monthly on day {{day}} at {{at}}', { day: dayOfMonth, at }], cron: `${minute} ${hour} ${dayOfMonth} * *` },
  ];
}
