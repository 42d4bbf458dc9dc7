import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENEW_SHA, renewPresence } from '../src/pubsub/presence-renewal.ts';
import { privateRedis } from './helpers/processes.ts';
import { deleteRedisKeys } from './helpers/redis-keys.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-renewal-${randomBytes(4).toString('hex')}:`;

// The heartbeat's writes, checked in Redis itself: what the sweep and isOnline of every process read.
describe('presence renewal', () => {
  let redis: Redis;
  const renewal = (processId: string) => ({
    onlineKey: `${prefix}presence:online`,
    userKey: (userId: string) => `${prefix}presence:user:${userId}`,
    processId,
    entryTtlMs: 60_000,
  });

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  });

  afterAll(async () => {
    redis?.disconnect();
    await deleteRedisKeys(REDIS_URL, prefix);
  });

  it("writes each user's entry for this process with its expiry and TTL, and their latest expiry in the online set", async () => {
    // A Redis that has not seen the script yet (as after a restart): it is sent whole once, by its hash afterwards.
    const fresh = await privateRedis();
    await fresh.start();
    const client = new Redis(fresh.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      expect(await renewPresence(client, renewal('process-a'), ['u0'], Date.now() + 30_000)).toBe(1);
      expect(await client.zcard(`${prefix}presence:user:u0`)).toBe(1);
      expect(await client.script('EXISTS', RENEW_SHA)).toEqual([1]);
    } finally {
      client.disconnect();
      await fresh.kill();
    }

    const expiry = Date.now() + 30_000;
    expect(await renewPresence(redis, renewal('process-a'), ['u1', 'u2'], expiry)).toBe(2);
    expect(await renewPresence(redis, renewal('process-b'), ['u2'], expiry + 5_000)).toBe(1);

    expect(await redis.zrange(`${prefix}presence:user:u1`, 0, -1, 'WITHSCORES')).toEqual(['process-a', String(expiry)]);
    expect(await redis.zrange(`${prefix}presence:user:u2`, 0, -1, 'WITHSCORES')).toEqual([
      'process-a',
      String(expiry),
      'process-b',
      String(expiry + 5_000),
    ]);
    const ttl = await redis.pttl(`${prefix}presence:user:u1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await redis.zmscore(`${prefix}presence:online`, 'u1', 'u2', 'u3')).toEqual([String(expiry), String(expiry + 5_000), null]);
  });

  it("never lowers a user's latest expiry in the online set, while it moves this process's own entry", async () => {
    const later = Date.now() + 40_000;
    await renewPresence(redis, renewal('process-a'), ['u3'], later);
    await renewPresence(redis, renewal('process-c'), ['u3'], later - 10_000);
    expect(await redis.zscore(`${prefix}presence:online`, 'u3')).toBe(String(later));
    await renewPresence(redis, renewal('process-a'), ['u3'], later + 1_000);
    expect(await redis.zscore(`${prefix}presence:user:u3`, 'process-a')).toBe(String(later + 1_000));
    expect(await redis.zscore(`${prefix}presence:online`, 'u3')).toBe(String(later + 1_000));
  });
});
