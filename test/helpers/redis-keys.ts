import { Redis } from 'ioredis';

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

/**
 * Deletes every Redis key under `prefix` (queues, presence, rate limits; pub/sub channels leave nothing behind) and
 * returns the keys found under it afterwards: none, unless something still running wrote meanwhile.
 */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<string[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await keysUnder(redis, prefix);
    for (let start = 0; start < keys.length; start += 1000) await redis.unlink(...keys.slice(start, start + 1000));
    return await keysUnder(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
