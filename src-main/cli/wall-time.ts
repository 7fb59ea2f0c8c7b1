/** Conversions between instants and what a clock on the wall in some IANA zone reads. */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(zone, format);
  }
  return format;
}

function partsAt(instant: number, zone: string): WallTime & { zoneName: string } {
  const parts: Record<string, string> = {};
  for (const part of formatFor(zone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    zoneName: parts.timeZoneName ?? zone,
  };
}

/** How far `zone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, zone: string): number {
  const p = partsAt(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `zone` shows `wall`. In a DST gap the time does not exist and the
 * result lands just after it; in a repeated hour the earlier of the two is used. Null when the
 * date itself is impossible (Feb 30) or the zone is unknown.
 */
export function wallTimeToInstant(wall: WallTime, zone: string): number | null {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== wall.year ||
    check.getUTCMonth() !== wall.month - 1 ||
    check.getUTCDate() !== wall.day ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  ) {
    return null;
  }
  try {
    // Two passes settle the offset on either side of a transition.
    const first = asUtc - offsetAt(asUtc, zone);
    const second = asUtc - offsetAt(first, zone);
    const shows = (instant: number) => {
      const p = partsAt(instant, zone);
      return p.year === wall.year && p.month === wall.month && p.day === wall.day && p.hour === wall.hour && p.minute === wall.minute && p.second === wall.second;
    };
    const exact = [first, second].filter(shows);
    // Neither shows the time: it falls in a DST gap, so take the later reading, past the gap.
    return exact.length ? Math.min(...exact) : Math.max(first, second);
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-01 09:00 GMT+8" — seconds only when they are not zero. */
export function formatWallTime(instant: number, zone: string): string {
  try {
    const p = partsAt(instant, zone);
    const seconds = p.second ? `:${pad(p.second)}` : '';
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}${seconds} ${p.zoneName}`;
  } catch {
    return new Date(instant).toISOString();
  }
}
