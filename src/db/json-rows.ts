import { sql, type RawBuilder } from 'kysely';
import type { ConversationMemberRow, MessageRow, ProfileRow, ProfileSummary, ProfileView } from './types.ts';

/**
 * Rows that travel inside another row's result as JSON (`to_json(p)`), so that a page and the profiles it shows come back
 * in one statement. JSON carries timestamps as text: these turn them back into the Dates the row types promise.
 */
export type Json<Row> = { [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K] };

/** postgres.js parses json columns; PGlite may hand back the text. */
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

const date = (text: string) => new Date(text);
const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

/** A profile (whole, or a summary without timestamps) back from JSON. */
export function reviveProfile(value: Json<ProfileRow> | Json<ProfileSummary> | string): ProfileView {
  const json = parsed(value);
  if (!('created_at' in json)) return json;
  return { ...json, last_seen_at: dateOrNull(json.last_seen_at), created_at: date(json.created_at), updated_at: date(json.updated_at) };
}


/** The JSON of a row as it travels over pub/sub (Dates as ISO strings). */
export function toJson<Row extends object>(row: Row): Json<Row> {
  return JSON.parse(JSON.stringify(row)) as Json<Row>;
}

export function reviveMessage(json: Json<MessageRow>): MessageRow {
  return {
    ...json,
    edited_at: dateOrNull(json.edited_at),
    deleted_at: dateOrNull(json.deleted_at),
    created_at: date(json.created_at),
  };
}

export function reviveMember(value: Json<ConversationMemberRow> | string): ConversationMemberRow {
  const json = parsed(value);
  return {
    conversation_id: json.conversation_id,
    user_id: json.user_id,
    role: json.role,
    last_read_seq: json.last_read_seq,
    last_read_at: dateOrNull(json.last_read_at),
    joined_at: date(json.joined_at),
  };
}

/** `to_json(<alias>)`: the whole row of a table in the FROM list, as one JSON value. */
export function rowJson<Row>(alias: string): RawBuilder<Json<Row> | string> {
  return sql<Json<Row> | string>`to_json(${sql.table(alias)})`;
}
