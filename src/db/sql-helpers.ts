import { sql, type RawBuilder } from 'kysely';

/** `= any($1::uuid[])`: one statement, one parameter, whatever the number of ids (same text on every batch size). */
export function anyUuid(ids: readonly string[]): RawBuilder<string> {
  return sql<string>`any(${[...ids]}::uuid[])`;
}

/**
 * JSON for a jsonb column: both drivers take the text and Postgres casts it. The parameter is typed text on purpose:
 * typed jsonb, postgres.js runs its own JSON.stringify over the string and the column gets a JSON string instead of
 * the object.
 */
export function jsonb(value: unknown): RawBuilder<string> {
  return sql<string>`${JSON.stringify(value)}::text::jsonb`;
}

/** A timestamptz column as ISO-8601 text with microseconds, so that a cursor made from it sorts exactly where its row does. */
export function microsecondTimestamp(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows after a (timestamp, id) keyset cursor in newest-first order: `(time, id) < (cursor time, cursor id)`. */
export function olderThan(timeColumn: string, idColumn: string, cursor: readonly [string, string]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`;
}
