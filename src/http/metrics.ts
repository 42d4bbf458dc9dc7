import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DbHandle } from '../db/connect.ts';
import type { JobQueue } from '../jobs/queue.ts';

export interface MetricSources {
  db: DbHandle;
  jobs: JobQueue;
  webSocketConnections: () => number;
  /** graphql-ws subscriptions that write to their sockets themselves (not iterated, so not seen by the plugin). */
  pushedSubscriptions: () => number;
}

export interface Metrics {
  registry: Registry;
  /** yoga's Prometheus plugin (operations, phases, errors, HTTP durations) plus the open-subscriptions gauge. */
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
      usePrometheus({
        registry,
        endpoint: false,
        // The request URL as a label would make a series per distinct URL (a GET request carries its query in it).
        labels: { url: false },
        metrics: {
          graphql_envelop_request: true,
          graphql_envelop_request_duration: false,
          graphql_envelop_phase_parse: false,
          graphql_envelop_phase_validate: false,
          graphql_envelop_phase_context: false,
          graphql_envelop_phase_execute: true,
          graphql_envelop_phase_subscribe: true,
          graphql_envelop_error_result: true,
          graphql_yoga_http_duration: true,
          // Off: a quantile summary costs a digest update per request, and the deprecated-field count walks every
          // document again; parse, validate and context are cached or trivial, and the request's duration is the HTTP
          // duration again. Each histogram is an observation with labels on every request.
          graphql_envelop_request_time_summary: false,
          graphql_envelop_deprecated_field: false,
        },
      }),
      subscriptionGauge,
    ],
    async render() {
      const total = sources.db.statements();
      statements.inc(total - counted);
      counted = total;
      // Queue depths come from Redis: a scrape while it is down reports them as missing instead of waiting.
      const counts = await sources.jobs.counts().catch(() => undefined);
      queueJobs.reset();
      for (const [state, count] of Object.entries(counts ?? {})) queueJobs.set({ state }, count);
      return registry.metrics();
    },
  };
}
