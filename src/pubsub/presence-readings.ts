import { keepWithin } from '../id-list-cache.ts';
import type { PubSub } from './pubsub.ts';

/** Lists shorter than this are not kept: asking Redis about them costs no more than checking a reading. */
export const READINGS_KEPT_FROM = 100;
/** User ids kept in readings in all (each with its expiry, about 60 bytes). */
const MAX_KEPT_IDS = 1_000_000;

interface Reading {
  ids: readonly string[];
  /** Each user's presence expiry as read (Date.now() milliseconds; Infinity for a socket on this process, 0 offline). */
  until: Float64Array;
  /** When the read was sent. */
  at: number;
}

export interface PresenceReadings {
  isOnline(key: string, ids: readonly string[]): Promise<boolean[]>;
  stop(): void;
}

/**
 * Presence of the same long list of users, asked again and again (every member of a channel of thousands, for each of
 * its messages), answered from one reading for a while instead of a Redis command with thousands of arguments each
 * time. A reading is corrected by every presence change announced since it was taken (users come online or go offline
 * through `presenceChange` events), and its expiries by the clock (a dead process's users lapse as they would in Redis);
 * it is read again once it is `freshForMs` old, because renewals are not announced and an old expiry could lapse while
 * its user is still online. While events may have been lost (the subscriber connection was down), no reading is used.
 */
export function createPresenceReadings(options: {
  pubsub: PubSub;
  freshForMs: number;
  read: (ids: readonly string[]) => Promise<Float64Array>;
}): PresenceReadings {
  const { pubsub, freshForMs, read } = options;
  const readings = new Map<string, Reading>();
  /** The latest change per user, oldest first, for as long as a reading may be used. */
  const changes = new Map<string, { online: boolean; at: number }>();
  let listeningSince = Infinity;
  const watch = pubsub.watch('presenceChange', '', ({ userId, online }) => {
    const at = Date.now();
    changes.delete(userId);
    changes.set(userId, { online, at });
    for (const [id, change] of changes) {
      if (at - change.at <= freshForMs) break;
      changes.delete(id);
    }
  });
  watch.ready.then(
    () => (listeningSince = Date.now()),
    () => {},
  );

  return {
    async isOnline(key, ids) {
      const reading = readings.get(key);
      const now = Date.now();
      const trustedFrom = Math.max(listeningSince, pubsub.deliveringSince());
      if (reading && reading.ids === ids && reading.at >= trustedFrom && now - reading.at < freshForMs) {
        // Most recently used last: the first ones are dropped when too many are kept.
        readings.delete(key);
        readings.set(key, reading);
        return ids.map((id, i) => {
          const change = changes.get(id);
          return change && change.at >= reading.at ? change.online : reading.until[i]! > now;
        });
      }
      const at = Date.now();
      const until = await read(ids);
      if (ids.length >= READINGS_KEPT_FROM) keepWithin(readings, key, { ids, until, at }, MAX_KEPT_IDS);
      const after = Date.now();
      return Array.from(until, (each) => each > after);
    },
    stop: () => watch.stop(),
  };
}
