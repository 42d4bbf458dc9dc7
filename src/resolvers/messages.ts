import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { MessageRow, MessageType } from '../db/types.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import { isConversationAdmin, requireConversationMember, requireViewer } from './access.ts';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './pagination.ts';

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A message's cursor: its place in its conversation. Shared by pages and (later) subscription resume. */
export const messageCursor = (message: Pick<MessageRow, 'seq'>) => encodeCursor('message', message.seq);
export const decodeMessageCursor = (cursor: string, field: string) => decodeCursor('message', cursor, field, isSeq);

export interface MessagePageArgs {
  conversationId: string;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export const DEFAULT_MESSAGE_PAGE = 50;

/**
 * A page of a conversation, oldest first (newest last). `first`/`after` page forward, `last`/`before` page back;
 * with neither, the newest DEFAULT_MESSAGE_PAGE messages.
 */
export async function listMessages(ctx: Context, args: MessagePageArgs): Promise<Connection<MessageRow>> {
  const { conversation } = await requireConversationMember(ctx, args.conversationId);
  if (args.first != null && args.last != null) throw badInput('Pass first or last, not both', 'first');
  const after = args.after ? decodeMessageCursor(args.after, 'after') : null;
  const before = args.before ? decodeMessageCursor(args.before, 'before') : null;
  const forward = args.first != null || (args.after != null && args.last == null);
  const size = (forward ? args.first : args.last) ?? DEFAULT_MESSAGE_PAGE;

  const rows = await ctx.db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversation.id)
    .$if(after !== null, (qb) => qb.where('seq', '>', after!))
    .$if(before !== null, (qb) => qb.where('seq', '<', before!))
    .orderBy('seq', forward ? 'asc' : 'desc')
    .limit(size + 1)
    .execute();
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (!forward) page.reverse();
  for (const row of page) ctx.loaders.message.prime(row.id, row);
  return toConnection(
    page,
    messageCursor,
    forward
      ? { hasNextPage: more, hasPreviousPage: after !== null && page.length > 0 }
      : { hasNextPage: before !== null && page.length > 0, hasPreviousPage: more },
    () => ctx.loaders.messageCount.load(conversation.id),
  );
}

export interface SendMessageInput {
  conversationId: string;
  content: string;
  type?: MessageType | null;
  replyToId?: string | null;
  clientMessageId?: string | null;
}

class DuplicateClientMessage extends Error {}

/**
 * Saves a message with the next sequence number of its conversation. Retrying with the same clientMessageId returns
 * the first message instead of writing a second one.
 */
export async function sendMessage(ctx: Context, input: SendMessageInput): Promise<MessageRow> {
  const viewer = requireViewer(ctx);
  const { conversation } = await requireConversationMember(ctx, input.conversationId);
  const type = input.type ?? 'text';
  if (type !== 'text') {
    const sender = await ctx.loaders.profile.load(viewer.id);
    if (sender?.type !== 'agent') throw forbidden(`Only agents send ${type} messages`);
  }
  if (input.replyToId) {
    const original = await ctx.loaders.message.load(input.replyToId);
    if (!original || original.conversation_id !== conversation.id) {
      throw badInput('replyToId is not a message of this conversation', 'input.replyToId');
    }
  }
  const findRetry = () =>
    input.clientMessageId
      ? ctx.db
          .selectFrom('messages')
          .selectAll()
          .where('conversation_id', '=', conversation.id)
          .where('sender_id', '=', viewer.id)
          .where('client_message_id', '=', input.clientMessageId)
          .executeTakeFirst()
      : Promise.resolve(undefined);

  const earlier = await findRetry();
  if (earlier) return earlier;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // Row-locks the conversation until commit, so sequence order is commit order: what resume relies on.
      const { last_seq: seq } = await trx
        .updateTable('conversations')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_activity_at: sql`now()`, updated_at: sql`now()` }))
        .where('id', '=', conversation.id)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const message = await trx
        .insertInto('messages')
        .values({
          conversation_id: conversation.id,
          sender_id: viewer.id,
          content: input.content,
          type,
          reply_to_id: input.replyToId ?? null,
          client_message_id: input.clientMessageId ?? null,
          seq,
        })
        .onConflict((oc) => oc.columns(['conversation_id', 'sender_id', 'client_message_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!message) throw new DuplicateClientMessage();
      return message;
    });
  } catch (error) {
    // A concurrent retry committed first: return its message (the rollback gave the sequence number back).
    if (error instanceof DuplicateClientMessage) return (await findRetry())!;
    throw error;
  }
}

async function requireMessageAccess(ctx: Context, messageId: string) {
  requireViewer(ctx);
  const message = await ctx.loaders.message.load(messageId);
  if (!message) throw notFound('Message');
  const membership = await ctx.loaders.viewerMembership.load(message.conversation_id);
  if (!membership) throw notFound('Message');
  return { message, membership };
}

export async function editMessage(ctx: Context, input: { id: string; content: string }): Promise<MessageRow> {
  const { message } = await requireMessageAccess(ctx, input.id);
  if (message.sender_id !== ctx.viewer!.id) throw forbidden('Only the sender can edit a message');
  if (message.deleted_at) throw badInput('A deleted message cannot be edited', 'input.id');
  const row = await ctx.db
    .updateTable('messages')
    .set({ content: input.content, edited_at: new Date() })
    .where('id', '=', message.id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw badInput('A deleted message cannot be edited', 'input.id');
  ctx.loaders.message.clear(row.id).prime(row.id, row);
  return row;
}

/** Soft delete by the sender or a conversation admin; deleting again returns the tombstone unchanged. */
export async function deleteMessage(ctx: Context, id: string): Promise<MessageRow> {
  const { message, membership } = await requireMessageAccess(ctx, id);
  if (message.sender_id !== ctx.viewer!.id && !isConversationAdmin(membership)) {
    throw forbidden('Only the sender or a conversation admin can delete a message');
  }
  if (message.deleted_at) return message;
  const row = await ctx.db
    .updateTable('messages')
    .set({ deleted_at: new Date() })
    .where('id', '=', message.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  ctx.loaders.message.clear(row.id).prime(row.id, row);
  return row;
}
