import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../logger.ts';
import { createPresenceReadings, READINGS_KEPT_FROM, type PresenceReadings } from './presence-readings.ts';
import { renewPresence } from './presence-renewal.ts';
import type { PubSub } from './pubsub.ts';

/** Each process renews its users' entries this often; an entry not renewed for PRESENCE_TTL_MS means its process died. */
export const HEARTBEAT_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;
const RENEW_BATCH = 500;
/** How often a slot of users is renewed (a heartbeat's worth of ticks renews everyone once). */
const RENEW_TICK_MS = 250;

export interface Presence {
  /** A socket of this user opened on this process. */
  connected(userId: string): void;
  /** A socket of this user closed on this process. */
  disconnected(userId: string): void;
  /**
   * Whether each user is online. With `reuseFor`, a key naming the list (a conversation's members, asked about for each
   * of its messages), a recent reading of the same list may answer if it is long (READINGS_KEPT_FROM users or more),
   * corrected by the changes announced since (presence-readings.ts).
   */
  isOnline(userIds: readonly string[], reuseFor?: string): Promise<boolean[]>;
  /** Whether this user has a live socket on this process. */
  connectedHere(userId: string): boolean;
  close(): Promise<void>;
}

/**
 * A user is online while at least one live socket of theirs exists on any API process. Locally each process counts its
 * sockets per user; in Redis each user has a sorted set of the processes holding a socket of theirs, scored by when the
 * entry expires, and one set lists every online user by their latest expiry. Heartbeats renew the entries; a sweep finds
 * users whose every entry expired (their processes died) and announces them offline — exactly once, since only the
 * process whose ZREM succeeds does it.
 */
