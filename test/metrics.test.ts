import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ERROR_PATHS, MAX_OPERATION_NAMES } from '../src/http/operation-metrics.ts';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi } from './helpers/api.ts';
import { subscribe, wsClient } from './helpers/ws.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';

const MetricsGroup = graphql(`
  mutation MetricsGroup {
    createConversation(input: { type: GROUP, name: "Watched", memberIds: [] }) {
      id
    }
  }
`);

const MetricsTyping = graphql(`
  subscription MetricsTyping($conversationId: ID!) {
    typing(conversationId: $conversationId) {
      isTyping
    }
  }
`);

const MetricsMessageAdded = graphql(`
  subscription MetricsMessageAdded($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) {
      content
    }
  }
`);

const MetricsJob = graphql(`
  mutation MetricsJob {
    submitJob(input: { type: "user-analytics", input: {}, delayMs: 3600000 }) {
      id
    }
  }
`);

/** The value of one series in Prometheus text format, e.g. value(text, 'uvian_db_pool_connections{state="max"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  const prefix = `uvian-test-metrics-${randomUUID()}:`;
  let api: TestApi;

  /** A raw anonymous POST of a document, as a client without our typed helpers sends it. */
  const postQuery = (query: string) =>
    fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.url}/metrics`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  beforeAll(async () => {
    api = await startApi({ env: { REDIS_URL, REDIS_PREFIX: prefix, RUN_WORKERS: 'false', DATABASE_POOL_SIZE: '7' } });
  });
  afterAll(async () => {
    await api?.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('reports operations, sockets, subscriptions, queue depths and the database pool in Prometheus format', async () => {
    const ann = await api.user('metrics_ann');
    const { createConversation } = await ann.client.data(MetricsGroup);
    await ann.client.data(MetricsJob);

    const client = wsClient(api.url, ann.token);
    const typing = subscribe(client, MetricsTyping, { conversationId: createConversation.id });
    // typing starts with nothing to say; the gauge counts it once the server has set it up.
    await expect.poll(async () => value((await scrape()).text, 'uvian_subscriptions_active'), { timeout: 10_000 }).toBe(1);
    // A conversation feed over graphql-ws writes to its socket itself (it is not iterated): counted all the same.
    const messages = subscribe(client, MetricsMessageAdded, { conversationId: createConversation.id });
    await expect.poll(async () => value((await scrape()).text, 'uvian_subscriptions_active'), { timeout: 10_000 }).toBe(2);
    await messages.close();
    await expect.poll(async () => value((await scrape()).text, 'uvian_subscriptions_active'), { timeout: 10_000 }).toBe(1);

    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(value(text, 'uvian_websocket_connections')).toBe(1);
    expect(value(text, 'uvian_db_pool_connections{state="max"}')).toBe(7);
    expect(value(text, 'uvian_db_pool_connections{state="in_use"}')).toBe(0);
    expect(value(text, 'uvian_db_statements_total')).toBeGreaterThan(0);
    expect(value(text, 'uvian_job_queue_jobs{state="delayed"}')).toBe(1);
    // yoga's Prometheus plugin: per operation name and type.
    expect(text).toMatch(/graphql_envelop_request\{[^}]*operationName="MetricsGroup"[^}]*\} 1/);
    expect(text).toMatch(/graphql_yoga_http_duration_count\{[^}]*operationName="MetricsJob"/);
    expect(text).toContain('process_resident_memory_bytes');

    await typing.close();
    await expect.poll(async () => value((await scrape()).text, 'uvian_subscriptions_active'), { timeout: 10_000 }).toBe(0);
    await client.dispose();
    await expect.poll(async () => value((await scrape()).text, 'uvian_websocket_connections'), { timeout: 10_000 }).toBe(0);
  });

  it('counts GraphQL errors per operation and field', async () => {
    await api.anonymous.request(MetricsJob);
    const { text } = await scrape();
    expect(text).toMatch(/graphql_envelop_error_result\{[^}]*operationName="MetricsJob"[^}]*path="submitJob"\} 1/);
  });

  it('counts documents that do not parse', async () => {
    const response = await postQuery('{ broken');
    const { errors } = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(value((await scrape()).text, 'graphql_envelop_error_result{phase="parse"}')).toBe(1);
  });

  it(`keeps at most ${MAX_ERROR_PATHS} error paths as label values: aliases cannot grow the registry either`, async () => {
    const aliasesPerRequest = 15;
    for (let request = 0; request * aliasesPerRequest < MAX_ERROR_PATHS + 30; request += 1) {
      const fields = Array.from({ length: aliasesPerRequest }, (_, i) => `a${request}_${i}: space(id: "00000000-0000-4000-8000-000000000000") { id }`);
      const response = await postQuery(`query AliasedErrors { ${fields.join(' ')} }`);
      const { errors } = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(errors).toHaveLength(aliasesPerRequest);
      expect(errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    const lines = (await scrape()).text.split('\n').filter((line) => line.startsWith('graphql_envelop_error_result{') && line.includes('AliasedErrors'));
    const paths = new Set(lines.map((line) => /path="([^"]*)"/.exec(line)?.[1]));
    expect(paths.size).toBeLessThanOrEqual(MAX_ERROR_PATHS + 1);
    expect(Number(lines.find((line) => line.includes('path="other"'))?.split(' ').at(-1))).toBeGreaterThanOrEqual(30);
  });

  it(`keeps at most ${MAX_OPERATION_NAMES} operation names as label values, so made-up names cannot grow the registry`, async () => {
    const names = Array.from({ length: MAX_OPERATION_NAMES + 20 }, (_, i) => `Made${i}`);
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(
        names.slice(i, i + 50).map(async (name) => {
          const response = await postQuery(`query ${name} { __typename }`);
          expect(response.status).toBe(200);
        }),
      );
    }
    const requests = (await scrape()).text.split('\n').filter((line) => line.startsWith('graphql_envelop_request{'));
    const labelled = new Set(requests.map((line) => /operationName="([^"]*)"/.exec(line)?.[1]));
    expect(labelled.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 1);
    const other = requests.find((line) => line.includes('operationName="other"'));
    expect(Number(other?.split(' ').at(-1))).toBeGreaterThanOrEqual(20);
  });
});

describe('GET /metrics configuration', () => {
  it('sits behind METRICS_TOKEN when one is set, and is absent with METRICS=off', async () => {
    const guarded = await startApi({ env: { METRICS_TOKEN: 'a-scraper-token-of-some-length' } });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer a-scraper-token-of-some-length' } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('uvian_websocket_connections 0');
    } finally {
      await guarded.stop();
    }
    const off = await startApi({ env: { METRICS: 'off' } });
    try {
      const response = await fetch(`${off.url}/metrics`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('uvian_');
    } finally {
      await off.stop();
    }
  });
});
