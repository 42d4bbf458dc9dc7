import { sql, type Transaction } from 'kysely';
import type { Context } from '../context.ts';
import { reviveMessage, reviveProfile, toJson, type Json } from '../db/json-rows.ts';
import type { ConversationEventRow, ConversationEventType, Database, ProfileRow, ProfileSummary } from '../db/types.ts';
import type { LoadedMessage } from '../loaders/index.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';

export interface NewEvent {
  type: ConversationEventType;
  messageId?: string | null;
  userId?: string | null;
}

/**
 * What taking a conversation's next `count` sequence numbers does to its row, as the SET list of an UPDATE of
 * `conversations`: one definition for the helpers below and the one-statement writes (write-message.ts,
 * write-read-receipt.ts).
 */
export const takeSeqs = (count: number) => sql`last_seq = last_seq + ${count}, updated_at = now()`;

/** The same for a new message: its seq, its ordinal (the message count) and the conversation's activity time. */
export const takeMessageSeq = sql`last_seq = last_seq + 1, message_count = message_count + 1, updated_at = now(), last_activity_at = now()`;

/**
 * Takes the conversation's next `count` sequence numbers and returns the first. The row lock it takes is held until
 * commit, so within a conversation sequence order is commit order — what gap-free resume relies on.
 */
export async function reserveSeqs(
  trx: Transaction<Database>,
  conversationId: string,
  count: number,
): Promise<number> {
  const { last_seq } = firstRow(
    await sql<{ last_seq: number }>`
      update conversations set ${takeSeqs(count)} where id = ${conversationId} returning last_seq`.execute(trx),
    conversationId,
  );
  return last_seq - count + 1;
}

/**
 * The seq and ordinal of a new message (and its activity time), under the conversation's row lock. A transaction that
 * takes them must store the message or roll back: a committed count without its message would skew unread counts.
 */
export async function reserveMessage(
  trx: Transaction<Database>,
  conversationId: string,
): Promise<{ seq: number; ordinal: number }> {
  const row = firstRow(
    await sql<{ last_seq: number; message_count: number }>`
      update conversations set ${takeMessageSeq} where id = ${conversationId} returning last_seq, message_count`.execute(trx),
    conversationId,
  );
  return { seq: row.last_seq, ordinal: row.message_count };
}

/** Callers hold a conversation they have read: a missing row is a bug (or a conversation deleted meanwhile). */
function firstRow<Row>(result: { rows: Row[] }, conversationId: string): Row {
  const row = result.rows[0];
  if (!row) throw new Error(`conversation ${conversationId} not found while taking its sequence numbers`);
  return row;
}

/** Records events in the conversation's log, numbered from `firstSeq`; returns them for publishing after commit. */
export async function recordEvents(
  trx: Transaction<Database>,
  conversationId: string,
  firstSeq: number,
  events: NewEvent[],
): Promise<ConversationEventRow[]> {
  if (events.length === 0) return [];
  return trx
    .insertInto('conversation_events')
    .values(
      events.map((event, index) => ({
        conversation_id: conversationId,
        seq: firstSeq + index,
        type: event.type,
        message_id: event.messageId ?? null,
        user_id: event.userId ?? null,
      })),
    )
    .returningAll()
    .execute();
}

/** Takes sequence numbers and records the events in one go. */
export async function appendEvents(
  trx: Transaction<Database>,
  conversationId: string,
  events: NewEvent[],
): Promise<ConversationEventRow[]> {
  if (events.length === 0) return [];
  return recordEvents(trx, conversationId, await reserveSeqs(trx, conversationId, events.length), events);
}

/**
 * Only ever called after the transaction committed: a published event can always be read back. A sent message goes
 * with its message_added event.
 */
export function publishEvents(ctx: Pick<Context, 'pubsub'>, events: ConversationEventRow[], message?: LoadedMessage): void {
  for (const event of events) {
    const carried = message && event.type === 'message_added' && event.message_id === message.id ? message : undefined;
    ctx.pubsub.publish('conversation', event.conversation_id, toPayload(event, carried));
  }
}

/** The whole event travels (it is small), so a subscriber that is up to date needs no read to know what happened. */
export function toPayload(event: ConversationEventRow, message?: LoadedMessage): TopicPayloads['conversation'] {
  return {
    conversationId: event.conversation_id,
    seq: event.seq,
    type: event.type,
    messageId: event.message_id,
    userId: event.user_id,
    createdAt: event.created_at.toISOString(),
    ...(message && { message: messagePayload(message) }),
  };
}

function messagePayload({ sender_profile, ...row }: LoadedMessage): TopicPayloads['conversation']['message'] {
  return {
    ...toJson(row),
    ...(sender_profile && { sender_profile: toJson(sender_profile) as Json<ProfileRow> | Json<ProfileSummary> }),
  };
}

const eventsOfPayloads = new WeakMap<TopicPayloads['conversation'], ConversationEventRow>();
const sharedEvents = new WeakSet<object>();
const carriedMessages = new WeakMap<object, LoadedMessage>();

/** The message a live message_added event brought with it, if it did. */
export const carriedMessage = (event: object): LoadedMessage | undefined => carriedMessages.get(event);

/** Whether this object is a live event handed to every subscriber of this process (its execution can be shared). */
export const isSharedEvent = (event: object) => sharedEvents.has(event);

/** The same event object for every subscriber handed the same payload, so that they can share its execution. */
export function sharedEvent(payload: TopicPayloads['conversation']): ConversationEventRow {
  let event = eventsOfPayloads.get(payload);
  if (!event) {
    eventsOfPayloads.set(payload, (event = fromPayload(payload)));
    sharedEvents.add(event);
    if (payload.message) {
      const { sender_profile, ...row } = payload.message;
      const message: LoadedMessage = reviveMessage(row);
      if (sender_profile) message.sender_profile = reviveProfile(sender_profile);
      carriedMessages.set(event, message);
    }
  }
  return event;
}

function fromPayload(payload: TopicPayloads['conversation']): ConversationEventRow {
  return {
    conversation_id: payload.conversationId,
    seq: payload.seq,
    type: payload.type,
    message_id: payload.messageId,
    user_id: payload.userId,
    created_at: new Date(payload.createdAt),
  };
}

