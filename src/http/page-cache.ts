import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { prepared } from '../db/prepared.ts';
import { isUuid } from '../is-uuid.ts';
import { pageShapeOf } from './page-shape.ts';
import { perOperation } from './per-operation.ts';

interface Entry {
  /** The conversation's and the profiles' versions when the page was read (see the page_versions migration). */
  stamp: string;
  result: ExecutionResult;
}

export interface PageCacheCounts {
  /** Served from the cache after one statement checked membership and versions. */
  hits: number;
  /** Found, but something it shows had changed since: executed again. */
  stale: number;
  /** Executed and stored (first cacheable sight of a page, or after a stale one). */
  fills: number;
}

/** Keys longer than this (variables of a hostile size) are not cached: a page's own variables take ~150 characters. */
const MAX_KEY_LENGTH = 1_024;

const readStamp = prepared<{ conversationId: string; viewerId: string }, { stamp: string; member: boolean }>((db, arg) =>
  db
    .selectFrom(['conversations as c', 'profile_versions as pv'])
    .select([
      sql<string>`c.last_seq || ':' || c.content_version || ':' || pv.version`.as('stamp'),
      ({ exists, selectFrom }) =>
        exists(
          selectFrom('conversation_members as cm')
            .select(sql.lit(1).as('one'))
            .whereRef('cm.conversation_id', '=', 'c.id')
            .where('cm.user_id', '=', arg('viewerId')),
        ).as('member'),
    ])
    .where('c.id', '=', arg('conversationId')),
);

/**
 * Message pages served from memory while Postgres says nothing they show has changed. A conversation's newest page is
 * read by every member who opens it, and re-read by clients on focus and reconnect; executing it again means reading
 * 50 rows with their senders, resolving and serialising them, where one indexed lookup of three counters answers
 * whether the last result still stands.
 *
 * A page is cached from its second request (a page read once costs no extra statement) and served to any member of
 * its conversation: the key is the document, the operation and its variables, not the viewer, since nothing a
 * cacheable page selects differs by viewer (src/http/page-shape.ts). Every served page first passes one statement that
 * checks the viewer's membership and compares the versions; the versions are read before the page is, so a cached page
 * is never older than a change committed before its request. Bounded by `maxBytes` of serialised results; each process
 * keeps its own.
 */
export function createPageCache(options: { db: Db; maxBytes: number }) {
  const counts: PageCacheCounts = { hits: 0, stale: 0, fills: 0 };
  // Each cacheable operation gets a number: the key's stand-in for its document.
  let operations = 0;
  const shapeOf = perOperation((schema, document, operationName) => {
    const shape = pageShapeOf(schema, document, operationName);
    return shape ? { id: (operations += 1), shape } : null;
  });
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => entry.stamp.length + key.length + JSON.stringify(entry.result).length,
  });
  // Keys requested once: the next request of one of these is cached.
  const seen = new LRUCache<string, true>({ max: 10_000 });

  const plugin: Plugin<Context> = {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Context;
      const viewer = ctx.viewer;
      if (!viewer) return;
      const operationName = args.operationName ?? undefined;
      const known = shapeOf(args.schema, args.document, operationName);
      if (!known) return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const conversationId = known.shape.conversationId(variables);
      if (typeof conversationId !== 'string' || !isUuid(conversationId)) return;
      const key = `${known.id}\n${operationName ?? ''}\n${JSON.stringify(known.shape.variables.map((name) => variables[name] ?? null))}`;
      if (key.length > MAX_KEY_LENGTH) return;
      const cached = entries.get(key);
      if (!cached && !seen.has(key)) {
        seen.set(key, true);
        return;
      }
      const [row] = await readStamp(ctx.db, { conversationId, viewerId: viewer.id });
      // A stranger or a missing conversation: execution answers NOT_FOUND as it always does.
      if (!row?.member) return;
      if (cached?.stamp === row.stamp) {
        counts.hits += 1;
        return setResultAndStopExecution(cached.result);
      }
      if (cached) counts.stale += 1;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || result.errors?.length) return;
          counts.fills += 1;
          seen.delete(key);
          entries.set(key, { stamp: row.stamp, result });
        },
      };
    },
  };

  return { plugin, counts };
}
