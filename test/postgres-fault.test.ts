import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import type { Client } from 'graphql-ws';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../src/auth/sign.ts';
import { TEST_JWT_SECRET } from './helpers/api.ts';
import { migrateDatabase } from './helpers/database.ts';
import { privatePostgres, type PostgresServer } from './helpers/private-postgres.ts';
import { spawnApi, type SpawnedApi } from './helpers/processes.ts';
import { subscribe, wsClient } from './helpers/ws.ts';

// Postgres stopped and started again under the feet of a running API process (`src/main.ts`), while clients keep sending
// messages and a graphql-ws subscriber keeps watching: twice, once with a clean fast shutdown (every session ended with
// 57P01) and once with an immediate one (a crash; the server recovers from its WAL). While it is down, every request
// fails at once with SERVICE_UNAVAILABLE (no hang, no 500, no stack, no crash), /ready says 503 and /health 200; once it
// is back, requests succeed again without anyone restarting the API, every message whose send succeeded is stored
// exactly once, and subscribers (one that stayed, one that resumes from its last cursor) get every stored message once,
// in order. The Postgres server is this file's own (initdb into a temp folder, a free port): it gets stopped.

type Json = Record<string, unknown>;
const doc = <R, V>(source: string) => parse(source) as TypedDocumentNode<R, V>;

interface Sent {
  id: string;
  content: string;
  clientMessageId: string | null;
  cursor: string;
}

const Me = doc<{ me: { id: string } }, Json>(`query PgFaultMe { me { id } }`);
const CreateGroup = doc<{ createConversation: { id: string } }, { members: string[] }>(`
  mutation PgFaultCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Postgres fault", memberIds: $members }) { id }
  }
`);
const Send = doc<{ sendMessage: Sent }, { conversationId: string; content: string; clientMessageId: string }>(`
  mutation PgFaultSend($conversationId: ID!, $content: String!, $clientMessageId: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content, clientMessageId: $clientMessageId }) {
      id content clientMessageId cursor
    }
  }
`);
const Page = doc<{ messages: { edges: { node: { id: string } }[] } }, { conversationId: string }>(`
  query PgFaultPage($conversationId: ID!) { messages(conversationId: $conversationId, first: 10) { edges { node { id } } } }
`);
const MessageAdded = doc<{ messageAdded: Sent }, { conversationId: string; after?: string }>(`
  subscription PgFaultMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) { id content clientMessageId cursor }
  }
`);

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: unknown };
}

interface Answer<R> {
  status: number;
  text: string;
  data?: R | null;
  errors?: GraphQLErrorShape[];
}

