import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { ConversationEventRow, ConversationRow } from '../db/types.ts';
import { takeSeqs } from './events.ts';

type MovedRow = ConversationRow & { receipt_created_at: Date };

/**
 * Moves a member's read position forward to a message of the conversation and logs the receipt, in one statement,
 * atomic on its own: the member's row, then the conversation's next seq (its row lock held for this statement only),
 * then the `read_receipt` event. Undefined, with nothing written, unless the reader is a member, the message is in the
 * conversation and it is after the reader's position (reading an older message again changes nothing and tells
 * nobody). Returns the conversation as updated and the event to publish.
 */
export async function writeReadReceipt(
  db: Db,
  input: { conversationId: string; messageId: string; readerId: string },
): Promise<{ conversation: ConversationRow; event: ConversationEventRow } | undefined> {
  const { rows } = await sql<MovedRow>`
    with moved as (
      update conversation_members cm set last_read_seq = m.seq, last_read_at = now()
      from messages m
      where m.id = ${input.messageId} and m.conversation_id = ${input.conversationId}
        and cm.conversation_id = m.conversation_id and cm.user_id = ${input.readerId} and cm.last_read_seq < m.seq
      returning cm.user_id
    ), reserved as (
      update conversations c set ${takeSeqs(1)}
      where c.id = ${input.conversationId} and exists (select 1 from moved)
      returning c.*
    ), receipt as (
      insert into conversation_events (conversation_id, seq, type, message_id, user_id)
      select r.id, r.last_seq, 'read_receipt', ${input.messageId}::uuid, ${input.readerId}::uuid from reserved r
      returning created_at
    )
    select r.*, e.created_at as receipt_created_at from reserved r cross join receipt e`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { receipt_created_at, ...conversation } = row;
  return {
    conversation,
    event: {
      conversation_id: conversation.id,
      seq: conversation.last_seq,
      type: 'read_receipt',
      message_id: input.messageId,
      user_id: input.readerId,
      created_at: receipt_created_at,
    },
  };
}
