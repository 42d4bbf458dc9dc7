import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from '../src/db/parse-timestamptz.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A timestamptz as Postgres writes it (DateStyle ISO) at a given UTC offset in seconds, with `fraction` digits of seconds. */
function postgresText(instant: number, offsetSeconds: number, fraction: string): string {
  const local = new Date(instant + offsetSeconds * 1000);
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60];
  const offset = `${sign}${pad(h)}${m || s ? `:${pad(m)}` : ''}${s ? `:${pad(s)}` : ''}`;
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(
    local.getUTCMinutes(),
  )}:${pad(local.getUTCSeconds())}${fraction}${offset}`;
}

// Every timestamptz read from Postgres goes through parseTimestamptz: it must give the instant new Date(text) gives.
describe('timestamptz parsing', () => {
  it('reads the instant Postgres wrote, at any offset (to the second) and precision, truncated to milliseconds', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const first = Date.UTC(1001, 0, 2);
    const last = Date.UTC(9998, 11, 30);
    const offsets = [0, 3600, -3600, 19_800, -34_200, 20_700, 3_723, -50_400, 50_400];
    for (let i = 0; i < 20_000; i += 1) {
      const seconds = Math.floor((first + random() * (last - first)) / 1000) * 1000;
      const digits = Math.floor(random() * 7);
      const micros = pad(Math.floor(random() * 1_000_000), 6).slice(0, digits);
      const text = postgresText(seconds, offsets[i % offsets.length]!, digits ? `.${micros}` : '');
      const expected = seconds + Math.floor(Number(micros.padEnd(6, '0')) / 1000);
      expect(parseTimestamptz(text).getTime(), text).toBe(expected);
      // new Date(text), what the driver used, agrees wherever it reads the offset (not to the second: NaN).
      if (!/:\d\d:\d\d$/.test(text.slice(-9))) expect(parseTimestamptz(text).getTime(), text).toBe(new Date(text).getTime());
    }
  });

  it('reads the edges of days, months and leap years', () => {
    for (const text of [
      '2024-02-29 23:59:59.999999+00',
      '2000-02-29 00:00:00+00',
      '1970-01-01 00:00:00+00',
      '1969-12-31 23:59:59.5+00',
      '2026-12-31 23:59:59.999-14',
      '2026-01-01 00:00:00.001+14',
      '1000-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999999+00',
    ]) {
      expect(parseTimestamptz(text).getTime(), text).toBe(new Date(text).getTime());
    }
  });

  it('leaves what is not ISO output to new Date, as the driver did', () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 00:00:00+00 BC', '0999-12-31 23:59:59+00', 'Sat Dec 05 2026', '2026-12-05T15:21:11Z']) {
      expect(String(parseTimestamptz(text).getTime()), text).toBe(String(new Date(text).getTime()));
    }
  });
});