/** A hang detector, not a speed check: a request that waits on a database that is not there waits for ever. */
const HANG_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something, failing after timeoutMs with what `what` says, or when `fatal` says so. */
async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: () => string,
  timeoutMs: number,
  fatal: () => string | undefined = () => undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = fatal();
    if (failure) throw new Error(`${failure} while waiting for ${what()}`);
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what()} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe('Postgres restarted under load', () => {
  let pg: PostgresServer | undefined;
  let api: SpawnedApi | undefined;
  let dataDir: string | undefined;
  let databaseUrl: string;
  let check: postgres.Sql | undefined;
  const clients: Client[] = [];

  const post = async <R, V>(document: TypedDocumentNode<R, V>, variables: V, token: string): Promise<Answer<R>> => {
    const response = await fetch(`${api!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(document), variables }),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await response.text();
    let body: { data?: R | null; errors?: GraphQLErrorShape[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: left for the caller's checks to report
    }
    return { status: response.status, text, data: body.data, errors: body.errors };
  };

  /** A failed answer must be a proper GraphQL error telling the client to try again: a code, no stack, no 500. */
  const expectUnavailable = (answer: Answer<unknown>, what: string) => {
    expect(answer.status, `${what}: ${answer.text}`).toBe(200);
    expect(answer.errors, `${what}: ${answer.text}`).toEqual([
      expect.objectContaining({
        message: 'The database is unavailable; try again',
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
      }),
    ]);
    expect(answer.text, what).not.toMatch(/\bat .+:\d+:\d+|ECONNREFUSED|CONNECTION_|57P0/);
  };

  const signIn = async (username: string) => {
    const token = await signAccessToken({ secret: TEST_JWT_SECRET, username });
    const answer = await post(Me, {}, token);
    if (!answer.data?.me) throw new Error(`could not sign in ${username}: ${answer.text}`);
    return { id: answer.data.me.id, token };
  };

  /** Ends a wait at once when the API process is gone: it crashed. */
  const crashed = () =>
    api && (api.process.exitCode !== null || api.process.signalCode !== null) ? `the API process exited: ${logs()}` : undefined;
  const waitFor = <T,>(check: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs: number) =>
    eventually(check, what, timeoutMs, crashed);

  const logs = () =>
    `--- API (pid ${api?.process.pid}, exit ${api?.process.exitCode})\n${api?.output().slice(-6000)}\n--- Postgres\n${pg?.log().slice(-3000)}`;

  beforeAll(async () => {
    pg = await privatePostgres();
    await pg.start();
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe('create database uvian');
    } finally {
      await admin.end();
    }
    databaseUrl = pg.urlFor('uvian');
    await migrateDatabase(databaseUrl);
    dataDir = mkdtempSync(join(tmpdir(), 'uvian-pg-fault-'));
    api = await spawnApi({
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '6',
      REDIS_URL: '',
      DATA_DIR: dataDir,
      SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await check?.end({ timeout: 1 }).catch(() => {});
    await api?.stop(10_000);
    await pg?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('fails requests cleanly while Postgres is down, recovers by itself, and loses or doubles no message', async () => {
    const alice = await signIn('alice');
    const bob = await signIn('bob');
    const carol = await signIn('carol');
    const conversation = await post(CreateGroup, { members: [bob.id, carol.id] }, alice.token);
    const conversationId = conversation.data!.createConversation.id;
    const first = await post(Send, { conversationId, content: 'start', clientMessageId: 'start' }, alice.token);
    const start = first.data!.sendMessage;

    // --- Subscribers: each resubscribes from the last cursor it saw whenever its subscription ends, as a client does.
    interface Follower {
      label: string;
      items: Sent[];
      /** Every way its subscription ended before it was stopped. */
      endings: unknown[];
      stopped: boolean;
      running: Promise<void>;
      client?: Client;
    }
    const follow = (label: string, token: string, after: string): Follower => {
      const follower: Follower = { label, items: [], endings: [], stopped: false, running: Promise.resolve() };
      follower.running = (async () => {
        while (!follower.stopped) {
          const client = wsClient(api!.url, token);
          clients.push(client);
          follower.client = client;
          const subscription = subscribe(client, MessageAdded, { conversationId, after: follower.items.at(-1)?.cursor ?? after });
          try {
            for (;;) {
              const result = await subscription.next();
              if (result.errors?.length) {
                follower.endings.push(result.errors);
                break;
              }
              follower.items.push(result.data!.messageAdded);
            }
          } catch (error) {
            if (!follower.stopped) follower.endings.push(error);
          } finally {
            await subscription.close().catch(() => {});
            await client.dispose();
          }
          if (!follower.stopped) await sleep(300);
        }
      })();
      return follower;
    };
    const stopFollowing = async (follower: Follower) => {
      follower.stopped = true;
      // Disposing its client ends the subscription it is waiting on.
      await follower.client?.dispose();
      await follower.running;
    };
    const has = (follower: Follower, id: string) => follower.items.some((m) => m.id === id);

    const bobs = follow('bob (subscribed throughout)', bob.token, start.cursor);
    const carols = follow('carol (leaves during the first outage, resumes after)', carol.token, start.cursor);

    // --- Senders: each sends its next message until it succeeds (the same clientMessageId on every try), then the next.
    interface Attempt {
      clientMessageId: string;
      phase: string;
      answer?: Answer<{ sendMessage: Sent }>;
      thrown?: string;
    }
    let phase = 'before';
    const attempts: Attempt[] = [];
    const succeeded = new Map<string, Sent>();
    let sending = true;
    /** Failed when the senders were told to stop: they may or may not have been stored. */
    const abandoned = new Set<string>();
    const sender = async (name: string, token: string) => {
      for (let i = 0; sending; i += 1) {
        const clientMessageId = `${name}-${i}`;
        for (;;) {
          const attempt: Attempt = { clientMessageId, phase };
          attempts.push(attempt);
          try {
            attempt.answer = await post(Send, { conversationId, content: `${name} ${i}`, clientMessageId }, token);
          } catch (error) {
            // A hang (the bound ran out) or a dropped connection: either fails the test below.
            attempt.thrown = String(error);
          }
          const sent = attempt.answer?.data?.sendMessage;
          if (sent) {
            succeeded.set(clientMessageId, sent);
            break;
          }
          if (!sending) {
            abandoned.add(clientMessageId);
            break;
          }
          await sleep(100);
        }
      }
    };
    const names = ['alice-1', 'alice-2', 'bob-1', 'bob-2'];
    const senders = names.map((name) => sender(name, name.startsWith('alice') ? alice.token : bob.token));
    const ok = (from: string) => attempts.filter((a) => a.phase === from && a.answer?.data?.sendMessage);
    const failed = (from: string) => attempts.filter((a) => a.phase === from && !a.answer?.data?.sendMessage);
    const bySender = (list: Attempt[], name: string) => list.filter((a) => a.clientMessageId.startsWith(`${name}-`));

    try {
      await waitFor(
        () => (names.every((n) => bySender(ok('before'), n).length >= 5) ? true : undefined),
        () => `messages sent before the outage (${ok('before').length})`,
        30_000,
      );

      for (const mode of ['fast', 'immediate'] as const) {
        // --- Down.
        phase = `${mode}: stopping`;
        await pg!.stop(mode);
        phase = `${mode}: down`;

        // Every sender keeps getting answers, and they are failures: nothing waits for the database to come back.
        await waitFor(
          () => (names.every((n) => bySender(failed(phase), n).length >= 3) ? true : undefined),
          () => `failed sends while Postgres is down (${failed(phase).length}) ${logs()}`,
          30_000,
        );
        const ready = await fetch(`${api!.url}/ready`, { signal: AbortSignal.timeout(HANG_MS) });
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ status: 'unavailable' });
        const health = await fetch(`${api!.url}/health`, { signal: AbortSignal.timeout(HANG_MS) });
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok' });
        // A query, and a user the API has never seen (their profile is made before anything runs): the same answer.
        expectUnavailable(await post(Page, { conversationId }, carol.token), 'messages query while down');
        const stranger = await signAccessToken({ secret: TEST_JWT_SECRET, username: `dave-${mode}` });
        expectUnavailable(await post(Me, {}, stranger), 'a new user while down');
        // A new subscription is refused with the same error (not a hang, not a dropped socket).
        const refusedClient = wsClient(api!.url, carol.token);
        clients.push(refusedClient);
        const refused = await Promise.race([
          subscribe(refusedClient, MessageAdded, { conversationId }).next().then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          ),
          sleep(HANG_MS).then(() => ({ hang: true })),
        ]);
        expect(refused).not.toHaveProperty('hang');
        expect(JSON.stringify(refused)).toContain('"code":"SERVICE_UNAVAILABLE"');
        await refusedClient.dispose();
        if (mode === 'fast') await stopFollowing(carols);
        expect(api!.process.exitCode, logs()).toBeNull();

        // --- Up again: nobody restarts the API.
        phase = `${mode}: starting`;
        await pg!.start();
        phase = `${mode}: up`;
        await waitFor(
          () => (names.every((n) => bySender(ok(phase), n).length >= 5) ? true : undefined),
          () => `successful sends after Postgres came back (${ok(phase).length}) ${logs()}`,
          60_000,
        );
        await waitFor(
          async () => ((await fetch(`${api!.url}/ready`)).status === 200 ? true : undefined),
          () => '/ready to say ready again',
          30_000,
        );
      }
    } finally {
      sending = false;
      await Promise.all(senders);
    }

    // The same process all along, and it never crashed.
    expect(api!.process.exitCode, logs()).toBeNull();
    expect(api!.process.signalCode).toBeNull();

    // Every failure was a clean one: answered (no hang, no dropped connection), a 200 with SERVICE_UNAVAILABLE.
    const failures = attempts.filter((a) => !a.answer?.data?.sendMessage);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.thrown, `${failure.clientMessageId} (${failure.phase}) ${logs()}`).toBeUndefined();
      expectUnavailable(failure.answer!, `${failure.clientMessageId} (${failure.phase})`);
    }

    // --- In the database, read directly: every message that was sent successfully, once; nothing else.
    check = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const rows = await check<{ id: string; client_message_id: string; seq: number }[]>`
      select id, client_message_id, seq::int as seq from messages where conversation_id = ${conversationId} order by seq`;
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.client_message_id)).size).toBe(rows.length);
    const stored = new Map(rows.map((r) => [r.client_message_id, r.id]));
    // A send that failed ambiguously (committed, then the connection dropped) was retried with its clientMessageId:
    // the retry returned the stored message instead of writing a second one.
    const storedOfTheSent = new Map([...stored].filter(([key]) => !abandoned.has(key)));
    expect(storedOfTheSent).toEqual(new Map([['start', start.id], ...[...succeeded].map(([key, sent]) => [key, sent.id] as const)]));
    for (const [key, sent] of succeeded) expect(sent.clientMessageId).toBe(key);

    // --- Subscribers: bob's stayed through both outages; carol resumes now from the last cursor she saw.
    const expected = ids.slice(1);
    const last = ids.at(-1)!;
    const carolsLastCursor = carols.items.at(-1)?.cursor ?? start.cursor;
    const resumed = follow('carol (resumed)', carol.token, carolsLastCursor);
    const sentinel = (await post(Send, { conversationId, content: 'after', clientMessageId: 'after' }, alice.token)).data!
      .sendMessage;
    await waitFor(
      () => (has(bobs, sentinel.id) && has(resumed, sentinel.id) ? true : undefined),
      () => `the subscribers to get everything up to ${last} and then ${sentinel.id}: bob ${bobs.items.length}, carol ${resumed.items.length}`,
      60_000,
    );
    await stopFollowing(bobs);
    await stopFollowing(resumed);
    expect(bobs.items.map((m) => m.id)).toEqual([...expected, sentinel.id]);
    expect([...carols.items, ...resumed.items].map((m) => m.id)).toEqual([...expected, sentinel.id]);
    // Whatever ended a subscription on the way said why, with a code (it is retried from the last cursor).
    for (const ending of [...bobs.endings, ...carols.endings, ...resumed.endings]) {
      expect(JSON.stringify(ending)).toContain('SERVICE_UNAVAILABLE');
    }
  }, 300_000);
});
