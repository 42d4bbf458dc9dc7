const ZERO = 48;

/** The number written by `length` ASCII digits at `start`, or NaN if one of them is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * A timestamptz as Postgres writes it in text (DateStyle ISO: `2026-12-05 15:21:11.593456+00`, the offset as `±HH`,
 * `±HH:MM` or `±HH:MM:SS`) to a Date, truncated to milliseconds like `new Date(text)`, in about a fifth of its time:
 * V8 reads that text with its legacy parser (~200 ns), and a conversation list reads ~2,000 `joined_at` values. Any
 * other text (`infinity`, years before 1000 or after 9999, BC, another DateStyle) goes to `new Date(text)`, as the
 * driver's own parser does.
 */
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) return new Date(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  let at = 19;
  let milliseconds = 0;
  if (text.charCodeAt(at) === 46) {
    let end = at + 1;
    while (end < length && text.charCodeAt(end) >= ZERO && text.charCodeAt(end) <= ZERO + 9) end += 1;
    const fraction = end - at - 1;
    if (fraction < 1 || fraction > 6) return new Date(text);
    milliseconds = fraction >= 3 ? digits(text, at + 1, 3) : digits(text, at + 1, fraction) * (fraction === 1 ? 100 : 10);
    at = end;
  }
  const sign = text.charCodeAt(at);
  const rest = length - at - 1;
  if ((sign !== 43 && sign !== 45) || !(rest === 2 || rest === 5 || rest === 8)) return new Date(text);
  let offset = digits(text, at + 1, 2) * 3600;
  if (rest >= 5) offset += text.charCodeAt(at + 3) === 58 ? digits(text, at + 4, 2) * 60 : Number.NaN;
  if (rest === 8) offset += text.charCodeAt(at + 6) === 58 ? digits(text, at + 7, 2) : Number.NaN;
  // Postgres writes only real dates and times; anything out of these ranges is not its ISO output.
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hours <= 23 && minutes <= 59 && seconds <= 59 && offset >= 0)) {
    return new Date(text);
  }
  const local = ((daysFromCivil(year, month, day) * 24 + hours) * 60 + minutes) * 60 + seconds;
  return new Date((local - (sign === 43 ? offset : -offset)) * 1000 + milliseconds);
}
