/**
 * Short clock texts for the tray and notifications ("03:15", "Tue 03:15"), in the machine's zone
 * unless told otherwise (tests pass one so they do not depend on where they run).
 */
export interface ClockOptions {
  timeZone?: string | undefined;
}

const dayKey = (ms: number, timeZone: string | undefined) =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(ms);

/** HH:MM, prefixed with the weekday when it is not today. */
export function formatClock(at: string | number, now: number, options: ClockOptions = {}): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  const tz = options.timeZone;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(tz ? { timeZone: tz } : {}) }).format(ms);
  if (dayKey(ms, tz) === dayKey(now, tz)) return time;
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', ...(tz ? { timeZone: tz } : {}) }).format(ms);
  return `${weekday} ${time}`;
}

/** "45s", "3m 20s", "2h 14m". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
