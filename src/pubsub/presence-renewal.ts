import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Renews users' presence entries in one command: for each user, this process's entry in their set (scored by when it
 * expires) and the set's TTL, and their latest expiry in the online set (raised, never lowered). The same writes as a
 * pipeline of two commands per user, but one command per batch: a heartbeat of thousands of users allocated a command
 * object with its promise per write, and those lived until Redis answered, long enough to be promoted to the old
 * generation and to make full collections run in the middle of fan-outs.
 *
 * KEYS: the online set, then each user's set; ARGV: expiry (ms since epoch), the sets' TTL (ms), this process's id,
 * then the user ids in the order of their keys.
 */
const RENEW_SCRIPT = `
local expiry, ttl, process = ARGV[1], ARGV[2], ARGV[3]
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], expiry, process)
  redis.call('PEXPIRE', KEYS[i], ttl)
  redis.call('ZADD', KEYS[1], 'GT', expiry, ARGV[i + 2])
end
return #KEYS - 1
`;

export const RENEW_SHA = createHash('sha1').update(RENEW_SCRIPT).digest('hex');

export interface PresenceRenewal {
  entryTtlMs: number;
  processId: string;
  onlineKey: string;
  userKey(userId: string): string;
}

/** Renews these users' entries until `expiresAt` (ms since epoch); resolves to how many were renewed. */
export async function renewPresence(redis: Redis, how: PresenceRenewal, userIds: readonly string[], expiresAt: number): Promise<number> {
  const keys = [how.onlineKey];
  for (const userId of userIds) keys.push(how.userKey(userId));
  const args = [...keys, expiresAt, how.entryTtlMs, how.processId, ...userIds];
  // By its hash, and the script itself only when Redis does not have it yet (after a restart, say). Not through
  // ioredis's defineCommand: defining a command on a client with auto-pipelining after it has sent commands in the same
  // tick breaks that tick's pipeline (redis/ioredis#1931).
  try {
    return (await redis.evalsha(RENEW_SHA, keys.length, ...args)) as number;
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return (await redis.eval(RENEW_SCRIPT, keys.length, ...args)) as number;
  }
}
