import { RedisPubSub } from 'graphql-redis-subscriptions';
import { PubSub as MemoryPubSub } from 'graphql-subscriptions';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { topicKey, type Topic, type TopicPayloads } from './topics.ts';

export interface PubSub {
  kind: 'redis' | 'memory';
  /** Fire and forget: a publish never fails or delays the mutation that committed the event (resume covers a loss). */
  publish<T extends Topic>(topic: T, id: string, payload: TopicPayloads[T]): void;
  /**
   * Events of one topic until the returned iterator is returned (the Redis channel is shared per process). Lazy: nothing
   * is subscribed before the first next(), so an iterator that is dropped unread holds nothing.
   */
  subscribe<T extends Topic>(topic: T, id: string): AsyncIterableIterator<TopicPayloads[T]>;
  /**
   * Like subscribe, but subscribes at once and says when it is in place: every event published after `ready` resolved
   * is delivered (unless Redis drops it). The caller must return() it, whatever happens.
   */
  listen<T extends Topic>(topic: T, id: string): Listener<TopicPayloads[T]>;
  /**
   * The push form of listen: `onEvent` runs for each event, in order, with the same payload object for every watcher of
   * this process. stop() releases the channel; ready behaves as listen's.
   */
  watch<T extends Topic>(topic: T, id: string, onEvent: (payload: TopicPayloads[T]) => void): Watch;
  /** Commands connection (fails fast while Redis is down), for presence and typing state; undefined in-process. */
  redis?: Redis;
  /**
   * Since when this process has been receiving every event published (Date.now() milliseconds): 0 in-process; with Redis,
   * since its subscriber connection last came back (Infinity while it is down). Redis pub/sub drops what is published
   * while a subscriber is away, so state kept from events is only as good as this.
   */
  deliveringSince(): number;
  /** Resolves once Redis is connected, or after `timeoutMs` (the API starts degraded rather than not at all). */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface Listener<T> extends AsyncIterableIterator<T> {
  /**
   * Resolves once the subscription is in place (Redis acknowledged SUBSCRIBE), or as soon as the listener is returned
   * (so that nothing waits on Redis for a listener nobody wants); rejects when it could not be made.
   */
  ready: Promise<void>;
}

export interface Watch {
  ready: Promise<void>;
  stop(): void;
}

/**
 * Events a subscriber may have waiting before the oldest are dropped. Redis hands over a whole burst at once, faster
 * than any subscriber consumes it: an unbounded queue would grow with a stalled socket, and a throwing one (Repeater's
 * limit of 1,024 pending pushes) throws inside the Redis client's message handler, which crashes the process. A dropped
 * conversation event is read back from Postgres (the stream sees the gap); typing and presence are ephemeral anyway.
 */
export const MAX_BUFFERED_EVENTS = 1_000;

/** After the subscriber connection is ready again, the time its channels take to be subscribed again (generous). */
const RESUBSCRIBED_WITHIN_MS = 1_000;

interface Engine {
  publish(trigger: string, payload: unknown): Promise<void>;
  subscribe(trigger: string, onMessage: (payload: never) => void): Promise<number>;
  unsubscribe(subId: number): void;
}

export interface PubSubOptions {
  redisUrl?: string;
  /** Prepended to every channel, so that deployments (and test files) sharing one Redis stay apart. */
  prefix?: string;
  logger: Logger;
}

export function redisConnection(url: string, logger: Logger, name: string): Redis {
  const client = new Redis(url, {
    connectionName: `uvian-api:${name}`,
    // Retry for ever, with a capped backoff: Redis coming back must be enough for us to recover.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    maxRetriesPerRequest: null,
  });
  client.on('error', (error) => logger.warn({ err: error, redis: name }, 'redis connection error'));
  return client;
}

export function createPubSub(options: PubSubOptions): PubSub {
  const prefix = options.prefix ?? '';
  const channel = (topic: Topic, id: string) => `${prefix}${topicKey[topic](id)}`;
  let engine: Engine;
  let closeEngine: () => Promise<void>;
  let commands: Redis | undefined;
  let subscriberClient: Redis | undefined;
  let deliveringSince = options.redisUrl ? Infinity : 0;
  if (options.redisUrl) {
    const publisher = redisConnection(options.redisUrl, options.logger, 'publisher');
    // While Redis is down, publishing fails at once instead of queueing: nothing waits on an event.
    publisher.options.enableOfflineQueue = false;
    publisher.options.maxRetriesPerRequest = 0;
    // A message to a channel of thousands publishes a notification per member: sent as one write per tick, not each.
    publisher.options.enableAutoPipelining = true;
    const subscriber = redisConnection(options.redisUrl, options.logger, 'subscriber');
    // ioredis resubscribes right after 'ready': a second later every channel is back.
    subscriber.on('ready', () => (deliveringSince = Date.now() + RESUBSCRIBED_WITHIN_MS));
    subscriber.on('close', () => (deliveringSince = Infinity));
    const redis = new RedisPubSub({ publisher, subscriber });
    commands = publisher;
    subscriberClient = subscriber;
    engine = redis;
    closeEngine = async () => {
      publisher.disconnect();
      subscriber.disconnect();
    };
  } else {
    engine = new MemoryPubSub() as unknown as Engine;
    closeEngine = async () => {};
  }

  const dropped = (topic: Topic, id: string) => {
    let warned = false;
    return () => {
      if (warned) return;
      warned = true;
      options.logger.warn({ topic, id }, 'subscriber too slow: oldest events dropped (conversation streams read them back)');
    };
  };

  /**
   * An iterator over one channel, subscribed at once. Its queue is bounded (see MAX_BUFFERED_EVENTS); return() takes
   * effect immediately, even while a next() is waiting (that next() then resolves as done), and releases the channel.
   */
  /** One callback on one channel, subscribed at once; see PubSub.watch. */
  function watch<P>(trigger: string, onEvent: (payload: P) => void, onFailure: (error: unknown) => void): Watch {
    let subId: number | undefined;
    let stopped = false;
    let signalStop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (signalStop = resolve));
    const subscribed = engine
      .subscribe(trigger, (payload: never) => {
        if (!stopped) onEvent(payload);
      })
      .then(
        (id) => {
          // Stopped while Redis was still acknowledging: let go now.
          if (stopped) engine.unsubscribe(id);
          else subId = id;
        },
        (error: unknown) => {
          if (!stopped) onFailure(error);
          stopped = true;
          throw error;
        },
      );
    // The failure reaches whoever awaits `ready`; it is not unhandled when nobody does.
    subscribed.catch(() => {});
    const ready = Promise.race([subscribed, stopSignal]);
    ready.catch(() => {});
    return {
      ready,
      stop() {
        if (stopped) return;
        stopped = true;
        signalStop();
        if (subId !== undefined) engine.unsubscribe(subId);
        subId = undefined;
      },
    };
  }

