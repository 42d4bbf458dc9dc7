import type { Context } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { ConversationEventRow, ConversationEventType } from '../db/types.ts';
import { useUncachedLoaders } from '../loaders/index.ts';
import { MAX_BUFFERED_EVENTS } from '../pubsub/pubsub.ts';
import { requireConversationMember, requireViewer } from './access.ts';
import type { ChannelListener, ConversationChannel } from './conversation-channels.ts';
import { decodeSeqCursor } from './messages.ts';

/** Passed last when the viewer stops being a member: the field resolves it to a FORBIDDEN error, then ends. */
export const MEMBERSHIP_ENDED = Symbol('membership ended');

export type StreamItem = ConversationEventRow | typeof MEMBERSHIP_ENDED;

/**
 * Where a feed delivers, in sequence order. `live` events come from pub/sub: the same object for every subscriber of this
 * process (so they can share its execution), with the conversation's loaders for that event in ctx.loaders.
 */
export interface FeedSink {
  item(event: ConversationEventRow, live: boolean): void;
  /** The last call: the viewer left (MEMBERSHIP_ENDED), reading failed ({ error }), or the subscriber closed. */
  end(reason: typeof MEMBERSHIP_ENDED | { error: unknown } | 'closed'): void;
}

const REPLAY_PAGE = 200;

/**
 * A conversation's events in sequence order with no gap and no duplicate: with `after`, first what was committed after
 * that cursor (read from Postgres), then live events from pub/sub. An event that arrives ahead of the next expected number
 * (pub/sub dropped or reordered something, or the replay is still running) makes the feed read the missing ones from
 * Postgres first.
 *
 * Live events come from the conversation's channel (src/resolvers/conversation-channels.ts: one pub/sub listener per
 * conversation per process) and are handled as they arrive, synchronously, with no queue per subscriber: a feed pushes
 * to its sink. A feed holds no request context, so that thousands of them cost little. As an async iterator (the form graphql-js and SSE take) it queues what its reader has not taken yet, up to a bound; past it,
 * the oldest are dropped and read back from Postgres when the reader catches up.
 *
 * Authorisation happens in open(), before anything is returned: a non-member gets NOT_FOUND at subscribe
 * time.
 */
export class ConversationFeed implements AsyncIterableIterator<StreamItem>, ChannelListener {
  private sink: FeedSink | undefined;
  private mode: 'idle' | 'catching-up' | 'live' | 'ended' = 'idle';
  /** The highest sequence number seen live while not live (what catching up must reach). */
  private target = 0;
  // The iterator form: what the reader has not taken yet, and the reader waiting for more (made when first needed).
  private queue: StreamItem[] | undefined;
  private waiter: ((result: IteratorResult<StreamItem>) => void) | undefined;
  private failure: { error: unknown } | undefined;
  private finished = false;
  private readonly channel: ConversationChannel;

  private constructor(
    ctx: Context,
    readonly conversationId: string,
    private readonly viewerId: string,
    private readonly types: ReadonlySet<ConversationEventType> | undefined,
  ) {
    // Listening before the position is read: whatever commits in between is either replayed or arrives live.
    this.channel = ctx.conversations.join(conversationId, this);
  }

  private position = 0;

  /** Authorises, listens, then reads the position (or takes `after`). */
  static async open(
    ctx: Context,
    args: { conversationId: string; after?: string | null; types?: ReadonlySet<ConversationEventType> },
  ): Promise<ConversationFeed> {
    const viewer = requireViewer(ctx);
    const afterSeq = args.after ? decodeSeqCursor(args.after, 'after') : null;
    await requireConversationMember(ctx, args.conversationId);
    useUncachedLoaders(ctx, viewer.id);
    // The channel subscribes at once, but Redis acknowledges a moment later (much later while it is down): a read that
    // began before then is done again once it has (see readUntilCaughtUp), so that nothing committed in that moment is
    // left for a later event to reveal.
    const feed = new ConversationFeed(ctx, args.conversationId, viewer.id, args.types);
    try {
      feed.position = afterSeq ?? (await currentSeq(feed.channel.deps.db, args.conversationId));
    } catch (error) {
      feed.channel.leave(feed);
      throw error;
    }
    return feed;
  }

  /** Delivers to `sink` from now on instead of to the iterator. */
  pushTo(sink: FeedSink): void {
    this.sink = sink;
    this.start();
  }

  /** Stops listening; the sink hears 'closed' (nothing more is delivered after this returns). */
  close(): void {
    this.finish('closed');
  }

