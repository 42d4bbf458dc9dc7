import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../src/auth/sign.ts';
import { graphql } from './gql/index.ts';
import { graphqlClient, TEST_JWT_SECRET, type GraphQLClient } from './helpers/api.ts';
import { Collector } from './helpers/collector.ts';
import { createMigratedDatabase, type TestDatabase } from './helpers/database.ts';
import { spawnApi, type SpawnedApi } from './helpers/processes.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';

// Two real API processes (`src/main.ts`) on one Postgres database and one Redis: what is sent through either process
// reaches every subscriber on both, once each, in sequence order.

const ScaleOutNotifications = graphql(`
  subscription ScaleOutNotifications {
    notifications {
      conversation {
        id
      }
      message {
        id
      }
    }
  }
`);

const Me = graphql(`
  query ScaleOutMe {
    me {
      id
    }
  }
`);

const CreateGroup = graphql(`
  mutation ScaleOutCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Scale out", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation ScaleOutSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
    }
  }
`);

const Edit = graphql(`
  mutation ScaleOutEdit($id: ID!, $content: String!) {
    editMessage(input: { id: $id, content: $content }) {
      id
    }
  }
`);

const Remove = graphql(`
  mutation ScaleOutDelete($id: ID!) {
    deleteMessage(id: $id) {
      id
    }
  }
`);

const Read = graphql(`
  mutation ScaleOutRead($conversationId: ID!, $messageId: ID!) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      id
    }
  }
`);

const AddMembers = graphql(`
  mutation ScaleOutAdd($conversationId: ID!, $userIds: [ID!]!) {
    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {
      id
    }
  }
`);

const Page = graphql(`
  query ScaleOutPage($conversationId: ID!, $after: String) {
    messages(conversationId: $conversationId, first: 100, after: $after) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const MessageAdded = graphql(`
  subscription ScaleOutMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      id
      content
      cursor
    }
  }
`);

const Events = graphql(`
  subscription ScaleOutEvents($conversationId: ID!, $after: String) {
    conversationEvents(conversationId: $conversationId, after: $after) {
      __typename
      seq
      ... on MessageAdded {
        message {
          id
        }
      }
      ... on MessageEdited {
        message {
          id
          content
        }
      }
      ... on ReadReceipt {
        user {
          id
        }
      }
      ... on MessageDeleted {
        message {
          id
          isDeleted
        }
      }
      ... on MemberJoined {
        user {
          id
        }
      }
    }
  }
`);

interface Node {
  name: 'A' | 'B';
  api: SpawnedApi;
}

interface User {
  id: string;
  token: string;
  /** An HTTP client per process. */
  on: Record<'A' | 'B', GraphQLClient>;
}

const REDIS_URL = 'redis://127.0.0.1:6379';

const CreateSpace = graphql(`
  mutation ScaleOutSpace {
    createSpace(input: { name: "Scale out" }) {
      id
    }
  }
`);

const AddToSpace = graphql(`
  mutation ScaleOutAddToSpace($spaceId: ID!, $userId: ID!) {
    addSpaceMember(spaceId: $spaceId, userId: $userId) {
      id
    }
  }
`);

const Online = graphql(`
  query ScaleOutOnline($id: ID!) {
    profile(id: $id) {
      isOnline
    }
  }
`);

const Presence = graphql(`
  subscription ScaleOutPresence($spaceId: ID!) {
    presence(spaceId: $spaceId) {
      status
      user {
        id
      }
    }
  }
