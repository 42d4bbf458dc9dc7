import type { SocketSink } from '../context.ts';
import type { ConversationEventRow } from '../db/types.ts';
import type { ConversationFeed, FeedSink, MEMBERSHIP_ENDED } from '../resolvers/conversation-feed.ts';
import type { Running } from './ws-connection.ts';

const CLOSE_BRACE = Buffer.from('}');
const WRITTEN = Promise.resolve();

/** Bytes a socket may have unsent before its subscriber counts as stalled (it is closed and resumes on reconnect). */
export const MAX_SOCKET_BACKLOG = 8 * 1024 * 1024;

/** How a group turns an event into the JSON of its graphql-ws payload (the same bytes for every member). */
export interface GroupRun {
  /**
   * A live event, executed once for everyone who shares it (SSE subscribers of the group included); a string when the
   * execution finished at once.
   */
  shared(event: ConversationEventRow): string | Promise<string>;
  /** A replayed event, for one subscriber (it is not shared). */
  own(event: ConversationEventRow): Promise<string>;
  /** The result that ends the stream when a member leaves the conversation (a FORBIDDEN error). */
  last(): Promise<string>;
}

/**
 * The graphql-ws subscribers of one conversation on this process with the same document and the same inputs to its
 * execution (shared-subscriptions.ts). Live events reach all of them in the same tick, as the same object: the first
 * member to see one starts its execution, the others join, and when the bytes are ready one loop writes them to every
 * member's socket. Broadcasts of a group follow each other in sequence order.
 */
export class BroadcastGroup {
  private members = 0;
  /**
   * The broadcast of the newest live event: its bytes once they are ready (members joining then write at once), the
   * members waiting for them before that.
   */
  private current:
    | { event: ConversationEventRow; payload: Buffer | undefined; writers: SocketWriter[]; done: Promise<void> }
    | undefined;
  private tail: Promise<void> | undefined;

  constructor(
    readonly run: GroupRun,
    private readonly onEmpty: () => void,
  ) {}

  /** Subscribers in the group. */
  get size(): number {
    return this.members;
  }

  add(): void {
    this.members += 1;
  }

  remove(): void {
    this.members -= 1;
    if (this.members === 0) this.onEmpty();
  }

  /** Writes `event` to `writer` with the rest of the group; resolves once written. */
  join(event: ConversationEventRow, writer: SocketWriter): Promise<void> {
    let broadcast = this.current;
    if (broadcast?.event !== event) broadcast = this.current = this.start(event);
    if (broadcast.payload) {
      writer.write(broadcast.payload);
      return WRITTEN;
    }
    broadcast.writers.push(writer);
    return broadcast.done;
  }

  private start(event: ConversationEventRow): NonNullable<BroadcastGroup['current']> {
    let text: string | Promise<string>;
    try {
      text = this.run.shared(event);
    } catch (error) {
      // Failed for every member alike, below; never out of the channel's loop over the conversation's subscribers.
      text = Promise.reject(error);
    }
    if (typeof text === 'string' && !this.tail) {
      // Executed in this tick with nothing before it on its way: each member writes as the event reaches it, so the
      // first sockets are written while the rest of the conversation's subscribers are still being handed the event.
      return { event, payload: Buffer.from(text), writers: [], done: WRITTEN };
    }
    const writers: SocketWriter[] = [];
    const bytes = settledLater(Promise.resolve(text));
    const previous = this.tail;
    const done = (previous ? previous.then(() => bytes) : bytes).then(
      (ready) => {
        // Encoded once for the whole group; each socket gets its own id in front of these bytes.
        const payload = Buffer.from(ready);
        for (const each of writers) each.write(payload);
      },
      (error: unknown) => {
        for (const each of writers) each.fail(error);
      },
    );
    const broadcast = { event, payload: undefined, writers, done };
    this.tail = done;
    void done.then(() => {
      if (this.current === broadcast) this.current = undefined;
      if (this.tail === done) this.tail = undefined;
    });
    return broadcast;
  }
}

/**
 * One graphql-ws subscription of a conversation fed straight to its socket. Live events go through the group broadcast;
 * replayed events, and live ones while this subscriber still has its own writes on their way, are executed for it
 * alone, in order.
 */
export class SocketWriter implements FeedSink, Running {
  private readonly prefix: Buffer;
  /** Stopped or failed: nothing more is written. */
  private silent = false;
  private left = false;
  /** The last write on its way (a group broadcast or an own execution). */
  private tail: Promise<void> | undefined;
  private ownInFlight = 0;

  constructor(
    private readonly socket: SocketSink,
    private readonly feed: ConversationFeed,
    private readonly group: BroadcastGroup,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(socket.id)},"type":"next","payload":`);
    group.add();
  }

  start(): this {
    this.feed.pushTo(this);
    return this;
  }

  /** The client completed the subscription, or its socket closed. */
  stop(): void {
    this.silent = true;
    this.feed.close();
  }

  /** One `next` frame around a payload's JSON bytes. */
  write(payload: Buffer) {
    if (this.silent) return;
    this.socket.sendParts([this.prefix, payload, CLOSE_BRACE]);
  }

  fail(error: unknown) {
    if (this.silent) return;
    this.silent = true;
    this.feed.close();
    this.leave();
    this.socket.fail(error);
  }

  item(event: ConversationEventRow, live: boolean) {
    if (this.socket.backlog() > MAX_SOCKET_BACKLOG) return this.socket.stalled();
    if (live && this.ownInFlight === 0) {
      this.tail = this.group.join(event, this);
      return;
    }
    this.ownInFlight += 1;
    const bytes = settledLater(this.group.run.own(event));
    void this.chain(async () => this.write(Buffer.from(await bytes))).finally(() => (this.ownInFlight -= 1));
  }

  end(reason: typeof MEMBERSHIP_ENDED | { error: unknown } | 'closed') {
    // After everything already on its way.
    void this.chain(async () => {
      if (reason === 'closed') return this.leave();
      if (typeof reason === 'object') return this.fail(reason.error);
      this.write(Buffer.from(await this.group.run.last()));
      this.leave();
      this.socket.end();
    });
  }

  /** Runs `step` once what is on its way was written; what follows waits for it. A failure fails the subscription. */
  private chain(step: () => Promise<void> | void): Promise<void> {
    const done = (this.tail ?? Promise.resolve()).then(step).catch((error: unknown) => this.fail(error));
    this.tail = done;
    return done;
  }

  private leave() {
    if (this.left) return;
    this.left = true;
    this.group.remove();
  }
}

/** A promise awaited later, after others: its rejection is handled where it is awaited, not reported as unhandled. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
