import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createServer, type UvianServer } from '../src/server.ts';
import { startApi, TEST_JWT_SECRET, type TestApi } from './helpers/api.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
});

afterAll(() => api?.stop());

describe('service endpoints', () => {
  it('GET /health reports the service, version and uptime', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      service: 'uvian-api',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptime: expect.any(Number),
      timestamp: expect.any(String),
    });
  });

  it('GET / answers like the earlier REST API did', async () => {
    expect(await (await fetch(api.url)).json()).toMatchObject({ status: 'ok', service: 'uvian-api' });
  });

  it('GET /ready is 200 while the database answers', async () => {
    const response = await fetch(`${api.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', database: 'ok', redis: 'not configured' });
  });

  it('echoes the caller\'s x-request-id, or gives each request one', async () => {
    const given = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
      body: JSON.stringify({ query: '{ publicSpaces { id } }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${api.url}/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphiQL to browsers with its scripts from this server, not a CDN', async () => {
    const html = await (await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('/graphiql/assets/yoga-graphiql.umd.js');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|raw\.githubusercontent)/);
    const script = await fetch(`${api.url}/graphiql/assets/yoga-graphiql.umd.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${api.url}/graphiql/assets/../../package.json`)).status).toBe(404);
  });
});

describe('GET /ready with Redis unreachable', () => {
  let degraded: TestApi;

  beforeAll(async () => {
    degraded = await startApi({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });

  afterAll(() => degraded?.stop());

  it('stays 200 (queries and sends go on) and reports Redis as degraded', async () => {
    const response = await fetch(`${degraded.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'degraded', database: 'ok', redis: expect.stringMatching(/^unreachable/) });
  });
});

describe('GET /ready without a database', () => {
  let server: UvianServer;

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
    });
    server = createServer(config, { migrate: false, logger: createLogger({ logLevel: 'silent' }) });
    await server.start();
  });

  afterAll(() => server?.stop());

  it('is 503 with the reason, while /health stays up', async () => {
    const response = await fetch(`${server.url()}/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', database: expect.stringMatching(/unreachable/) });
    expect((await fetch(`${server.url()}/health`)).status).toBe(200);
  });
});
