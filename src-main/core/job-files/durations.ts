import { parseDuration } from '../scheduler/schedule';

const UNITS: [suffix: string, seconds: number][] = [
  ['d', 86_400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * Whole seconds as the shortest exact duration text (`90` → `1m30s`, `3600` → `1h`), the form
 * people write and `parseDuration` reads back; fractions stay numbers so nothing is rounded.
 */
export function formatDuration(seconds: number): string | number {
  if (!Number.isSafeInteger(seconds) || seconds < 0) return seconds;
  if (seconds === 0) return '0s';
  let rest = seconds;
  let text = '';
  for (const [suffix, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      text += `${n}${suffix}`;
      rest -= n * size;
    }
  }
  return text;
}

/** A duration as a file may give it: seconds as a number, or text such as `90s`, `15m`, `1h30m`. */
export function durationToSeconds(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return parseDuration(trimmed);
}

/** The pattern a duration text must match; shared with the JSON Schema so editors warn early. */
export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?|(\\d+d)?\\s*(\\d+h)?\\s*(\\d+m)?\\s*(\\d+s)?)\\s*$';
