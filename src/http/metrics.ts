import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DbHandle } from '../db/connect.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { useOperationMetrics } from './operation-metrics.ts';
import type { MemberCacheCounts } from '../loaders/conversation-members.ts';
import type { PageCacheCounts } from './page-cache.ts';

export interface MetricSources {
  db: DbHandle;
  jobs: JobQueue;
  webSocketConnections: () => number;
  /** graphql-ws subscriptions that write to their sockets themselves (not iterated, so not seen by the plugin). */
  pushedSubscriptions: () => number;
  /** The message page cache's running counts (absent when it is off). */
  pageCache?: PageCacheCounts;
  /** The member cache's running counts (absent when it is off). */
  memberCache?: MemberCacheCounts;
}

export interface Metrics {
  registry: Registry;
  /** Operation metrics (operations, execution, errors, HTTP durations) and the open-subscriptions gauge. */
  plugins: Plugin[];
  render(): Promise<string>;
}

/**
 * One registry per server (tests run several servers in a process). Everything is read when scraped: the sources are
 * counters the parts keep anyway, so nothing here adds work to a request.
 */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'uvian_websocket_connections',
    help: 'Open graphql-ws connections',
    registers: [registry],
    collect() {
      this.set(sources.webSocketConnections());
    },
  });
  let iterated = 0;
  new Gauge({
    name: 'uvian_subscriptions_active',
    help: 'Subscriptions being served (graphql-ws and SSE)',
    registers: [registry],
    collect() {
      this.set(iterated + sources.pushedSubscriptions());
    },
  });
  new Gauge({
    name: 'uvian_db_pool_connections',
    help: 'Database connections by state (in_use, waiting for one, max)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = sources.db.pool();
      this.set({ state: 'in_use' }, pool.inUse);
      this.set({ state: 'waiting' }, pool.waiting);
      this.set({ state: 'max' }, pool.max);
    },
  });
  const statements = new Counter({
    name: 'uvian_db_statements_total',
    help: 'SQL statements run',
    registers: [registry],
  });
  let counted = 0;
  const pageCache = resultCounter(
    registry,
    'uvian_page_cache_requests_total',
    'Cacheable message page requests: hit (served from memory), stale (changed since: executed), fill (executed and kept)',
    { hits: 'hit', stale: 'stale', fills: 'fill' },
  );
  const memberCache = resultCounter(
    registry,
    'uvian_member_cache_lists_total',
    "Conversations' member lists loaded: hit (unchanged, reused from memory), read (read from Postgres)",
    { hits: 'hit', reads: 'read' },
  );
  const queueJobs = new Gauge({
    name: 'uvian_job_queue_jobs',
    help: 'Jobs in the queue by state (BullMQ, or the embedded queue)',
    labelNames: ['state'],
    registers: [registry],
  });

  const subscriptionGauge: Plugin = {
    onSubscribe() {
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in Object(result))) return;
          iterated += 1;
          return { onEnd: () => void (iterated -= 1) };
        },
      };
    },
  };

  return {
    registry,
    plugins: [
      useOperationMetrics(registry),
      subscriptionGauge,
    ],
    async render() {
      const total = sources.db.statements();
      statements.inc(total - counted);
      counted = total;
      if (sources.pageCache) pageCache(sources.pageCache);
      if (sources.memberCache) memberCache(sources.memberCache);
      // Queue depths come from Redis: a scrape while it is down reports them as missing instead of waiting.
      const counts = await sources.jobs.counts().catch(() => undefined);
      queueJobs.reset();
      for (const [state, count] of Object.entries(counts ?? {})) queueJobs.set({ state }, count);
      return registry.metrics();
    },
  };
}

/** A counter by `result` that follows running counts kept elsewhere: each scrape adds what they grew by since the last. */
function resultCounter<Field extends string>(registry: Registry, name: string, help: string, results: Record<Field, string>) {
  const counter = new Counter({ name, help, labelNames: ['result'], registers: [registry] });
  const counted = new Map<Field, number>();
  return (counts: Record<Field, number>) => {
    for (const [field, result] of Object.entries(results) as Array<[Field, string]>) {
      counter.inc({ result }, counts[field] - (counted.get(field) ?? 0));
      counted.set(field, counts[field]);
    }
  };
}
