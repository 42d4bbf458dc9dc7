import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { signAccessToken } from '../../src/auth/sign.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createServer, type UvianServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { deleteRedisKeys } from './redis-keys.ts';

export const TEST_JWT_SECRET = 'uvian-test-secret-that-is-long-enough-for-hs256';

export interface GraphQLClient {
  /** The raw result: data and errors as the client receives them. */
  request<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<ExecutionResult<R>>;
  /** data, failing the test when there are errors. */
  data<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<R>;
  /** The first error, failing the test when there is none. */
  error<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<GraphQLFormattedError & { code?: unknown }>;
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
  client: GraphQLClient;
}

export interface TestApi {
  url: string;
  /** The Postgres database this API runs on (undefined when embedded). */
  databaseUrl: string | undefined;
  server: UvianServer;
  anonymous: GraphQLClient;
  /** A signed-in user whose profile exists (created on first sight, as in production). */
  user(username: string): Promise<TestUser>;
  clientWithToken(token: string | undefined): GraphQLClient;
  stop(): Promise<void>;
}

export function graphqlClient(url: string, token?: string): GraphQLClient {
  const request = async <R, V>(document: TypedDocumentNode<R, V>, variables?: V) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as ExecutionResult<R>;
  };
  return {
    request,
    async data(document, variables) {
      const result = await request(document, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data!;
    },
    async error(document, variables) {
      const result = await request(document, variables);
      const error = result.errors?.[0];
      if (!error) throw new Error(`Expected an error, got ${JSON.stringify(result.data)}`);
      return { ...error, code: error.extensions?.code };
    },
  };
}

export interface StartOptions {
  /** Run on embedded PGlite (in a temp folder) instead of a fresh Postgres database. */
  embedded?: boolean;
  env?: Record<string, string>;
}

/** The real server on a free port, over a fresh migrated database, exactly as `npm start` builds it. */
export async function startApi(options: StartOptions = {}): Promise<TestApi> {
  const database: TestDatabase | undefined = options.embedded ? undefined : await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'uvian-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Tests send faster than any person; test/rate-limits.test.ts turns the limits on.
    RATE_LIMITS: 'off',
    SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const server = createServer(config, { migrate: true, seed: false, logger: createLogger({ logLevel: 'silent' }) });
  const url = await server.start();
  const users = new Map<string, TestUser>();
  const api: TestApi = {
    url,
    databaseUrl: database?.url,
    server,
    anonymous: graphqlClient(url),
    clientWithToken: (token) => graphqlClient(url, token),
    async user(username) {
      const known = users.get(username);
      if (known) return known;
      const token = await signAccessToken({ secret: TEST_JWT_SECRET, username });
      const client = graphqlClient(url, token);
      const response = await client.request(MeIdDocument);
      const me = response.data?.me;
      if (!me) throw new Error(`could not sign in ${username}: ${JSON.stringify(response.errors)}`);
      const user = { id: me.id, username: me.username, token, client };
      users.set(username, user);
      return user;
    },
    async stop() {
      await server.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      // A prefix the test chose is its own: what the server left there (job queues, presence) goes with it.
      if (config.redisUrl && options.env?.REDIS_PREFIX) await deleteRedisKeys(config.redisUrl, config.redisPrefix);
    },
  };
  return api;
}

// Parsed here rather than generated, so that the harness does not depend on codegen output.
const MeIdDocument = parse('query MeId { me { id username } }') as TypedDocumentNode<
  { me: { id: string; username: string } },
  Record<string, never>
>;