`);

describe('scale-out: two API processes on one Postgres and one Redis', () => {
  const prefix = `test-scale-${randomBytes(4).toString('hex')}:`;
  let database: TestDatabase | undefined;
  const nodes: Node[] = [];
  const clients: Client[] = [];
  const subscriptions: Subscription<unknown>[] = [];
  let alice: User;
  let bob: User;
  let carol: User;
  let dave: User;

  const node = (name: 'A' | 'B') => nodes.find((n) => n.name === name)!;
  const socket = (name: 'A' | 'B', user: User) => {
    const client = wsClient(node(name).api.url, user.token);
    clients.push(client);
    return client;
  };

  const signIn = async (username: string, via: 'A' | 'B'): Promise<User> => {
    const token = await signAccessToken({ secret: TEST_JWT_SECRET, username });
    const on = { A: graphqlClient(node('A').api.url, token), B: graphqlClient(node('B').api.url, token) };
    const { me } = await on[via].data(Me);
    return { id: me.id, token, on };
  };

  beforeAll(async () => {
    database = await createMigratedDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
      // Short, so that the test of a dying process waits seconds rather than half a minute.
      PRESENCE_TTL_MS: '3000',
    };
    // Started one at a time so that each is tracked (and killed in afterAll) even when the other fails to start.
    for (const name of ['A', 'B'] as const) nodes.push({ name, api: await spawnApi(env) });
    expect(node('A').api.url).not.toBe(node('B').api.url);
    // Profiles are provisioned on first sight, on either process.
    alice = await signIn('alice', 'A');
    bob = await signIn('bob', 'B');
    carol = await signIn('carol', 'A');
    dave = await signIn('dave', 'B');
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(subscriptions.map((s) => s.close()));
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await Promise.allSettled(nodes.map((n) => n.api.stop()));
    await database?.drop();
    // Whatever the processes left under this file's prefix (presence entries, say) goes with them.
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    try {
      await redis.connect();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });

  it('delivers every message sent through either process to every subscriber on both, exactly once, in order', async () => {
    const conversationId = (await alice.on.A.data(CreateGroup, { members: [bob.id, carol.id] })).createConversation.id;
    const start = (await alice.on.A.data(Send, { conversationId, content: 'start' })).sendMessage;

    const watchers: Collector<{ id: string; content: string }>[] = [];
    for (const name of ['A', 'B'] as const) {
      for (const [username, user] of [
        ['alice', alice],
        ['bob', bob],
        ['carol', carol],
      ] as const) {
        const subscription = subscribe(socket(name, user), MessageAdded, { conversationId, after: start.cursor });
        subscriptions.push(subscription);
        watchers.push(
          new Collector(`${username} on ${name}`, subscription, (data) => {
            const message = data.messageAdded as { id: string; content: string };
            return { id: message.id, content: message.content };
          }),
        );
      }
    }
    const sent: string[] = [];
    const allHave = (id: string, what: string) =>
      Promise.all(watchers.map((w) => w.until((items) => items.some((m) => m.id === id), what)));

    // One at a time, alternating processes, each awaited by all six subscribers before the next: every delivery here is
    // live (nothing later could make a subscriber notice a gap), so a subscriber on A receives B's messages through Redis.
    for (let i = 0; i < 10; i += 1) {
      const via = i % 2 === 0 ? 'A' : 'B';
      const sender = [alice, bob, carol][i % 3]!;
      const message = (await sender.on[via].data(Send, { conversationId, content: `step ${i} via ${via}` })).sendMessage;
      sent.push(message.id);
      await allHave(message.id, `step ${i} via ${via}`);
    }

    // A concurrent burst through both processes: commit order decides the sequence, whichever process carried it.
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const via = i % 2 === 0 ? 'A' : 'B';
        const sender = [alice, bob, carol][i % 3]!;
        return sender.on[via].data(Send, { conversationId, content: `burst ${i} via ${via}` });
      }),
    );
    sent.push(...burst.map((b) => b.sendMessage.id));
    // Last ones through B then A, each awaited, so that the end of the stream also arrived live across processes.
    for (const via of ['B', 'A'] as const) {
      const last = (await bob.on[via].data(Send, { conversationId, content: `last via ${via}` })).sendMessage;
      sent.push(last.id);
      await allHave(last.id, `last via ${via}`);
    }

    // The order every subscriber must see: the conversation's own (sequence) order, as the messages query pages it.
    const page = await carol.on.B.data(Page, { conversationId, after: start.cursor });
    const expected = page.messages.edges.map((e) => e.node.id);
    expect(new Set(expected)).toEqual(new Set(sent));
    expect(expected).toHaveLength(42);
    for (const watcher of watchers) {
      expect(watcher.items.map((m) => m.id), watcher.label).toEqual(expected);
    }
  });

  it('tells online members of a new message once each, through whichever process holds their socket', async () => {
    const conversationId = (await alice.on.A.data(CreateGroup, { members: [carol.id, dave.id] })).createConversation.id;
    const other = (await bob.on.B.data(CreateGroup, { members: [alice.id] })).createConversation.id;
    type Seen = { conversationId: string; messageId: string };
    const watch = (name: 'A' | 'B', user: User, label: string) => {
      const subscription = subscribe(socket(name, user), ScaleOutNotifications, {});
      subscriptions.push(subscription);
      return new Collector<Seen>(label, subscription, (data) => {
        const n = data.notifications as { conversation: { id: string } | null; message: { id: string } | null };
        return { conversationId: n.conversation!.id, messageId: n.message!.id };
      });
    };
    const carolOnA = watch('A', carol, 'carol on A');
    const daveOnB = watch('B', dave, 'dave on B');
    const bobOnB = watch('B', bob, 'bob on B');
    // Live only, with no "ready" signal: send until both members have heard of something.
    for (let i = 0; carolOnA.items.length === 0 || daveOnB.items.length === 0; i += 1) {
      expect(i).toBeLessThan(100);
      await alice.on.A.data(Send, { conversationId, content: `warm-up ${i}` });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const marker = (await alice.on.B.data(Send, { conversationId, content: 'marker' })).sendMessage;
    // Bob is not a member: what reaches him is only from his own conversation.
    const barrier = (await alice.on.A.data(Send, { conversationId: other, content: 'for bob' })).sendMessage;
    const heard = (id: string) => (items: Seen[]) => items.some((n) => n.messageId === id);
    await carolOnA.until(heard(marker.id), 'the marker');
    await daveOnB.until(heard(marker.id), 'the marker');
    await bobOnB.until(heard(barrier.id), 'his own conversation');
    for (const member of [carolOnA, daveOnB]) {
      expect(member.items.filter((n) => n.messageId === marker.id), member.label).toHaveLength(1);
      expect(member.items.every((n) => n.conversationId === conversationId), member.label).toBe(true);
    }
    expect(bobOnB.items.every((n) => n.conversationId === other)).toBe(true);
  });

  it('streams conversationEvents across processes to subscribers on both, in sequence order without gap', async () => {
    const conversationId = (await bob.on.B.data(CreateGroup, { members: [alice.id, carol.id] })).createConversation.id;
    const start = (await bob.on.B.data(Send, { conversationId, content: 'start' })).sendMessage;

    const watchers: Collector<{ type: string; seq: number }>[] = [];
    for (const name of ['A', 'B'] as const) {
      for (const [username, user] of [
        ['alice', alice],
        ['carol', carol],
      ] as const) {
        const subscription = subscribe(socket(name, user), Events, { conversationId, after: start.cursor });
        subscriptions.push(subscription);
        watchers.push(
          new Collector(`${username} on ${name}`, subscription, (data) => {
            const event = data.conversationEvents as { __typename: string; seq: number };
            return { type: event.__typename, seq: event.seq };
          }),
        );
      }
    }
    const allCount = (count: number, what: string) =>
      Promise.all(watchers.map((w) => w.until((items) => items.length >= count, what)));

    // Each action through one process, awaited on all four subscribers (two per process) before the next.
    const hello = (await alice.on.A.data(Send, { conversationId, content: 'hello' })).sendMessage;
    await allCount(1, 'MessageAdded (via A)');
    await alice.on.B.data(Edit, { id: hello.id, content: 'hello, edited' });
    await allCount(2, 'MessageEdited (via B)');
    await carol.on.A.data(Read, { conversationId, messageId: hello.id });
    await allCount(3, 'ReadReceipt (via A)');
    await bob.on.B.data(AddMembers, { conversationId, userIds: [dave.id] });
    await allCount(4, 'MemberJoined (via B)');
    const second = (await dave.on.B.data(Send, { conversationId, content: 'second' })).sendMessage;
    await allCount(5, 'MessageAdded (via B)');
    await dave.on.A.data(Remove, { id: second.id });
    await allCount(6, 'MessageDeleted (via A)');

    const types = ['MessageAdded', 'MessageEdited', 'ReadReceipt', 'MemberJoined', 'MessageAdded', 'MessageDeleted'];
    const first = watchers[0]!.items[0]!.seq;
    for (const watcher of watchers) {
      expect(watcher.items.map((e) => e.type), watcher.label).toEqual(types);
      expect(watcher.items.map((e) => e.seq), watcher.label).toEqual(types.map((_, i) => first + i));
    }
  });

  // Last: it kills process B.
  it('agrees on presence across processes, and takes the users of a dead process offline', async () => {
    // erin has never opened a socket (earlier tests keep bob's and the others' open).
    const erin = await signIn('erin', 'B');
    const spaceId = (await alice.on.A.data(CreateSpace)).createSpace.id;
    await alice.on.A.data(AddToSpace, { spaceId, userId: erin.id });
    const watcher = subscribe(socket('A', alice), Presence, { spaceId });
    subscriptions.push(watcher);
    expect((await watcher.next()).data?.presence).toMatchObject({ status: 'ONLINE', user: { id: alice.id } });

    const online = (via: 'A' | 'B') => erin.on[via].data(Online, { id: erin.id }).then((r) => r.profile?.isOnline);
    expect([await online('A'), await online('B')]).toEqual([false, false]);

    // erin connects to B only; alice, watching on A, hears it, and both processes agree she is online.
    const erinOnB = subscribe(socket('B', erin), Presence, { spaceId });
    subscriptions.push(erinOnB);
    void erinOnB.next().catch(() => {});
    expect((await watcher.next()).data?.presence).toMatchObject({ status: 'ONLINE', user: { id: erin.id } });
    expect([await online('A'), await online('B')]).toEqual([true, true]);
    // Still online well past the presence TTL (3 s here): B keeps renewing her entry while her socket lives.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect([await online('A'), await online('B')]).toEqual([true, true]);

    // B dies without closing anything: its heartbeats stop, and A's sweep takes erin offline.
    node('B').api.process.kill('SIGKILL');
    expect((await watcher.next()).data?.presence).toMatchObject({ status: 'OFFLINE', user: { id: erin.id } });
    expect(await online('A')).toBe(false);
  }, 60_000);
});
