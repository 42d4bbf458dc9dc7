import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DbHandle } from '../db/connect.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { useOperationMetrics } from './operation-metrics.ts';
import type { PageCacheCounts } from './page-cache.ts';

export interface MetricSources {
  db: DbHandle;
  jobs: JobQueue;
  webSocketConnections: () => number;
  /** graphql-ws subscriptions that write to their sockets themselves (not iterated, so not seen by the plugin). */
  pushedSubscriptions: () => number;
  /** The message page cache's running counts (absent when it is off). */
  pageCache?: PageCacheCounts;
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
  const pageCache = new Counter({
    name: 'uvian_page_cache_requests_total',
    help: 'Cacheable message page requests: hit (served from memory), stale (changed since: executed), fill (executed and kept)',
    labelNames: ['result'],
    registers: [registry],
  });
  const pageCacheCounted: PageCacheCounts = { hits: 0, stale: 0, fills: 0 };
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
      if (sources.pageCache) {
        const labels = { hits: 'hit', stale: 'stale', fills: 'fill' } as const;
        for (const [field, result] of Object.entries(labels) as [keyof PageCacheCounts, string][]) {
          pageCache.inc({ result }, sources.pageCache[field] - pageCacheCounted[field]);
          pageCacheCounted[field] = sources.pageCache[field];
        }
      }
      // Queue depths come from Redis: a scrape while it is down reports them as missing instead of waiting.
      const counts = await sources.jobs.counts().catch(() => undefined);
      queueJobs.reset();
      for (const [state, count] of Object.entries(counts ?? {})) queueJobs.set({ state }, count);
      return registry.metrics();
    },
  };
}
