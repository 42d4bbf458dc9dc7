import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { UserError } from '../errors.ts';

/** Per user: at most `points` in `seconds`. Shared by every API process through Redis (in-process without it). */
export const RATE_LIMITS = {
  sendMessage: { points: 30, seconds: 10 },
  setTyping: { points: 20, seconds: 10 },
  submitJob: { points: 20, seconds: 60 },
  createConversation: { points: 20, seconds: 60 },
  connect: { points: 30, seconds: 60 },
} as const;

export type RateLimitedAction = keyof typeof RATE_LIMITS;

export interface RateLimits {
  /** Counts one `action` for `userId`; throws RATE_LIMITED (extensions.retryAfter in seconds) past the limit. */
  consume(action: RateLimitedAction, userId: string): Promise<void>;
}

export function createRateLimits(options: { enabled: boolean; redis?: Redis; prefix: string }): RateLimits {
  if (!options.enabled) return { consume: async () => {} };
  const limiters = Object.fromEntries(
    Object.entries(RATE_LIMITS).map(([action, { points, seconds }]) => {
      const memory = new RateLimiterMemory({ points, duration: seconds, keyPrefix: action });
      const limiter: RateLimiterAbstract = options.redis
        ? new RateLimiterRedis({
            storeClient: options.redis,
            points,
            duration: seconds,
            keyPrefix: `${options.prefix}ratelimit:${action}`,
            // While Redis is down each process limits on its own rather than refusing everyone.
            insuranceLimiter: memory,
          })
        : memory;
      return [action, limiter];
    }),
  ) as Record<RateLimitedAction, RateLimiterAbstract>;

  return {
    async consume(action, userId) {
      try {
        await limiters[action].consume(userId);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new UserError('RATE_LIMITED', `Too many ${action} requests: try again in ${retryAfter} s`, { retryAfter });
      }
    },
  };
}
