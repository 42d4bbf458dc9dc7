/**
 * Adds `entry` to a cache of id lists kept most recently used last, then drops the least recently used entries until
 * the lists hold at most `maxIds` ids in all.
 */
export function keepWithin<E extends { ids: readonly unknown[] }>(cache: Map<string, E>, key: string, entry: E, maxIds: number) {
  cache.delete(key);
  cache.set(key, entry);
  let total = 0;
  for (const each of cache.values()) total += each.ids.length;
  for (const [id, each] of cache) {
    if (total <= maxIds) break;
    cache.delete(id);
    total -= each.ids.length;
  }
}
