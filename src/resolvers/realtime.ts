import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import type { Context } from '../context.ts';
import { useUncachedLoaders } from '../loaders/index.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';
import { requireConversationMember, requireSpaceMember, requireViewer } from './access.ts';

export async function setTyping(ctx: Context, input: { conversationId: string; isTyping: boolean }): Promise<boolean> {
  const viewer = requireViewer(ctx);
  await ctx.rateLimits.consume('setTyping', viewer.id);
  await requireConversationMember(ctx, input.conversationId);
  await ctx.typing.set(input.conversationId, viewer.id, input.isTyping);
  return true;
}

/** Who starts and stops typing in a conversation, other than the viewer. Members only. */
export async function typingStream(ctx: Context, conversationId: string) {
  const viewer = requireViewer(ctx);
  await requireConversationMember(ctx, conversationId);
  useUncachedLoaders(ctx, viewer.id);
  return filter(ctx.pubsub.subscribe('typing', conversationId), (event) => event.userId !== viewer.id);
}

export type PresenceItem = TopicPayloads['presence'];

/** The online members of a space as it starts, then every change. Members only. */
export async function presenceStream(ctx: Context, spaceId: string): Promise<AsyncIterable<PresenceItem>> {
  const viewer = requireViewer(ctx);
  await requireSpaceMember(ctx, spaceId);
  useUncachedLoaders(ctx, viewer.id);
  // In place before the snapshot is read, so that a change in between is not lost.
  const live = ctx.pubsub.listen('presence', spaceId);
  await live.ready.catch(() => {});
  const members = await ctx.db
    .selectFrom('space_members')
    .select('user_id')
    .where('space_id', '=', spaceId)
    .limit(1000)
    .execute();
  const ids = members.map((row) => row.user_id);
  const online = await ctx.presence.isOnline(ids);
  const snapshot = ids
    .filter((_, i) => online[i])
    .map((userId): PresenceItem => ({ spaceId, userId, online: true, lastSeenAt: null }));
  return new Repeater<PresenceItem>(async (push, stop) => {
    void stop.then(() => live.return?.());
    for (const item of snapshot) await push(item);
    for await (const item of live) await push(item);
    stop();
  });
}

/** Live notifications a subscriber may have waiting before the oldest are dropped (they are a courtesy; stored ones stay). */
const MAX_WAITING_NOTIFICATIONS = 1_000;

/**
 * The viewer's notifications: new messages from others in their conversations. Live ones come through this process's
 * notice hub (src/pubsub/notices.ts); stored ones (the viewer was offline when the message came) on the viewer's channel.
 */
export function notificationStream(ctx: Context): AsyncIterable<TopicPayloads['user']> {
  const viewer = requireViewer(ctx);
  useUncachedLoaders(ctx, viewer.id);
  const stored = ctx.pubsub.subscribe('user', viewer.id);
  return new Repeater<TopicPayloads['user']>(async (push, stop) => {
    const remove = ctx.notices.add(viewer.id, (notification) => void push(notification));
    void stop.then(() => {
      remove();
      return stored.return?.();
    });
    for await (const item of stored) await push(item);
    stop();
  }, new SlidingBuffer(MAX_WAITING_NOTIFICATIONS));
}

function filter<T>(source: AsyncIterableIterator<T>, keep: (item: T) => boolean): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    void stop.then(() => source.return?.());
    for await (const item of source) if (keep(item)) await push(item);
    stop();
  });
}