export function createPresence(options: {
  db: Db;
  pubsub: PubSub;
  redis?: Redis;
  prefix: string;
  logger: Logger;
  heartbeatMs?: number;
  ttlMs?: number;
}): Presence {
  const { db, pubsub, redis, logger } = options;
  const ttl = options.ttlMs ?? PRESENCE_TTL_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const processId = randomUUID();
  const sockets = new Map<string, number>();
  const userKey = (userId: string) => `${options.prefix}presence:user:${userId}`;
  const onlineKey = `${options.prefix}presence:online`;

  const announce = async (userId: string, online: boolean) => {
    pubsub.publish('presenceChange', '', { userId, online });
    try {
      let lastSeenAt: string | null = null;
      if (!online) {
        const row = await db
          .updateTable('profiles')
          .set({ last_seen_at: sql`now()` })
          .where('id', '=', userId)
          .returning('last_seen_at')
          .executeTakeFirst();
        lastSeenAt = row?.last_seen_at?.toISOString() ?? null;
      }
      const spaces = await db.selectFrom('space_members').select('space_id').where('user_id', '=', userId).execute();
      for (const { space_id } of spaces) {
        pubsub.publish('presence', space_id, { spaceId: space_id, userId, online, lastSeenAt });
      }
    } catch (error) {
      logger.warn({ err: error, userId }, 'presence change not announced');
    }
  };

  // Redis calls here are best effort: while Redis is down presence is stale, and it heals with the next heartbeat.
  const guarded = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      logger.warn({ err: error }, `presence: ${what} failed`);
      return undefined;
    }
  };

  // Socket opens and closes update presence in the background; close() waits for what is in flight, so that a shutdown
  // neither races the database pool nor leaves Redis entries behind.
  const pending = new Set<Promise<unknown>>();
  const inBackground = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const renewal = { onlineKey, userKey, processId, entryTtlMs: ttl * 2 };
  const renew = (userIds: readonly string[]) => renewPresence(redis!, renewal, userIds, Date.now() + ttl);

  /** Entries of live processes for this user, after dropping the expired ones. */
  const liveEntries = async (userId: string) => {
    const result = await redis!
      .multi()
      .zremrangebyscore(userKey(userId), '-inf', Date.now())
      .zcard(userKey(userId))
      .exec();
    return Number(result?.[1]?.[1] ?? 0);
  };

  // Each user is renewed once per heartbeat, but not all at once: users are dealt into slots and each tick renews one
  // slot, so that thousands of renewals never hold this event loop or Redis up at one moment (as one burst every
  // heartbeat did, showing as a latency spike in a fan-out that met it).
  const slots = Array.from({ length: Math.max(1, Math.round(heartbeatMs / RENEW_TICK_MS)) }, () => new Set<string>());
  const slotOf = new Map<string, number>();
  let dealt = 0;
  let tick = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  if (redis) {
    heartbeat = setInterval(() => {
      tick = (tick + 1) % slots.length;
      const users = [...slots[tick]!];
      const sweep = tick === 0;
      void guarded('heartbeat', async () => {
        for (let i = 0; i < users.length; i += RENEW_BATCH) await renew(users.slice(i, i + RENEW_BATCH));
        if (!sweep) return;
        const expired = await redis.zrangebyscore(onlineKey, '-inf', Date.now(), 'LIMIT', 0, 500);
        for (const userId of expired) {
          if ((await liveEntries(userId)) > 0) continue;
          if ((await redis.zrem(onlineKey, userId)) === 1) await announce(userId, false);
        }
      });
    }, heartbeatMs / slots.length);
    heartbeat.unref();
  }

  /** Each user's presence expiry: Infinity with a socket here, else the latest expiry across processes (0 if none). */
  const onlineUntil = async (userIds: readonly string[]): Promise<Float64Array> => {
    const until = new Float64Array(userIds.length);
    if (userIds.length === 0) return until;
    // The online set holds each user's latest expiry across processes: one command answers for any number of users.
    const scores = await guarded('read', () => redis!.zmscore(onlineKey, ...userIds));
    userIds.forEach((id, i) => (until[i] = sockets.has(id) ? Infinity : Number(scores?.[i] ?? 0)));
    return until;
  };
  // A reading shows every online user's expiry at least ttl - heartbeat ahead (renewals come every heartbeat), so for
  // that long (and at most a heartbeat) none of them lapses in it while still being renewed.
  const readingFreshForMs = Math.max(0, Math.min(heartbeatMs, ttl - heartbeatMs));
  let readings: PresenceReadings | undefined;

  return {
    connected(userId) {
      const count = (sockets.get(userId) ?? 0) + 1;
      sockets.set(userId, count);
      if (count > 1) return;
      const slot = (dealt += 1) % slots.length;
      slots[slot]!.add(userId);
      slotOf.set(userId, slot);
      if (!redis) return inBackground(announce(userId, true));
      inBackground(
        guarded('connect', async () => {
          const before = await liveEntries(userId);
          await renew([userId]);
          if (before === 0) await announce(userId, true);
        }),
      );
    },
    disconnected(userId) {
      const count = (sockets.get(userId) ?? 1) - 1;
      if (count > 0) return void sockets.set(userId, count);
      sockets.delete(userId);
      slots[slotOf.get(userId) ?? 0]!.delete(userId);
      slotOf.delete(userId);
      if (!redis) return inBackground(announce(userId, false));
      inBackground(
        guarded('disconnect', async () => {
          await redis.zrem(userKey(userId), processId);
          if ((await liveEntries(userId)) > 0) return;
          if ((await redis.zrem(onlineKey, userId)) === 1) await announce(userId, false);
        }),
      );
    },
    connectedHere: (userId) => sockets.has(userId),
    async isOnline(userIds, reuseFor) {
      if (!redis) return userIds.map((id) => sockets.has(id));
      if (reuseFor !== undefined && userIds.length >= READINGS_KEPT_FROM) {
        // Made on first use: only processes that ask about long lists this way (job workers of large conversations)
        // listen to every presence change.
        readings ??= createPresenceReadings({ pubsub, freshForMs: readingFreshForMs, read: onlineUntil });
        return readings.isOnline(reuseFor, userIds);
      }
      const until = await onlineUntil(userIds);
      const now = Date.now();
      return Array.from(until, (each) => each > now);
    },
    async close() {
      clearInterval(heartbeat);
      readings?.stop();
      while (pending.size > 0) await Promise.allSettled([...pending]);
      if (!redis) return;
      // A clean shutdown takes this process's entries away now instead of letting them expire.
      await guarded('shutdown', async () => {
        for (const userId of sockets.keys()) await redis.zrem(userKey(userId), processId);
      });
      for (const userId of [...sockets.keys()]) {
        sockets.delete(userId);
        if ((await guarded('shutdown', () => liveEntries(userId))) === 0) {
          if ((await guarded('shutdown', () => redis.zrem(onlineKey, userId))) === 1) await announce(userId, false);
        }
      }
    },
  };
}
