import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { keepWithin } from '../id-list-cache.ts';

/** The most members a message notifies (the job's bound; a conversation of more tells the first ones). */
export const MAX_NOTIFIED_MEMBERS = 10_000;

/** Lists at least this long are kept between messages; shorter ones cost no more to read than to check. */
const KEEP_FROM = 100;
/** Member ids kept in all, over every conversation (about 40 bytes each). */
const MAX_KEPT_IDS = 1_000_000;

interface Kept {
  ids: string[];
  /** The conversation's last seq when the list was known to be current. */
  asOfSeq: number;
}

const perDatabase = new WeakMap<Db, Map<string, Kept>>();

/**
 * The member ids of a conversation, for the notification job, which needs all of them for every message: in a channel
 * of thousands that is thousands of rows per message. Long lists are kept, and each use checks in one small statement
 * that no member joined or left since (every such change is a conversation event with a sequence number; see
 * conversations.ts), reading the list again only when one did.
 */
export async function conversationMemberIds(db: Db, conversationId: string): Promise<string[]> {
  let kept = perDatabase.get(db);
  if (!kept) perDatabase.set(db, (kept = new Map()));
  const entry = kept.get(conversationId);
  if (entry) {
    const check = await sql<{ last_seq: number; changed: boolean }>`
      select c.last_seq, exists (
          select 1 from conversation_events e
          where e.conversation_id = c.id and e.seq > ${entry.asOfSeq} and e.type in ('member_joined', 'member_left')
        ) as changed
      from conversations c where c.id = ${conversationId}`.execute(db);
    const row = check.rows[0];
    kept.delete(conversationId);
    if (row && !row.changed) {
      // Most recently used last: the first entries are the ones to drop when the cache is full.
      entry.asOfSeq = row.last_seq;
      kept.set(conversationId, entry);
      return entry.ids;
    }
  }
  // The list and the seq it is current at, from one snapshot.
  const result = await sql<{ last_seq: number | null; ids: string | null }>`
    select (select last_seq from conversations where id = ${conversationId}) as last_seq,
      (select string_agg(m.user_id::text, ',') from (
        select user_id from conversation_members where conversation_id = ${conversationId}
        order by joined_at, user_id limit ${MAX_NOTIFIED_MEMBERS + 1}
      ) m) as ids`.execute(db);
  const row = result.rows[0];
  const ids = row?.ids ? row.ids.split(',') : [];
  if (row?.last_seq != null && ids.length >= KEEP_FROM) keepWithin(kept, conversationId, { ids, asOfSeq: row.last_seq }, MAX_KEPT_IDS);
  return ids;
}
