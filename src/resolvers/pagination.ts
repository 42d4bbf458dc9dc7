import { badInput } from '../errors.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** Cursors are opaque to clients: a kind tag and a JSON payload, base64url-encoded. */
export function encodeCursor(kind: string, payload: unknown): string {
  return Buffer.from(JSON.stringify([kind, payload])).toString('base64url');
}

export function decodeCursor<T>(kind: string, cursor: string, field: string, check: (payload: unknown) => payload is T): T {
  try {
    const [tag, payload] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (tag === kind && check(payload)) return payload;
  } catch {
    // fall through to the error below
  }
  throw badInput(`${field} is not a valid cursor`, field);
}

export function toConnection<Node>(
  nodes: Node[],
  cursorOf: (node: Node) => string,
  pageInfo: Omit<PageInfo, 'startCursor' | 'endCursor'>,
  totalCount: () => Promise<number>,
): Connection<Node> {
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      ...pageInfo,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** A keyset cursor over (timestamp, id), newest first: the timestamp at microsecond precision, as Postgres sorts it. */
export type TimeAndIdCursor = [string, string];

export const isTimeAndIdCursor = (value: unknown): value is TimeAndIdCursor =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  isCursorTime(value[0]) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value[1]);

/**
 * Exactly what microsecondTimestamp writes, and a real instant: the cursor's parts are cast to timestamptz and uuid in
 * SQL, and what Postgres refuses there (year 0, 2021-02-30, an id of 36 dashes) would fail the query (a masked
 * 500) where Date.parse accepts it or rolls it over.
 */
function isCursorTime(value: string): boolean {
  if (!/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 23) === value.slice(0, 23);
}
