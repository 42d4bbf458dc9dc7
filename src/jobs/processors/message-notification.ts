import { sql } from 'kysely';
import type { JobInput } from '../definitions.ts';
import type { ProcessorContext } from '../runner.ts';
import { PermanentJobError } from '../runner.ts';

/**
 * Stores a notification for each member of the message's conversation who is not online (the online ones saw it live)
 * and tells their `notifications` subscriptions. One row per message and recipient: a retry writes nothing twice.
 */
export async function messageNotification(ctx: ProcessorContext<JobInput<'message-notification'>>) {
  const message = await ctx.db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'sender_id', 'created_at'])
    .where('id', '=', ctx.input.messageId)
    .executeTakeFirst();
  if (!message) throw new PermanentJobError('message not found');
  const members = await ctx.db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', message.conversation_id)
    .where('user_id', '<>', message.sender_id)
    .limit(10_000)
    .execute();
  const ids = members.map((m) => m.user_id);
  const online = await ctx.presence.isOnline(ids);
  const offline = ids.filter((_, i) => !online[i]);
  if (offline.length === 0) return { notified: 0 };
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
      type: 'new_message',
      userId: row.user_id,
      conversationId: message.conversation_id,
      messageId: message.id,
      createdAt: row.created_at.toISOString(),
      id: row.id,
      readAt: null,
    });
  }
  return { notified: inserted.length };
}
