import { Repeater } from '@repeaterjs/repeater';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { PubSub as MemoryPubSub } from 'graphql-subscriptions';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { topicKey, type Topic, type TopicPayloads } from './topics.ts';

export interface PubSub {
  kind: 'redis' | 'memory';
  /** Fire and forget: a publish never fails or delays the mutation that committed the event (resume covers a loss). */
  publish<T extends Topic>(topic: T, id: string, payload: TopicPayloads[T]): void;
  /** Events of one topic until the returned iterator is returned (the Redis channel is shared per process). */
  subscribe<T extends Topic>(topic: T, id: string): AsyncIterableIterator<TopicPayloads[T]>;
  close(): Promise<void>;
}

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
  if (options.redisUrl) {
    const publisher = redisConnection(options.redisUrl, options.logger, 'publisher');
    // While Redis is down, publishing fails at once instead of queueing: nothing waits on an event.
    publisher.options.enableOfflineQueue = false;
    publisher.options.maxRetriesPerRequest = 0;
    const subscriber = redisConnection(options.redisUrl, options.logger, 'subscriber');
    const redis = new RedisPubSub({ publisher, subscriber });
    engine = redis as unknown as Engine;
    closeEngine = async () => {
      publisher.disconnect();
      subscriber.disconnect();
    };
  } else {
    engine = new MemoryPubSub() as unknown as Engine;
    closeEngine = async () => {};
  }

  return {
    kind: options.redisUrl ? 'redis' : 'memory',
    publish(topic, id, payload) {
      engine.publish(channel(topic, id), payload).catch((error: unknown) => {
        options.logger.warn({ err: error, topic, id }, 'publish failed; subscribers will catch up on resume');
      });
    },
    subscribe<T extends Topic>(topic: T, id: string) {
      return new Repeater<TopicPayloads[T]>(async (push, stop) => {
        let subId: number | undefined;
        let stopped = false;
        void stop.then(() => {
          stopped = true;
          if (subId !== undefined) engine.unsubscribe(subId);
        });
        subId = await engine.subscribe(channel(topic, id), (payload: never) => void push(payload));
        if (stopped) engine.unsubscribe(subId);
        await stop;
      });
    },
    close: closeEngine,
  };
}
