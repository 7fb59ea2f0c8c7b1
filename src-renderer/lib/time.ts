/** Display helpers. Instants arrive as ISO UTC strings; zones only matter for what is shown. */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The UI language, for weekday names and relative times; digits and order stay the same everywhere. */
let formatLocale = 'en';
export function setFormatLocale(locale: string): void {
  formatLocale = locale;
}
export const currentFormatLocale = (): string => formatLocale;

function weekday(instant: number, zone: string | undefined): string {
  const key = `weekday:${formatLocale}:${zone ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(formatLocale, { ...(zone ? { timeZone: zone } : {}), weekday: 'short' });
    formats.set(key, f);
  }
  return f.format(instant);
}

function format(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', options);
    formats.set(key, f);
  }
  return f;
}

function partsIn(instant: number, zone: string | undefined): Record<string, string> {
  const f = format(`parts:${zone ?? ''}`, {
    ...(zone ? { timeZone: zone } : {}),
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    // 'h23': some ICU versions render midnight as "24" with hour12: false.
    hourCycle: 'h23',
  });
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  return parts;
}

export function isValidZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The one time format (tables, details, logs): "Mon 2026-12-07 09:00 Asia/Taipei", the wall clock
 * in `zone` (the viewer's zone when omitted), always followed by that zone's name.
 */
export function formatInZone(instant: string | number, zone?: string, opts: { seconds?: boolean; withZone?: boolean } = {}): string {
  const t = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(t)) return '—';
  const p = partsIn(t, zone);
  const clock = `${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''}`;
  const text = `${weekday(t, zone)} ${p.year}-${p.month}-${p.day} ${clock}`;
  return opts.withZone === false ? text : `${text} ${zone ?? localZone()}`;
}

/** "09:30 Europe/London": a time of day today, in the viewer's zone. */
export function formatClock(instant: string | number, opts: { seconds?: boolean } = {}): string {
  const t = typeof instant === 'number' ? instant : Date.parse(instant);
  const p = partsIn(t, undefined);
  return `${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''} ${localZone()}`;
}

/** "2h 14m", "3m 05s", "45s": a countdown or an elapsed time. */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "in 3h", "12m ago", "now": coarse, for tables. Other languages through Intl.RelativeTimeFormat. */
export function formatRelative(instant: string | number, now: number): string {
  const t = typeof instant === 'number' ? instant : Date.parse(instant);
  const diff = t - now;
  const abs = Math.abs(diff);
  if (formatLocale !== 'en') {
    let rtf = relativeFormats.get(formatLocale);
    if (!rtf) {
      rtf = new Intl.RelativeTimeFormat(formatLocale, { numeric: 'auto', style: 'narrow' });
      relativeFormats.set(formatLocale, rtf);
    }
    const sign = diff >= 0 ? 1 : -1;
    if (abs < 45_000) return rtf.format(0, 'second');
    if (abs >= 86_400_000) return rtf.format(sign * Math.round(abs / 86_400_000), 'day');
    if (abs >= 3_600_000) return rtf.format(sign * Math.round(abs / 3_600_000), 'hour');
    return rtf.format(sign * Math.round(abs / 60_000), 'minute');
  }
  if (abs < 45_000) return diff >= 0 ? 'in a moment' : 'just now';
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
  ];
  const [size, unit] = units.find(([u]) => abs >= u) ?? [60_000, 'm'];
  const n = Math.round(abs / size);
  return diff >= 0 ? `in ${n}${unit}` : `${n}${unit} ago`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatSpan(ms);
}

/** Wall-clock fields of a `datetime-local` input, read in `zone`, as an ISO instant. */
export function zonedInputToIso(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m || !isValidZone(zone)) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0);
  // The zone's offset at a guess, then again at the corrected instant: right on both sides of DST.
  let instant = wall - offsetAt(wall, zone);
  instant = wall - offsetAt(instant, zone);
  return new Date(instant).toISOString();
}

/** The other way: an instant as `datetime-local` text in `zone`. */
export function isoToZonedInput(iso: string, zone: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t) || !isValidZone(zone)) return '';
  const p = partsIn(t, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function offsetAt(instant: number, zone: string): number {
  const p = partsIn(instant, zone);
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}
