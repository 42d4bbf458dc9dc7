import type { Context } from '../context.ts';
import type { ConversationEventRow, ConversationEventType } from '../db/types.ts';
import { useUncachedLoaders, withEventLoaders } from '../loaders/index.ts';
import { releasable } from '../pubsub/releasable.ts';
import { requireConversationMember, requireViewer } from './access.ts';
import { fromPayload } from './events.ts';
import { decodeSeqCursor } from './messages.ts';

/** Yielded last when the viewer stops being a member: the field resolves it to a FORBIDDEN error, then ends. */
export const MEMBERSHIP_ENDED = Symbol('membership ended');

export type StreamItem = ConversationEventRow | typeof MEMBERSHIP_ENDED;

const REPLAY_PAGE = 200;

/**
 * A conversation's events in sequence order with no gap and no duplicate: with `after`, first what was committed after
 * that cursor (read from Postgres), then the live stream. An event that arrives ahead of the next expected number (pub/sub
 * dropped or reordered something) makes the stream read the missing ones from Postgres first.
 *
 * Authorisation happens here, before anything is returned: a non-member gets NOT_FOUND at subscribe time.
 */
export async function conversationStream(
  ctx: Context,
  args: { conversationId: string; after?: string | null; types?: ReadonlySet<ConversationEventType> },
): Promise<AsyncIterableIterator<StreamItem>> {
  const viewer = requireViewer(ctx);
  const afterSeq = args.after ? decodeSeqCursor(args.after, 'after') : null;
  await requireConversationMember(ctx, args.conversationId);
  useUncachedLoaders(ctx, viewer.id);
  const ownLoaders = ctx.loaders;
  // Listen first, then read the position: whatever commits in between is either replayed or arrives live. The listener
  // subscribes at once, but Redis acknowledges a moment later (much later while it is down): a read that began before
  // then is done again once it has (see stream()), so that nothing committed in that moment is left for a later event
  // to reveal.
  const live = ctx.pubsub.listen('conversation', args.conversationId);
  let listening = false;
  void live.ready.then(
    () => (listening = true),
    () => {},
  );
  let position: number;
  try {
    position = afterSeq ?? (await currentSeq(ctx, args.conversationId));
  } catch (error) {
    await live.return?.();
    throw error;
  }

  const wanted = (event: ConversationEventRow) => !args.types || args.types.has(event.type);
  const endsMembership = (event: ConversationEventRow) => event.type === 'member_left' && event.user_id === viewer.id;

  async function* stream(): AsyncGenerator<StreamItem> {
    try {
      // The replay needs no Redis: during an outage it is still delivered, and the live part waits for Redis.
      for (;;) {
        const inPlace = listening;
        for (;;) {
          const page = await readEvents(ctx, args.conversationId, position, Number.MAX_SAFE_INTEGER);
          ctx.loaders = ownLoaders;
          for (const event of page) {
            if (endsMembership(event)) return yield MEMBERSHIP_ENDED;
            position = event.seq;
            if (wanted(event)) yield event;
          }
          if (page.length < REPLAY_PAGE) break;
        }
        if (inPlace) break;
        await live.ready;
      }
      for await (const payload of live) {
        while (payload.seq > position) {
          const next = payload.seq === position + 1;
          // The common case, the very next event: its rows are read once for all of this process's subscribers.
          ctx.loaders = next ? withEventLoaders(ctx, ownLoaders, payload) : ownLoaders;
          const events = next
            ? [fromPayload(payload)]
            : await readEvents(ctx, args.conversationId, position, payload.seq);
          if (events.length === 0) break;
          for (const event of events) {
            if (endsMembership(event)) return yield MEMBERSHIP_ENDED;
            position = event.seq;
            if (wanted(event)) yield event;
          }
        }
      }
    } finally {
      await live.return?.();
    }
  }

  return releasable(live, stream());
}

async function currentSeq(ctx: Context, conversationId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('conversations')
    .select('last_seq')
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

function readEvents(ctx: Context, conversationId: string, afterSeq: number, upToSeq: number) {
  return ctx.db
    .selectFrom('conversation_events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq')
    .limit(REPLAY_PAGE)
    .execute();
}
