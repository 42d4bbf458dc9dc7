import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { PubSub } from './pubsub.ts';

/** A typing state not refreshed within this long expires, and watchers hear isTyping: false. */
export const TYPING_TTL_MS = 5_000;

export interface TypingTracker {
  set(conversationId: string, userId: string, isTyping: boolean): Promise<void>;
  close(): void;
}

/**
 * Typing is ephemeral (never stored in Postgres, never replayed). With Redis, the state is a key with a TTL, so a
 * refresh that lands on another API process keeps it alive; the process that last saw "typing" checks the key when it
 * should have expired and announces the end once it is gone.
 */
export function createTypingTracker(options: {
  pubsub: PubSub;
  redis?: Redis;
  prefix: string;
  logger: Logger;
  ttlMs?: number;
}): TypingTracker {
  const ttl = options.ttlMs ?? TYPING_TTL_MS;
  const timers = new Map<string, NodeJS.Timeout>();
  const key = (conversationId: string, userId: string) => `${options.prefix}typing:${conversationId}:${userId}`;
  const announce = (conversationId: string, userId: string, isTyping: boolean) =>
    options.pubsub.publish('typing', conversationId, { conversationId, userId, isTyping });

  const schedule = (conversationId: string, userId: string, delay: number) => {
    const id = key(conversationId, userId);
    clearTimeout(timers.get(id));
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        void expire(conversationId, userId);
      }, delay),
    );
  };

  const expire = async (conversationId: string, userId: string) => {
    if (options.redis) {
      try {
        const remaining = await options.redis.pttl(key(conversationId, userId));
        if (remaining > 0) return schedule(conversationId, userId, remaining + 50);
      } catch (error) {
        options.logger.warn({ err: error }, 'typing state unreadable; announcing its end');
      }
    }
    announce(conversationId, userId, false);
  };

  return {
    async set(conversationId, userId, isTyping) {
      const id = key(conversationId, userId);
      if (isTyping) {
        await options.redis?.set(id, '1', 'PX', ttl).catch((error: unknown) => {
          options.logger.warn({ err: error }, 'typing state not stored');
        });
        schedule(conversationId, userId, ttl + 50);
      } else {
        clearTimeout(timers.get(id));
        timers.delete(id);
        await options.redis?.del(id).catch(() => {});
      }
      announce(conversationId, userId, isTyping);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