  private start() {
    if (this.mode !== 'idle') return;
    this.mode = 'catching-up';
    this.catchUp();
  }

  /** A live event from the channel: the same object for every subscriber of the conversation on this process. */
  onLive(event: ConversationEventRow) {
    if (this.mode === 'ended') return;
    // The common case, the very next event.
    if (this.mode === 'live' && event.seq === this.position + 1) return this.pass(event, true);
    if (event.seq <= this.position) return;
    this.target = Math.max(this.target, event.seq);
    if (this.mode === 'live') {
      this.mode = 'catching-up';
      this.catchUp();
    }
  }

  private catchingUp = false;

  /** Reads from Postgres until the feed has every event up to the newest seen live, then goes live (one run at a time). */
  private catchUp() {
    if (this.catchingUp) return;
    this.catchingUp = true;
    void this.readUntilCaughtUp();
  }

  private async readUntilCaughtUp() {
    try {
      // The replay needs no Redis: during an outage it is still delivered, and going live waits for Redis.
      for (;;) {
        const inPlace = this.channel.listening;
        for (;;) {
          await this.roomInQueue();
          if (this.isEnded()) return;
          const page = await readEvents(this.channel.deps.db, this.conversationId, this.position);
          if (this.isEnded()) return;
          for (const event of page) {
            if (event.seq <= this.position) continue;
            this.pass(event, false);
            if (this.isEnded()) return;
          }
          if (page.length < REPLAY_PAGE && this.position >= this.target) break;
        }
        if (inPlace) break;
        await this.channel.ready;
      }
      this.mode = 'live';
    } catch (error) {
      this.finish({ error });
    } finally {
      // In the same step as going live: a gap seen right after must start a new run, not find this one still marked.
      this.catchingUp = false;
    }
  }

  /** A method, not a field read: TypeScript would narrow the mode across the awaits that can change it. */
  private isEnded() {
    return this.mode === 'ended';
  }

  private pass(event: ConversationEventRow, live: boolean) {
    if (event.type === 'member_left' && event.user_id === this.viewerId) return this.finish(MEMBERSHIP_ENDED);
    this.position = event.seq;
    if (this.types && !this.types.has(event.type)) return;
    if (this.sink) return this.sink.item(event, live);
    this.enqueue(event);
  }

  private finish(reason: typeof MEMBERSHIP_ENDED | { error: unknown } | 'closed') {
    if (this.mode === 'ended') return;
    this.mode = 'ended';
    this.channel.leave(this);
    if (this.sink) return this.sink.end(reason);
    if (reason === MEMBERSHIP_ENDED) this.enqueue(MEMBERSHIP_ENDED);
    else if (reason !== 'closed') this.failure = reason;
    this.finished = true;
    this.wake();
  }

  // The iterator form.

  private enqueue(item: StreamItem) {
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      return resolve({ value: item, done: false });
    }
    const queue = (this.queue ??= []);
    queue.push(item);
    if (queue.length > MAX_BUFFERED_EVENTS && item !== MEMBERSHIP_ENDED) {
      // A reader this far behind reads the rest from Postgres when it gets here.
      queue.length = MAX_BUFFERED_EVENTS;
      const last = queue.at(-1) as ConversationEventRow;
      this.target = Math.max(this.target, this.position);
      this.position = last.seq;
      this.mode = 'catching-up';
      this.channel.deps.logger.warn({ conversationId: this.conversationId }, 'subscriber too slow: later events are read back');
      this.catchUp();
    }
  }

  private roomWaiter: (() => void) | undefined;
  private roomInQueue(): Promise<void> | void {
    if (this.sink || (this.queue?.length ?? 0) < REPLAY_PAGE) return;
    return new Promise((resolve) => (this.roomWaiter = resolve));
  }

  private wake() {
    if (this.waiter && this.finished && !this.queue?.length) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<StreamItem>> {
    this.start();
    const item = this.queue?.shift();
    if ((this.queue?.length ?? 0) < REPLAY_PAGE && this.roomWaiter) {
      const resolve = this.roomWaiter;
      this.roomWaiter = undefined;
      resolve();
    }
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<StreamItem>> {
    this.finish('closed');
    this.queue = undefined;
    this.roomWaiter?.();
    this.wake();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<StreamItem>> {
    this.finish('closed');
    return Promise.reject(error);
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

async function currentSeq(db: Db, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('conversations')
    .select('last_seq')
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

function readEvents(db: Db, conversationId: string, afterSeq: number) {
  return db
    .selectFrom('conversation_events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(REPLAY_PAGE)
    .execute();
}
