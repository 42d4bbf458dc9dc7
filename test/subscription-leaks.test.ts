import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, toPayload } from '../src/resolvers/events.ts';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';

// graphql-redis-subscriptions' iterators and withFilter have leaked in the past (a returned iterator that never let go
// of its Redis channel or its listener). Ours must not: thousands of subscribe/unsubscribe cycles leave Redis's
// subscription counts where they started and the heap flat.

const REDIS_URL = 'redis://127.0.0.1:6379';
const CONVERSATIONS = 50;
const BATCH = 100;
const WARM_UP = 1_000;
const CYCLES = 10_000;
/** A generous bound: a leak of 10,000 subscriptions (contexts, loaders, iterators) is far larger. */
const HEAP_GROWTH_LIMIT = 10 * 1024 * 1024;

const CreateGroup = graphql(`
  mutation LeaksCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Leaks", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation LeaksSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
    }
  }
`);

const MessageAdded = graphql(`
  subscription LeaksMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      id
      content
    }
  }
`);

const Events = graphql(`
  subscription LeaksEvents($conversationId: ID!, $after: String) {
    conversationEvents(conversationId: $conversationId, after: $after) {
      seq
    }
  }
`);

const Receipts = graphql(`
  subscription LeaksReceipts($conversationId: ID!, $after: String) {
    conversationEvents(conversationId: $conversationId, after: $after) {
      seq
      ... on ReadReceipt {
        user {
          username
        }
        message {
          id
        }
      }
    }
  }
`);

/** More than any per-subscriber queue holds (the library default threw past 1,024 pending events, inside ioredis). */
const BURST = 5_000;

