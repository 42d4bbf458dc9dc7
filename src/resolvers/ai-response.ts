import type { Context } from '../context.ts';
import { useUncachedLoaders } from '../loaders/index.ts';
import { requireConversationMember, requireViewer } from './access.ts';

/** AI replies streaming into a conversation. Members only. */
export async function aiResponseStream(ctx: Context, conversationId: string) {
  const viewer = requireViewer(ctx);
  await requireConversationMember(ctx, conversationId);
  useUncachedLoaders(ctx, viewer.id);
  return ctx.pubsub.subscribe('ai', conversationId);
}
