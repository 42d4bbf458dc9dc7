import { describe, expect, it } from 'vitest';
import { formatIsoDateTime } from '../src/schema/iso-date-time.ts';

// DateTime values reach clients through formatIsoDateTime: every instant must read exactly as toISOString writes it.
describe('DateTime serialisation', () => {
  it('writes the same text as toISOString for instants across years 1000–9999', () => {
    const first = Date.UTC(1000, 0, 1);
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i += 1) {
      const date = new Date(first + Math.floor(random() * (last - first)));
      expect(formatIsoDateTime(date)).toBe(date.toISOString());
    }
  });

  it('writes the edges of days, months, leap years and its range like toISOString', () => {
    const instants = [
      0,
      -1,
      Date.UTC(1000, 0, 1),
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 12, 0, 0, 5),
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      Date.UTC(-1, 0, 1),
      8.64e15,
      -8.64e15,
    ];
    for (const instant of instants) {
      const date = new Date(instant);
      expect(formatIsoDateTime(date), date.toISOString()).toBe(date.toISOString());
    }
  });

  it('rejects an invalid date as toISOString does', () => {
    expect(() => formatIsoDateTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
