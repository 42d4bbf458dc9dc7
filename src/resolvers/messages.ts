import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { MessageRow, MessageType } from '../db/types.ts';
import { messagesWithSenders, withSenderProfiles, type LoadedMessage } from '../loaders/index.ts';
import { prepared } from '../db/prepared.ts';
import { badInput, forbidden, isUniqueViolation, notFound } from '../errors.ts';
import { isConversationAdmin, requireConversationMember, requireViewer } from './access.ts';
import { appendEvents, publishEvents } from './events.ts';
import { CLIENT_MESSAGE_ID_CONSTRAINT, writeMessage } from './write-message.ts';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './pagination.ts';

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * A place in a conversation: its sequence number. Messages and conversation events share the numbering, so a message's
 * cursor pages messages and resumes subscriptions alike.
 */
export const seqCursor = (seq: number) => encodeCursor('seq', seq);
export const decodeSeqCursor = (cursor: string, field: string) => decodeCursor('seq', cursor, field, isSeq);
const messageCursor = (message: Pick<MessageRow, 'seq'>) => seqCursor(message.seq);

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
export async function listMessages(ctx: Context, args: MessagePageArgs): Promise<Connection<LoadedMessage>> {
  const viewer = requireViewer(ctx);
  if (args.first != null && args.last != null) throw badInput('Pass first or last, not both', 'first');
  const after = args.after ? decodeSeqCursor(args.after, 'after') : null;
  const before = args.before ? decodeSeqCursor(args.before, 'before') : null;
  const forward = args.first != null || (args.after != null && args.last == null);
  const size = (forward ? args.first : args.last) ?? DEFAULT_MESSAGE_PAGE;
  const conversationId = args.conversationId;

  // The page and the viewer's membership in one statement: rows come back only for a member. An empty page says
  // nothing either way, so then the membership is checked on its own (NOT_FOUND for a non-member, as everywhere).
  const bound = after ?? before;
  const rows = withSenderProfiles(
    await pageQuery(forward, after !== null ? 'after' : before !== null ? 'before' : 'none')(ctx.db, {
      conversationId,
      viewerId: viewer.id,
      bound: bound ?? 0,
      limit: size + 1,
    }),
  );
  if (rows.length === 0) await requireConversationMember(ctx, conversationId);
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
    () => ctx.loaders.messageCount.load(conversationId),
  );
}

type PageArgs = { conversationId: string; viewerId: string; bound: number; limit: number };

const pageQueries = new Map<string, ReturnType<typeof preparePage>>();

/** The statement of a page in one direction, from a bound or from an end (compiled once each). */
function pageQuery(forward: boolean, from: 'after' | 'before' | 'none') {
  const key = `${forward}:${from}`;
  let query = pageQueries.get(key);
  if (!query) pageQueries.set(key, (query = preparePage(forward, from)));
  return query;
}

function preparePage(forward: boolean, from: 'after' | 'before' | 'none') {
  return prepared<PageArgs, Parameters<typeof withSenderProfiles>[0][number]>((db, arg) =>
    messagesWithSenders(db)
      .where('m.conversation_id', '=', arg('conversationId'))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('conversation_members as cm')
            .select(sql.lit(1).as('one'))
            .where('cm.conversation_id', '=', arg('conversationId'))
            .where('cm.user_id', '=', arg('viewerId')),
        ),
      )
      .$if(from === 'after', (qb) => qb.where('m.seq', '>', arg('bound')))
      .$if(from === 'before', (qb) => qb.where('m.seq', '<', arg('bound')))
      .orderBy('m.seq', forward ? 'asc' : 'desc')
      .limit(arg('limit')),
  );
}

export interface SendMessageInput {
  conversationId: string;
  content: string;
  type?: MessageType | null;
  replyToId?: string | null;
  clientMessageId?: string | null;
}

/**
 * Saves a message with the next sequence number of its conversation, in one statement (src/resolvers/write-message.ts).
 * Retrying with the same clientMessageId returns the first message instead of writing a second one.
 */
export async function sendMessage(ctx: Context, input: SendMessageInput): Promise<LoadedMessage> {
  const viewer = requireViewer(ctx);
  await ctx.rateLimits.consume('sendMessage', viewer.id);
  const type = input.type ?? 'text';
  if (type !== 'text') {
    await requireConversationMember(ctx, input.conversationId);
    const sender = await ctx.loaders.profile.load(viewer.id);
    if (sender?.type !== 'agent') throw forbidden(`Only agents send ${type} messages`);
  }
  if (input.replyToId) {
    const original = await ctx.loaders.message.load(input.replyToId);
    if (!original || original.conversation_id !== input.conversationId) {
      // A non-member learns nothing about the conversation from a bad replyToId.
      await requireConversationMember(ctx, input.conversationId);
      throw badInput('replyToId is not a message of this conversation', 'input.replyToId');
    }
  }
  const clientMessageId = input.clientMessageId ?? null;
  const findRetry = () =>
    clientMessageId
      ? ctx.db
          .selectFrom('messages')
          .selectAll()
          .where('conversation_id', '=', input.conversationId)
          .where('sender_id', '=', viewer.id)
          .where('client_message_id', '=', clientMessageId)
          .executeTakeFirst()
      : Promise.resolve(undefined);

  const write = () =>
    writeMessage(ctx.db, {
      conversationId: input.conversationId,
      senderId: viewer.id,
      content: input.content,
      type,
      replyToId: input.replyToId ?? null,
      clientMessageId,
    });
  let written;
  try {
    written = await write();
    if (!written) {
      // Nothing written: not a member (NOT_FOUND here), or one who joined after the statement began (written now).
      await requireConversationMember(ctx, input.conversationId);
      written = await write();
    }
  } catch (error) {
    // A retry, or a concurrent one that committed first: return the first message (the failed statement wrote nothing).
    if (isUniqueViolation(error, CLIENT_MESSAGE_ID_CONSTRAINT)) return (await findRetry())!;
    throw error;
  }
  if (!written) throw notFound('Conversation');
  publishEvents(ctx, [written.event], written.message);
  // Members are told by the notification job (src/jobs/processors/message-notification.ts); its row is written with
  // the message, and the message stands whether or not queueing it succeeds.
  await ctx.jobs
    .enqueue(written.notificationJob)
    .catch((error: unknown) => ctx.logger.warn({ err: error, messageId: written.message.id }, 'message notification not queued'));
  return written.message;
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
  const { row, events } = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('messages')
      .set({ content: input.content, edited_at: sql`now()` })
      .where('id', '=', message.id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return { row: undefined, events: [] };
    return {
      row: updated,
      events: await appendEvents(trx, message.conversation_id, [{ type: 'message_edited', messageId: message.id }]),
    };
  });
  if (!row) throw badInput('A deleted message cannot be edited', 'input.id');
  publishEvents(ctx, events);
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
  const { row, events } = await ctx.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .updateTable('messages')
      .set({ deleted_at: sql`now()` })
      .where('id', '=', message.id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    // Deleted meanwhile by someone else: their event stands, this call returns the tombstone.
    if (!deleted) return { row: undefined, events: [] };
    return {
      row: deleted,
      events: await appendEvents(trx, message.conversation_id, [{ type: 'message_deleted', messageId: message.id }]),
    };
  });
  if (!row) {
    ctx.loaders.message.clear(message.id);
    return (await ctx.loaders.message.load(message.id))!;
  }
  publishEvents(ctx, events);
  ctx.loaders.message.clear(row.id).prime(row.id, row);
  return row;
}
