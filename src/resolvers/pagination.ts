import { sql, type SelectQueryBuilder } from 'kysely';
import { microsecondTimestamp, olderThan } from '../db/sql-helpers.ts';
import { badInput } from '../errors.ts';
import { isUuid } from '../is-uuid.ts';

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
  cursorOf: (node: Node, index: number) => string,
  pageInfo: Omit<PageInfo, 'startCursor' | 'endCursor'>,
  totalCount: () => Promise<number>,
): Connection<Node> {
  const edges = nodes.map((node, index) => ({ cursor: cursorOf(node, index), node }));
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
  isUuid(value[1]);

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

/** Where a newest-first page starts: after the row its `after` cursor (tagged `kind`) names, or at the newest. */
export interface NewestFirstPage {
  kind: string;
  first: number;
  after: TimeAndIdCursor | null;
}

export function newestFirstPage(kind: string, args: { first: number; after?: string | null }): NewestFirstPage {
  return { kind, first: args.first, after: args.after ? decodeCursor(kind, args.after, 'after', isTimeAndIdCursor) : null };
}

/**
 * The rows of a newest-first page, by (time, id) descending: those after the cursor, one more than `first` (to tell
 * whether there is a next page), each with `cursor_time`, its time as the cursor writes it.
 */
export function selectNewestFirst<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keys: { time: string; id: string },
  page: NewestFirstPage,
) {
  const { after } = page;
  return query
    .select(microsecondTimestamp(keys.time).as('cursor_time'))
    .$if(after !== null, (qb) => qb.where(olderThan(keys.time, keys.id, after!)))
    .orderBy(sql.ref(keys.time), 'desc')
    .orderBy(sql.ref(keys.id), 'desc')
    .limit(page.first + 1);
}

/** The connection of the rows selectNewestFirst read, each row made a node by `toNode`. */
export function newestFirstConnection<Row extends { id: string; cursor_time: string }, Node>(
  page: NewestFirstPage,
  rows: Row[],
  toNode: (row: Row) => Node,
  totalCount: () => Promise<number>,
): Connection<Node> {
  const shown = rows.slice(0, page.first);
  return toConnection(
    shown.map(toNode),
    (_node, index) => encodeCursor(page.kind, [shown[index]!.cursor_time, shown[index]!.id]),
    { hasNextPage: rows.length > page.first, hasPreviousPage: page.after !== null },
    totalCount,
  );
}
