import DataLoader from 'dataloader';

export interface LoaderOptions {
  /** Subscription contexts live as long as their socket: they must read fresh rows on every event. */
  cache: boolean;
}

/** One row (or null) per key, from one batched read; rows come back in key order whatever order the query returns. */
export function rowLoader<K extends string, Row>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  keyOf: (row: Row) => K,
  options: LoaderOptions,
): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(
    async (keys) => {
      const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row] as const));
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { cache: options.cache, maxBatchSize: 500 },
  );
}

/** A number per key (counts), zero where the query returns no row. */
export function countLoader<K extends string>(
  fetch: (keys: readonly K[]) => Promise<{ key: K; count: number }[]>,
  options: LoaderOptions,
): DataLoader<K, number> {
  return new DataLoader<K, number>(
    async (keys) => {
      const counts = new Map((await fetch(keys)).map((row) => [row.key, Number(row.count)] as const));
      return keys.map((key) => counts.get(key) ?? 0);
    },
    { cache: options.cache, maxBatchSize: 500 },
  );
}
