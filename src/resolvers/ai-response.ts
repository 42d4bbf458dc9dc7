import { Repeater } from '@repeaterjs/repeater';
import type { Context } from '../context.ts';
import { useUncachedLoaders } from '../loaders/index.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';
import { requireConversationMember, requireViewer } from './access.ts';
import { MEMBERSHIP_ENDED } from './conversation-feed.ts';

export type AiResponseItem = TopicPayloads['ai'] | typeof MEMBERSHIP_ENDED;

/**
 * AI replies streaming into a conversation. Members only, for as long as they are members: the reply is the
 * conversation's content, so a watcher who leaves gets MEMBERSHIP_ENDED (the field makes it FORBIDDEN) and the stream
 * ends, as messageAdded does. Leaving is seen on the conversation's topic (one shared channel per process), not by a read
 * per token.
 */
export async function aiResponseStream(ctx: Context, conversationId: string): Promise<AsyncIterableIterator<AiResponseItem>> {
  const viewer = requireViewer(ctx);
  await requireConversationMember(ctx, conversationId);
  useUncachedLoaders(ctx, viewer.id);
  // Made when the stream starts (a Repeater returned before it started never runs this, so it holds nothing).
  return new Repeater<AiResponseItem>(async (push, stop) => {
    const replies = ctx.pubsub.listen('ai', conversationId);
    const events = ctx.pubsub.listen('conversation', conversationId);
    void stop.then(() => Promise.all([replies.return?.(), events.return?.()]));
    const leaves = (async () => {
      for await (const event of events) {
        if (event.type === 'member_left' && event.userId === viewer.id) return true;
      }
      return false;
    })();
    void leaves.then(
      async (left) => {
        if (!left) return;
        await push(MEMBERSHIP_ENDED);
        stop();
      },
      (error: unknown) => stop(error),
    );
    // Both in place, then membership once more: a leave committed while they were being made is not missed.
    await Promise.all([replies.ready, events.ready]).catch(() => {});
    const still = await ctx.db
      .selectFrom('conversation_members')
      .select('user_id')
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', viewer.id)
      .executeTakeFirst();
    if (!still) {
      await push(MEMBERSHIP_ENDED);
      stop();
      return;
    }
    for await (const reply of replies) await push(reply);
    stop();
  });
}
