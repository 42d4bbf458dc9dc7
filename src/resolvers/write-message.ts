import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { ConversationEventRow, MessageRow, MessageType, ProfileSummary } from '../db/types.ts';
import { JOB_TYPES } from '../jobs/definitions.ts';
import type { QueuedJob } from '../jobs/queue.ts';
import type { LoadedMessage } from '../loaders/index.ts';
import { takeMessageSeq } from './events.ts';

export interface MessageToWrite {
  conversationId: string;
  senderId: string;
  content: string;
  type: MessageType;
  replyToId: string | null;
  clientMessageId: string | null;
}

export interface WrittenMessage {
  /** With its sender's summary. */
  message: LoadedMessage;
  /** Its `message_added` event, to publish. */
  event: ConversationEventRow;
  /** Its notification job, whose row was written with it, to queue. */
  notificationJob: QueuedJob;
}

type WrittenRow = MessageRow & {
  event_created_at: Date;
  job_id: string;
  sender_username: string;
  sender_full_name: string | null;
  sender_avatar_url: string | null;
  sender_type: ProfileSummary['type'];
};

/** The job that tells the members about a sent message (src/jobs/processors/message-notification.ts). */
const NOTIFICATION = { type: 'message-notification', priority: 'normal', delayMs: 0 } as const;

/** Postgres's name for the unique (conversation_id, sender_id, client_message_id) constraint of `messages`. */
export const CLIENT_MESSAGE_ID_CONSTRAINT = 'messages_conversation_id_sender_id_client_message_id_key';

/**
 * Stores a message in one statement, atomic on its own: the conversation's next seq and ordinal (under its row lock,
 * held only for this statement), the message, its `message_added` event and its notification job's row, returned with
 * the sender's summary. One round trip instead of BEGIN, three statements, COMMIT and the job's insert: the row lock is
 * held for less time and the message reaches its watchers sooner. Nothing is written, and undefined returned, unless
 * the sender is a member of the conversation. A second message with the same clientMessageId fails with a unique
 * violation of CLIENT_MESSAGE_ID_CONSTRAINT, which rolls the whole statement back (its seq included).
 */
export async function writeMessage(db: Db, input: MessageToWrite): Promise<WrittenMessage | undefined> {
  const { rows } = await sql<WrittenRow>`
    with reserved as (
      update conversations c set ${takeMessageSeq}
      where c.id = ${input.conversationId}
        and exists (select 1 from conversation_members cm where cm.conversation_id = c.id and cm.user_id = ${input.senderId})
      returning c.id, c.last_seq, c.message_count
    ), message as (
      insert into messages (conversation_id, sender_id, content, type, reply_to_id, client_message_id, seq, ordinal)
      select r.id, ${input.senderId}::uuid, ${input.content}::text, ${input.type}::text, ${input.replyToId}::uuid,
        ${input.clientMessageId}::text, r.last_seq, r.message_count
      from reserved r
      returning *
    ), event as (
      insert into conversation_events (conversation_id, seq, type, message_id)
      select m.conversation_id, m.seq, 'message_added', m.id from message m
      returning created_at
    ), job as (
      insert into jobs (type, input, priority, max_attempts)
      select ${NOTIFICATION.type}::text, jsonb_build_object('messageId', m.id), ${NOTIFICATION.priority}::text,
        ${JOB_TYPES[NOTIFICATION.type].attempts}::int
      from message m
      returning id
    )
    select m.*, e.created_at as event_created_at, j.id as job_id,
      p.username as sender_username, p.full_name as sender_full_name, p.avatar_url as sender_avatar_url, p.type as sender_type
    from message m cross join event e cross join job j join profiles p on p.id = m.sender_id`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  // The sender's columns leave the message: it is published as it is (src/resolvers/events.ts, toPayload).
  const { event_created_at, job_id, sender_username, sender_full_name, sender_avatar_url, sender_type, ...message } = row;
  return {
    message: {
      ...message,
      sender_profile: { id: message.sender_id, username: sender_username, full_name: sender_full_name, avatar_url: sender_avatar_url, type: sender_type },
    },
    event: {
      conversation_id: message.conversation_id,
      seq: message.seq,
      type: 'message_added',
      message_id: message.id,
      user_id: null,
      created_at: event_created_at,
    },
    notificationJob: { ...NOTIFICATION, id: job_id },
  };
}
