import type { ExecutionResult } from 'graphql';
import type { SocketSink } from '../context.ts';
import type { ConversationEventRow } from '../db/types.ts';
import { MEMBERSHIP_ENDED, type ConversationFeed } from '../resolvers/conversation-feed.ts';

/** Bytes a socket may have unsent before its subscriber counts as stalled (it is closed and resumes on reconnect). */
export const MAX_SOCKET_BACKLOG = 8 * 1024 * 1024;

/** How a subscription turns an event into the JSON of its graphql-ws payload. */
export interface PushRun {
  /** This subscription's group: subscribers with the same key get the same bytes for the same live event. */
  groupKey: string;
  /** Executes and serialises one event for this subscriber. */
  serialise(event: ConversationEventRow): Promise<string>;
  /** The result that ends the stream when the viewer leaves (a FORBIDDEN error). */
  last(): Promise<ExecutionResult>;
}

interface Group {
  writers: SocketWriter[];
  done: Promise<void>;
}

/**
 * Live events reach every subscriber of a conversation on this process in the same tick, as the same object. The first
 * subscriber of a group to see one starts its execution; the others join the group, and when the bytes are ready one loop
 * writes them to every socket of the group. Broadcasts of one group follow each other in sequence order.
 */
export class SocketBroadcast {
  private readonly groups = new WeakMap<ConversationEventRow, Map<string, Group>>();
  /** The last broadcast of each conversation and group: the next one waits for it. */
  private readonly tails = new Map<string, Promise<void>>();

  join(event: ConversationEventRow, run: PushRun, writer: SocketWriter): Promise<void> {
    let byKey = this.groups.get(event);
    if (!byKey) this.groups.set(event, (byKey = new Map()));
    let group = byKey.get(run.groupKey);
    if (!group) {
      const writers: SocketWriter[] = [];
      const text = run.serialise(event);
      const chain = `${event.conversation_id}\u0000${run.groupKey}`;
      const previous = this.tails.get(chain);
      const done = (previous ? previous.then(() => text) : text).then(
        (bytes) => {
          for (const each of writers) each.write(bytes);
        },
        (error: unknown) => {
          for (const each of writers) each.fail(error);
        },
      );
      this.tails.set(chain, done);
      void done.then(() => {
        if (this.tails.get(chain) === done) this.tails.delete(chain);
      });
      group = { writers, done };
      byKey.set(run.groupKey, group);
    }
    group.writers.push(writer);
    return group.done;
  }
}

/**
 * One graphql-ws subscription fed straight to its socket. Live events go through the group broadcast; replayed events,
 * and live ones while this subscriber still has its own writes on their way, are executed for it alone, in order.
 */
export class SocketWriter {
  private readonly prefix: string;
  private closed = false;
  /** The last write on its way (a group broadcast or an own execution). */
  private tail: Promise<void> = Promise.resolve();
  private ownInFlight = 0;
  private readonly ended: Promise<IteratorResult<ExecutionResult>>;
  private settle!: (result: IteratorResult<ExecutionResult>) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly socket: SocketSink,
    private readonly feed: ConversationFeed,
    private readonly run: PushRun,
    private readonly broadcast: SocketBroadcast,
  ) {
    this.prefix = `{"id":${JSON.stringify(socket.id)},"type":"next","payload":`;
    this.ended = new Promise((resolve, reject) => {
      this.settle = resolve;
      this.reject = reject;
    });
    this.ended.catch(() => {});
  }

  /** What graphql-ws iterates: nothing until the end, then the final FORBIDDEN (if the viewer left), then done. */
  start(): AsyncIterableIterator<ExecutionResult> {
    this.feed.pushTo({ item: (event, live) => this.item(event, live), end: (reason) => this.end(reason) });
    let endedOnce = false;
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: () => {
        if (endedOnce) return Promise.resolve({ value: undefined, done: true });
        endedOnce = true;
        return this.ended;
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        this.close();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  write(bytes: string) {
    if (!this.closed) this.socket.send(`${this.prefix}${bytes}}`);
  }

  fail(error: unknown) {
    this.feed.close();
    this.closed = true;
    this.reject(error);
  }

  private item(event: ConversationEventRow, live: boolean) {
    if (this.socket.backlog() > MAX_SOCKET_BACKLOG) return this.socket.stalled();
    if (live && this.ownInFlight === 0) {
      this.tail = this.broadcast.join(event, this.run, this);
      return;
    }
    this.ownInFlight += 1;
    const bytes = this.run.serialise(event);
    const previous = this.tail;
    this.tail = previous
      .then(() => bytes)
      .then(
        (text) => this.write(text),
        (error: unknown) => this.fail(error),
      )
      .finally(() => (this.ownInFlight -= 1));
  }

  private end(reason: typeof MEMBERSHIP_ENDED | { error: unknown } | 'closed') {
    // After everything already on its way.
    void this.tail.then(async () => {
      if (reason === 'closed') return this.settle({ value: undefined, done: true });
      if (reason === MEMBERSHIP_ENDED) return this.settle({ value: await this.run.last(), done: false });
      this.reject(reason.error);
    });
  }

  private close() {
    this.closed = true;
    this.feed.close();
    this.settle({ value: undefined, done: true });
  }
}
