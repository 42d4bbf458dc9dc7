import { sql } from 'kysely';
import type { JobInput } from '../definitions.ts';
import type { JobDeps, ProcessorContext } from '../runner.ts';
import { PermanentJobError } from '../runner.ts';

/**
 * Tells every other member of the message's conversation: the online ones live (their `notifications` subscriptions,
 * through one notice event that each API process hands to its own subscribers), the others by a stored notification
 * (one row per message and recipient: a retry writes nothing twice), published to them too so that a subscription
 * opened meanwhile sees it. Runs in a worker, off the request that sent the message.
 */
export async function messageNotification(ctx: ProcessorContext<JobInput<'message-notification'>>) {
  const message = await ctx.db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'sender_id', 'created_at'])
    .where('id', '=', ctx.input.messageId)
    .executeTakeFirst();
  if (!message) throw new PermanentJobError('message not found');
  return notifyMembers(ctx, message);
}

export async function notifyMembers(
  ctx: Pick<JobDeps, 'db' | 'presence' | 'pubsub'>,
  message: { id: string; conversation_id: string; sender_id: string },
) {
  const members = await ctx.db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', message.conversation_id)
    .where('user_id', '<>', message.sender_id)
    .limit(10_000)
    .execute();
  const ids = members.map((m) => m.user_id);
  const online = await ctx.presence.isOnline(ids);
  const live = { type: 'new_message' as const, conversationId: message.conversation_id, messageId: message.id };
  // The online ones hear it from the process holding their socket: one event for all of them (src/pubsub/notices.ts).
  if (online.some(Boolean)) {
    ctx.pubsub.publish('notice', message.conversation_id, {
      conversationId: message.conversation_id,
      messageId: message.id,
      senderId: message.sender_id,
      createdAt: new Date().toISOString(),
    });
  }
  const offline = ids.filter((_, i) => !online[i]);
  if (offline.length === 0) return { notified: 0, live: ids.length };
  const inserted = await ctx.db
    .insertInto('notifications')
    .values(
      offline.map((user_id) => ({
        user_id,
        type: 'new_message' as const,
        conversation_id: message.conversation_id,
        message_id: message.id,
        created_at: sql<Date>`now()`,
      })),
    )
    .onConflict((oc) => oc.columns(['message_id', 'user_id']).doNothing())
    .returning(['id', 'user_id', 'created_at'])
    .execute();
  for (const row of inserted) {
    ctx.pubsub.publish('user', row.user_id, {
      ...live,
      userId: row.user_id,
      createdAt: row.created_at.toISOString(),
      id: row.id,
      readAt: null,
    });
  }
  return { notified: inserted.length, live: ids.length - offline.length };
}
