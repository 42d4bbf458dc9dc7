import { sql } from 'kysely';
import type { JobInput } from '../definitions.ts';
import type { JobDeps, ProcessorContext } from '../runner.ts';
import { PermanentJobError } from '../runner.ts';
import { conversationMemberIds, MAX_NOTIFIED_MEMBERS } from '../conversation-members.ts';
import { anyUuid } from '../../db/sql-helpers.ts';

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
  const members = await conversationMemberIds(ctx.db, message.conversation_id);
  // Asked about the list as kept (the same array while nobody joins or leaves), so a reading of it can be reused.
  const membersOnline = await ctx.presence.isOnline(members, message.conversation_id);
  const ids: string[] = [];
  const online: boolean[] = [];
  for (let i = 0; i < members.length && ids.length < MAX_NOTIFIED_MEMBERS; i += 1) {
    if (members[i] === message.sender_id) continue;
    ids.push(members[i]!);
    online.push(membersOnline[i]!);
  }
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
  // Among those who are members now (the list may be a moment old: see conversation-members.ts). Stamped with the
  // message's time, not the job's: jobs run concurrently, so a later message's job may finish first, and a member's
  // notifications must list their messages in the order they were sent.
  const { rows: inserted } = await sql<{ id: string; user_id: string; created_at: Date }>`
    insert into notifications (user_id, type, conversation_id, message_id, created_at)
    select cm.user_id, 'new_message', cm.conversation_id, m.id, m.created_at
    from conversation_members cm
    join messages m on m.id = ${message.id}
    where cm.conversation_id = ${message.conversation_id} and cm.user_id = ${anyUuid(offline)}
    on conflict (message_id, user_id) do nothing
    returning id, user_id, created_at`.execute(ctx.db);
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
