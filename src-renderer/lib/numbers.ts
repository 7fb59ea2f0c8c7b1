import { currentFormatLocale } from './time';

export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  // Single Claude runs often cost fractions of a cent, so small amounts keep four decimals.
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatTokens(n: number): string {
  if (n < 1_000) return String(n);
  if (n < 1_000_000) return `${(n / 1_000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** "50,000": a count with the UI language's digit grouping. */
export function formatCount(n: number): string {
  const locale = currentFormatLocale();
  let f = countFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    countFormats.set(locale, f);
  }
  return f.format(n);
}

/** "56.3 MB", or "512 bytes" with the word from `bytesWord`: the same figures the engine writes in its notes. */
export { formatBytes } from '../../src-shared/bytes';

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** "90s", "15m", "1h30m", "1h 30m", or plain seconds → seconds; null when it isn't one. */
export function parseDuration(text: string): number | null {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (compact === '') return null;
  if (/^\d+$/.test(compact)) return Number(compact);
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(compact);
  if (!m) return null;
  let seconds = 0;
  (['d', 'h', 'm', 's'] as const).forEach((unit, i) => {
    const amount = m[i + 1];
    if (amount !== undefined) seconds += Number(amount) * (DURATION_UNITS[unit] ?? 0);
  });
  return seconds;
}

/** The shortest exact "1h 30m" form of a number of seconds: the way every duration is written. */
export function durationText(seconds: number): string {
  let rest = Math.round(seconds);
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of Object.entries(DURATION_UNITS)) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${out ? ' ' : ''}${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
