import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { cacheExchange, Client as UrqlClient, fetchExchange, subscriptionExchange } from '@urql/core';
import { print } from 'graphql';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

// The clients a frontend uses, as it uses them: graphql-sse over yoga's SSE transport, and urql over graphql-ws, with the
// typed operations codegen writes.

const CreateGroup = graphql(`
  mutation ClientsCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Clients", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation ClientsSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      content
      cursor
    }
  }
`);

const Conversations = graphql(`
  query ClientsConversations($first: Int) {
    conversations(first: $first) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const MessageAdded = graphql(`
  subscription ClientsMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      id
      content
      cursor
      sender {
        username
      }
    }
  }
`);

let api: TestApi;
let alice: TestUser;
let bob: TestUser;
let mallory: TestUser;

const newConversation = async () =>
  (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;
const send = async (conversationId: string, content: string, user = alice) =>
  (await user.client.data(Send, { conversationId, content })).sendMessage;

beforeAll(async () => {
  api = await startApi();
  [alice, bob, mallory] = (await Promise.all(['alice', 'bob', 'mallory'].map((u) => api.user(u)))) as [
    TestUser,
    TestUser,
    TestUser,
  ];
});

afterAll(async () => {
  await api?.stop();
});

describe('graphql-sse client (GraphQL over SSE, distinct connections)', () => {
  const clients: SseClient[] = [];
  const sseClient = (token: string | undefined) => {
    const client = createSseClient({
      url: `${api.url}/graphql`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      // Yoga serves the "distinct connections" mode (one request per operation) on its endpoint; the single connection
      // mode (PUT to reserve a stream) needs @graphql-yoga/plugin-graphql-sse, which this API does not use.
      singleConnection: false,
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };
  // graphql-sse takes the query as a string: the typed document is printed, and its result type carried over.
  const iterate = (client: SseClient, variables: VariablesOf<typeof MessageAdded>) =>
    client.iterate<ResultOf<typeof MessageAdded>>({ query: print(MessageAdded), variables });

  afterAll(() => {
    for (const client of clients) client.dispose();
  });

  it('replays after a cursor, then streams a message another user sends through a mutation', async () => {
    const conversationId = await newConversation();
    const first = await send(conversationId, 'sse one');
    await send(conversationId, 'sse two');
    await send(conversationId, 'sse three');
    const stream = iterate(sseClient(bob.token), { conversationId, after: first.cursor });
    try {
      const replayed = [(await stream.next()).value, (await stream.next()).value];
      expect(replayed.map((r) => r?.data?.messageAdded.content)).toEqual(['sse two', 'sse three']);
      const live = await send(conversationId, 'sse live', alice);
      const next = (await stream.next()).value;
      expect(next?.errors).toBeUndefined();
      expect(next?.data?.messageAdded).toEqual({
        id: live.id,
        content: 'sse live',
        cursor: live.cursor,
        sender: { username: 'alice' },
      });
    } finally {
      await stream.return?.(undefined);
    }
  });

  it('answers a non-member with NOT_FOUND and ends the stream', async () => {
    const conversationId = await newConversation();
    const stream = iterate(sseClient(mallory.token), { conversationId });
    const first = await stream.next();
    expect(first.value?.data ?? null).toBeNull();
    expect(first.value?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stream.next()).done).toBe(true);
  });

  it('answers a request without a token with UNAUTHENTICATED and ends the stream', async () => {
    const conversationId = await newConversation();
    const stream = iterate(sseClient(undefined), { conversationId });
    const first = await stream.next();
    expect(first.value?.data ?? null).toBeNull();
    expect(first.value?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stream.next()).done).toBe(true);
  });
});

describe('urql with a graphql-ws subscription exchange', () => {
  const sockets: WsClient[] = [];
  const socketFor = (user: TestUser) => {
    const socket = createWsClient({
      url: `${api.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
    });
    sockets.push(socket);
    return socket;
  };

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
  });

  type Forward = NonNullable<Parameters<typeof subscriptionExchange>[0]>['forwardSubscription'];
  const forwardTo =
    (socket: WsClient, { deferRelease = false } = {}): Forward =>
    (request) => ({
      subscribe: (sink) => {
        const release = socket.subscribe({ ...request, query: request.query ?? '' }, sink);
        // graphql-ws 6.4.2's client releases an operation twice when it is unsubscribed from inside `next` and the
        // server's Complete frame arrives in the same tick (ws delivers Next and Complete of a query back to back):
        // its lock count drops to 0 with other operations still open, the lazy socket closes with 1000, and every open
        // subscription on it completes silently. urql's toPromise() unsubscribes on the first result, so a query or a
        // mutation sent over the socket kills the live subscriptions next to it. Releasing on the next macrotask lets
        // the Complete frame land first; the release is then a no-op.
        return { unsubscribe: deferRelease ? () => void setTimeout(release, 0) : release };
      },
    });

  /** Results of an urql source as they come, awaited one by one. */
  const collect = <T>(source: { subscribe(onResult: (result: T) => void): { unsubscribe(): void } }) => {
    const results: T[] = [];
    let notify = () => {};
    const subscription = source.subscribe((result) => {
      results.push(result);
      notify();
    });
    return {
      async nth(index: number) {
        while (results.length <= index) await new Promise<void>((resolve) => (notify = resolve));
        return results[index]!;
      },
      close: () => subscription.unsubscribe(),
    };
  };

  it('queries and mutates over HTTP and subscribes over graphql-ws, all through one client', async () => {
    const conversationId = await newConversation();
    const before = await send(conversationId, 'before urql');
    const urql = new UrqlClient({
      url: `${api.url}/graphql`,
      fetchOptions: () => ({ headers: { authorization: `Bearer ${bob.token}` } }),
      exchanges: [cacheExchange, subscriptionExchange({ forwardSubscription: forwardTo(socketFor(bob)) }), fetchExchange],
    });

    const list = await urql.query(Conversations, { first: 50 }).toPromise();
    expect(list.error).toBeUndefined();
    expect(list.data?.conversations.edges.map((edge) => edge.node.id)).toContain(conversationId);

    const messages = collect(urql.subscription(MessageAdded, { conversationId, after: before.cursor }));
    try {
      const sent = await urql.mutation(Send, { conversationId, content: 'sent through urql' }).toPromise();
      expect(sent.error).toBeUndefined();
      const seen = await messages.nth(0);
      expect(seen.error).toBeUndefined();
      expect(seen.data?.messageAdded).toEqual({
        id: sent.data!.sendMessage.id,
        content: 'sent through urql',
        cursor: sent.data!.sendMessage.cursor,
        sender: { username: 'bob' },
      });
      // Someone else's message, sent through another client, arrives next on the same subscription.
      await send(conversationId, 'alice over http', alice);
      expect((await messages.nth(1)).data?.messageAdded.content).toBe('alice over http');
    } finally {
      messages.close();
    }
  });

  it('runs every operation over the socket (enableAllOperations), with the release deferred', async () => {
    const conversationId = await newConversation();
    const before = await send(conversationId, 'before socket-only urql');
    const urql = new UrqlClient({
      // Never requested: the subscription exchange takes every operation.
      url: `${api.url}/graphql`,
      exchanges: [
        cacheExchange,
        subscriptionExchange({ enableAllOperations: true, forwardSubscription: forwardTo(socketFor(bob), { deferRelease: true }) }),
      ],
    });

    const list = await urql.query(Conversations, { first: 50 }).toPromise();
    expect(list.error).toBeUndefined();
    expect(list.data?.conversations.edges.map((edge) => edge.node.id)).toContain(conversationId);

    const messages = collect(urql.subscription(MessageAdded, { conversationId, after: before.cursor }));
    try {
      const sent = await urql.mutation(Send, { conversationId, content: 'sent over the socket' }).toPromise();
      expect(sent.error).toBeUndefined();
      expect((await messages.nth(0)).data?.messageAdded).toMatchObject({
        id: sent.data!.sendMessage.id,
        content: 'sent over the socket',
      });
      await send(conversationId, 'alice again', alice);
      expect((await messages.nth(1)).data?.messageAdded.content).toBe('alice again');
    } finally {
      messages.close();
    }
  });
});
