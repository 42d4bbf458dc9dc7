import { z } from 'zod';

/** The bounds of every input, in one place (DESIGN.md: nothing unbounded reaches the database). */

/**
 * IDs are lower-cased: Postgres compares uuids case-insensitively but the loaders match rows to keys as strings, so an id in
 * upper case would find the row and still come back as "not found".
 */
export const uuid = z.guid({ message: 'must be a UUID' }).toLowerCase();
/** Postgres text and jsonb cannot hold U+0000; letting one through would fail the statement (a masked 500). */
const NUL = '\u0000';
const noNul = (value: string) => !value.includes(NUL);
const NO_NUL_MESSAGE = 'must not contain NUL characters';
/**
 * Nor can UTF-8 hold an unpaired surrogate (U+D800-U+DFFF alone, not valid Unicode): jsonb refuses one (a masked 500)
 * and text gets U+FFFD in its place, so that two different clientMessageIds would be taken for the same one.
 */
const wellFormed = (value: string) => !/\p{Cs}/u.test(value);
const NOT_WELL_FORMED_MESSAGE = 'must be valid Unicode (no unpaired surrogates)';
export const trimmedText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .max(max, { message: `must be at most ${max} characters` })
    .refine(noNul, { message: NO_NUL_MESSAGE })
    .refine(wellFormed, { message: NOT_WELL_FORMED_MESSAGE });
export const messageContent = trimmedText(1, 4000);
export const name = trimmedText(1, 100);
export const description = trimmedText(0, 1000);
export const spaceType = trimmedText(1, 50);
export const username = z
  .string()
  .regex(/^[a-z0-9_]{3,32}$/, { message: 'must be 3-32 characters of a-z, 0-9 and _' });
export const avatarUrl = z
  .string()
  .max(2048, { message: 'must be at most 2048 characters' })
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  .regex(/^https?:\/\/[^\s\u0000-\u001f\u007f]+$/, { message: 'must be an http(s) URL' })
  .refine(wellFormed, { message: NOT_WELL_FORMED_MESSAGE });
export const clientMessageId = trimmedText(1, 100);
export const pageSize = z
  .number()
  .int()
  .min(1, { message: 'must be between 1 and 100' })
  .max(100, { message: 'must be between 1 and 100' });
export const cursor = z.string().max(200, { message: 'is not a valid cursor' });
export const MAX_SETTINGS_BYTES = 16 * 1024;
/** Objects and arrays within objects and arrays: a JSON value nested 100,000 deep overflows the stack of a recursive walk. */
export const MAX_SETTINGS_DEPTH = 32;
/** Whether a JSON value nests deeper than `limit`, found without recursion. */
function jsonTooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
/** Whether every string and key in a JSON value passes `ok` (jsonb rejects U+0000 and unpaired surrogates). */
function jsonStringsAll(value: unknown, ok: (text: string) => boolean): boolean {
  if (typeof value === 'string') return ok(value);
  if (Array.isArray(value)) return value.every((item) => jsonStringsAll(item, ok));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).every(([key, item]) => ok(key) && jsonStringsAll(item, ok));
  }
  return true;
}
export const settings = z
  .record(z.string(), z.unknown(), { message: 'must be a JSON object' })
  .refine((value) => !jsonTooDeep(value, MAX_SETTINGS_DEPTH), {
    message: `must nest at most ${MAX_SETTINGS_DEPTH} levels deep`,
    abort: true,
  })
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_SETTINGS_BYTES, {
    message: `must be at most ${MAX_SETTINGS_BYTES / 1024} KB of JSON`,
    abort: true,
  })
  .refine((value) => jsonStringsAll(value, noNul), { message: NO_NUL_MESSAGE })
  .refine((value) => jsonStringsAll(value, wellFormed), { message: NOT_WELL_FORMED_MESSAGE });
export const MAX_MEMBER_IDS = 256;
export const memberIds = z.array(uuid).max(MAX_MEMBER_IDS, { message: `must hold at most ${MAX_MEMBER_IDS} ids` });
export const notificationIds = z.array(uuid).max(500, { message: 'must hold at most 500 ids' });
