import { describe, expect, it } from 'vitest';
import { iso, isoString } from './json';

describe('isoString', () => {
  it('writes exactly what Date#toISOString writes', () => {
    const edges = [0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 946_684_800_000, 1_709_164_800_000, 1_709_251_199_999, 253_402_300_799_999];
    // A fixed walk over the whole range (every leap day and century rule gets visited), plus the edges.
    let x = 12_345;
    const walk = Array.from({ length: 50_000 }, () => (x = (x * 48_271) % 2_147_483_647) * 117_999 % 253_402_300_800_000);
    const differ = [...edges, ...walk].filter((ms) => isoString(ms) !== new Date(ms).toISOString());
    expect(differ).toEqual([]);
    expect(isoString(951_782_400_000)).toBe('2000-02-29T00:00:00.000Z');
  });

  it('leaves what it does not handle (before 1970, after 9999, fractions) to Date, which throws on nonsense as before', () => {
    for (const ms of [-1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15, 1.5]) expect(isoString(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
    expect(iso(null)).toBeNull();
    expect(iso(undefined)).toBeNull();
  });
});