/** The real collector, made callable from here (vitest does not start workers with --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function heapAfterGc(gc: () => void): Promise<number> {
  // A few rounds with turns of the event loop in between, so that finalizers and closed sockets are really gone.
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

describe('subscription leaks (Redis pub/sub)', () => {
  const prefix = `test-leaks-${randomBytes(4).toString('hex')}:`;
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let redis: Redis;
  let client: Client;
  let anchor: Subscription<unknown> | undefined;
  /** Per conversation: its id and the cursor of its first message (a subscription after it replays the second). */
  const conversations: { id: string; after: string; second: string }[] = [];

  const channels = async () => (await redis.pubsub('CHANNELS', `${prefix}*`)) as string[];
  const numsub = async (names: string[]) => {
    if (names.length === 0) return 0;
    const reply = (await redis.pubsub('NUMSUB', ...names)) as (string | number)[];
    let total = 0;
    for (let i = 1; i < reply.length; i += 2) total += Number(reply[i]);
    return total;
  };
  /** Unsubscribing is asynchronous (a Redis round trip): waits, with a bound, until the count is what it should be. */
  const settle = async (expected: number) => {
    const deadline = Date.now() + 10_000;
    let current = await channels();
    while (current.length !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await channels();
    }
    return current;
  };

  /**
   * One cycle: subscribe, and either wait for the replayed message (the server is then inside the live stream, waiting
   * on Redis) and complete, or complete at once (the server may still be authorising or subscribing).
   */
  const cycle = async (i: number) => {
    const conversation = conversations[i % CONVERSATIONS]!;
    const waitForFirst = i % 4 !== 3;
    const sub =
      i % 2 === 0
        ? subscribe(client, MessageAdded, { conversationId: conversation.id, after: conversation.after })
        : subscribe(client, Events, { conversationId: conversation.id, after: conversation.after });
    if (waitForFirst) {
      const first = await sub.next();
      if (first.errors?.length) throw new Error(JSON.stringify(first.errors));
    }
    await sub.close();
  };
  const cycles = async (count: number) => {
    for (let done = 0; done < count; done += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, count - done) }, (_, j) => cycle(done + j)));
    }
  };

  beforeAll(async () => {
    api = await startApi({ env: { REDIS_URL, REDIS_PREFIX: prefix } });
    [alice, bob] = (await Promise.all(['alice', 'bob'].map((u) => api.user(u)))) as [TestUser, TestUser];
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const id = (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;
      const first = (await alice.client.data(Send, { conversationId: id, content: 'first' })).sendMessage;
      const second = (await alice.client.data(Send, { conversationId: id, content: 'second' })).sendMessage;
      conversations.push({ id, after: first.cursor, second: second.id });
    }
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    client = wsClient(api.url, bob.token);
  }, 60_000);

  afterAll(async () => {
    await anchor?.close();
    await client?.dispose();
    await api?.stop();
    if (redis) {
      // Whatever the API left under this file's prefix (presence entries, say) goes with it.
      const keys = await redis.keys(`${prefix}*`).catch(() => []);
      if (keys.length > 0) await redis.del(...keys).catch(() => {});
      redis.disconnect();
    }
  });

  it('leaves Redis channels, their subscriber counts and the heap flat after 10,000 subscribe/unsubscribe cycles', async () => {
    const gc = collector();
    expect(await channels()).toEqual([]);

    // One subscription stays open throughout, on a conversation the cycles also use: unsubscribing the others must not
    // take the channel it shares with them away from it.
    const shared = conversations[0]!;
    anchor = subscribe(client, MessageAdded, { conversationId: shared.id, after: shared.after });
    expect((await anchor.next()).data).toMatchObject({ messageAdded: { id: shared.second } });
    const baseline = await settle(1);
    expect(baseline).toEqual([`${prefix}conversation:${shared.id}`]);
    expect(await numsub(baseline)).toBe(1);

    await cycles(WARM_UP);
    expect(await settle(1)).toEqual(baseline);
    const heapBefore = await heapAfterGc(gc);

    await cycles(CYCLES);
    const after = await settle(1);
    const heapAfter = await heapAfterGc(gc);
    const growth = heapAfter - heapBefore;
    console.info(
      `subscription leaks: channels ${baseline.length} -> ${after.length}, NUMSUB ${await numsub(after)}; heap after ` +
        `${WARM_UP} cycles ${(heapBefore / 2 ** 20).toFixed(1)} MB, after ${CYCLES} more ` +
        `${(heapAfter / 2 ** 20).toFixed(1)} MB (growth ${(growth / 2 ** 20).toFixed(2)} MB)`,
    );
    expect(after).toEqual(baseline);
    expect(await numsub(after)).toBe(1);
    expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);

    // The survivor still hears its conversation live.
    const next = (await alice.client.data(Send, { conversationId: shared.id, content: 'still there?' })).sendMessage;
    expect((await anchor.next()).data).toMatchObject({ messageAdded: { id: next.id, content: 'still there?' } });
    await anchor.close();
    expect(await settle(0)).toEqual([]);
  }, 120_000);

  it('holds a burst far larger than a subscriber keeps up with in bounded memory, and still delivers all of it in order', async () => {
    const { id: conversationId, after } = conversations[1]!;
    const sub = subscribe(client, Receipts, { conversationId, after });
    const first = await sub.next();
    const startSeq = (first.data as { conversationEvents: { seq: number } }).conversationEvents.seq;
    const channel = `${prefix}conversation:${conversationId}`;
    const deadline = Date.now() + 10_000;
    while (Number((await redis.pubsub('NUMSUB', channel))[1]) < 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    // Committed, as the mutations commit them, then published in one go, as a busy conversation would: the subscriber
    // resolves each event with two reads, so Redis hands them over far faster than it can consume them.
    const message = conversations[1]!.second;
    const events = await api.server.db.db
      .transaction()
      .execute((trx) =>
        appendEvents(trx, conversationId, Array.from({ length: BURST }, () => ({ type: 'read_receipt' as const, messageId: message, userId: bob.id }))),
      );
    const pipeline = redis.pipeline();
    for (const event of events) pipeline.publish(channel, JSON.stringify(toPayload(event)));
    await pipeline.exec();

    const seqs: number[] = [];
    while (seqs.length < BURST) {
      const result = await sub.next();
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      const event = (result.data as { conversationEvents: { seq: number; user: { username: string } } }).conversationEvents;
      expect(event.user.username).toBe('bob');
      seqs.push(event.seq);
    }
    expect(seqs).toEqual(events.map((e) => e.seq));
    expect(seqs[0]).toBe(startSeq + 1);
    await sub.close();
  }, 60_000);
});
