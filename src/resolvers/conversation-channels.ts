import type { Db } from '../db/connect.ts';
import type { ConversationEventRow } from '../db/types.ts';
import type { Logger } from '../logger.ts';
import type { PubSub, Watch } from '../pubsub/pubsub.ts';
import { sharedEvent } from './events.ts';

/** What a conversation's subscribers on this process get from its channel: each live event, as the same object. */
export interface ChannelListener {
  onLive(event: ConversationEventRow): void;
}

export interface ChannelDeps {
  db: Db;
  pubsub: PubSub;
  logger: Logger;
}

/**
 * The conversations with subscribers on this process, each listened to once (DESIGN.md, "Fan-out"): a live event is
 * turned into one event object and handed to the conversation's subscribers in one loop, however many there are.
 */
export class ConversationChannels {
  private readonly open = new Map<string, ConversationChannel>();

  constructor(readonly deps: ChannelDeps) {}

  /** The conversation's channel, listening from now on; `listener` gets its live events until it leaves. */
  join(conversationId: string, listener: ChannelListener): ConversationChannel {
    let channel = this.open.get(conversationId);
    if (!channel) this.open.set(conversationId, (channel = new ConversationChannel(this, conversationId)));
    channel.listeners.add(listener);
    return channel;
  }

  /** Conversations listened to on this process. */
  get size(): number {
    return this.open.size;
  }

  /** @internal The channel stopped listening (its last listener left, or its subscription failed). */
  forget(channel: ConversationChannel): void {
    if (this.open.get(channel.conversationId) === channel) this.open.delete(channel.conversationId);
  }
}

export class ConversationChannel {
  readonly listeners = new Set<ChannelListener>();
  /** Redis acknowledged the subscription: every event published from now on reaches the listeners. */
  listening = false;
  /** Resolves once listening; rejects when the subscription could not be made. */
  readonly ready: Promise<void>;
  private readonly watch: Watch;

  constructor(
    private readonly channels: ConversationChannels,
    readonly conversationId: string,
  ) {
    this.watch = channels.deps.pubsub.watch('conversation', conversationId, (payload) => {
      const event = sharedEvent(payload);
      for (const listener of this.listeners) listener.onLive(event);
    });
    this.ready = this.watch.ready.then(
      () => void (this.listening = true),
      (error: unknown) => {
        // The next subscriber of this conversation tries again with a channel of its own.
        channels.forget(this);
        throw error;
      },
    );
    this.ready.catch(() => {});
  }

  get deps(): ChannelDeps {
    return this.channels.deps;
  }

  leave(listener: ChannelListener): void {
    if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
    this.watch.stop();
    this.channels.forget(this);
  }
}