  function listen<P>(trigger: string, onDrop: () => void): Listener<P> {
    const queue: P[] = [];
    const waiting: { resolve: (result: IteratorResult<P>) => void; reject: (error: unknown) => void }[] = [];
    let ended = false;
    let failure: { error: unknown } | undefined;

    const channel = watch<P>(
      trigger,
      (payload) => {
        if (ended) return;
        const waiter = waiting.shift();
        if (waiter) return waiter.resolve({ value: payload, done: false });
        if (queue.length >= MAX_BUFFERED_EVENTS) {
          queue.shift();
          onDrop();
        }
        queue.push(payload);
      },
      (error) => {
        // Whoever waits gets the error; otherwise the next next() does, once.
        const waiters = waiting.splice(0);
        if (!ended && waiters.length === 0) failure = { error };
        for (const waiter of waiters) waiter.reject(error);
        ended = true;
      },
    );
    const end = () => {
      if (ended) return;
      ended = true;
      queue.length = 0;
      channel.stop();
      for (const waiter of waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
    };
    const ready = channel.ready;

    const listener: Listener<P> = {
      ready,
      next() {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (failure) {
          const { error } = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        end();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error?: unknown) {
        end();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return listener;
      },
    };
    return listener;
  }

  return {
    kind: options.redisUrl ? 'redis' : 'memory',
    deliveringSince: () => deliveringSince,
    publish(topic, id, payload) {
      engine.publish(channel(topic, id), payload).catch((error: unknown) => {
        options.logger.warn({ err: error, topic, id }, 'publish failed; subscribers will catch up on resume');
      });
    },
    subscribe<T extends Topic>(topic: T, id: string) {
      let inner: Listener<TopicPayloads[T]> | undefined;
      let ended = false;
      const finished = (): Promise<IteratorResult<TopicPayloads[T]>> => Promise.resolve({ value: undefined, done: true });
      const iterator: AsyncIterableIterator<TopicPayloads[T]> = {
        next() {
          if (ended) return finished();
          inner ??= listen(channel(topic, id), dropped(topic, id));
          return inner.next();
        },
        return() {
          ended = true;
          return inner ? inner.return!() : finished();
        },
        throw(error?: unknown) {
          ended = true;
          void inner?.return!();
          return Promise.reject(error);
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
    listen<T extends Topic>(topic: T, id: string) {
      return listen<TopicPayloads[T]>(channel(topic, id), dropped(topic, id));
    },
    watch<T extends Topic>(topic: T, id: string, onEvent: (payload: TopicPayloads[T]) => void) {
      return watch<TopicPayloads[T]>(channel(topic, id), onEvent, () => {});
    },
    redis: commands,
    async ready(timeoutMs) {
      if (!commands || !subscriberClient) return true;
      const connected = (client: Redis) =>
        client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', resolve));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const result = await Promise.race([
        Promise.all([connected(commands), connected(subscriberClient)]).then(() => true),
        timeout,
      ]);
      clearTimeout(timer);
      return result;
    },
    close: closeEngine,
  };
}
