import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { Collector } from './helpers/collector.ts';
import { privateRedis, type RedisServer } from './helpers/processes.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';
import { spawnWorker, type SpawnedWorker } from './helpers/worker-processes.ts';

// Redis crashes and comes back during live subscriptions. Postgres is the system of record: the API keeps answering
// queries and mutations (messages are saved) while Redis is gone, its pub/sub reconnects by itself, and a client that
// resumes with its last cursor gets exactly what it missed. The Redis here is private to this file (it gets killed).

const CreateGroup = graphql(`
  mutation FaultCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Fault", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation FaultSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      content
      cursor
    }
  }
`);

const Page = graphql(`
  query FaultPage($conversationId: ID!, $after: String) {
    messages(conversationId: $conversationId, first: 100, after: $after) {
      edges {
        node {
          id
          content
        }
      }
    }
  }
`);

const MessageAdded = graphql(`
  subscription FaultMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      id
      content
      cursor
    }
  }
`);

interface Received {
  id: string;
  content: string;
  cursor: string;
}

/** A hang detector, not a speed check: a mutation that waits on Redis would wait for as long as Redis is down. */
function bounded<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
    }),
  ]);
}

describe('Redis restarted during live subscriptions', () => {
  let redis: RedisServer | undefined;
  let api: TestApi | undefined;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const clients: Client[] = [];
  const subscriptions: Subscription<unknown>[] = [];

  const watch = (label: string, user: TestUser, variables: { conversationId: string; after?: string }) => {
    const client = wsClient(api!.url, user.token);
    clients.push(client);
    const subscription = subscribe(client, MessageAdded, variables) as Subscription<unknown>;
    subscriptions.push(subscription);
    return {
      subscription,
      collector: new Collector<Received>(label, subscription, (data) => data.messageAdded as Received),
    };
  };
  const send = (conversationId: string, content: string) =>
    bounded(alice.client.data(Send, { conversationId, content }), `sendMessage "${content}"`).then((r) => r.sendMessage);
  const has = (id: string) => (items: Received[]) => items.some((m) => m.id === id);

  beforeAll(async () => {
    redis = await privateRedis();
    await redis.start();
    api = await startApi({ env: { REDIS_URL: redis.url, REDIS_PREFIX: `test-fault-${randomBytes(4).toString('hex')}:` } });
    [alice, bob, carol] = (await Promise.all(['alice', 'bob', 'carol'].map((u) => api!.user(u)))) as [
      TestUser,
      TestUser,
      TestUser,
    ];
  });

  afterAll(async () => {
    await Promise.allSettled(subscriptions.map((s) => s.close()));
    await Promise.allSettled(clients.map((c) => c.dispose()));
    try {
      await api?.stop();
    } finally {
      await redis?.kill();
    }
  });

  it('keeps serving while Redis is down, reconnects by itself, and resuming from the last cursor loses nothing', async () => {
    const conversationId = (await alice.client.data(CreateGroup, { members: [bob.id, carol.id] })).createConversation.id;
    // A conversation nobody watches yet: a subscription made during the outage must get its channel once Redis is back.
    const quietId = (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;
    const m0 = await send(conversationId, 'm0');
    const q0 = await send(quietId, 'q0');

    // Bob stays subscribed through it all; Carol's client goes away during the outage and resumes afterwards.
    const bobs = watch('bob (stays)', bob, { conversationId, after: m0.cursor });
    const carols = watch('carol (leaves, resumes)', carol, { conversationId, after: m0.cursor });
    const m1 = await send(conversationId, 'm1');
    await bobs.collector.until(has(m1.id), 'm1');
    await carols.collector.until(has(m1.id), 'm1');
    const carolsLastCursor = carols.collector.items.at(-1)!.cursor;

    await redis!.kill();

    // Mutations and queries do not wait on Redis: every message is saved.
    const missed = [];
    for (const content of ['m2 (redis down)', 'm3 (redis down)', 'm4 (redis down)']) {
      missed.push(await send(conversationId, content));
    }
    const page = await bounded(alice.client.data(Page, { conversationId, after: m0.cursor }), 'messages query');
    expect(page.messages.edges.map((e) => e.node.content)).toEqual(['m1', ...missed.map((m) => m.content)]);
    await carols.subscription.close();
    // A subscription made now still replays from Postgres; its live part waits for Redis.
    const q1 = await send(quietId, 'q1 (redis down)');
    const newcomer = watch('bob on the quiet conversation (subscribed while Redis was down)', bob, {
      conversationId: quietId,
      after: q0.cursor,
    });
    await newcomer.collector.until(has(q1.id), 'q1, replayed while Redis is down');
    // Committed after the newcomer's replay, while its channel cannot be subscribed: nothing will ever publish it again.
    const q2 = await send(quietId, 'q2 (redis down, after the replay)');

    await redis!.start();

    // Once Redis acknowledges the newcomer's channel, its stream reads Postgres once more: q2 arrives with nothing else
    // sent (it must not wait for a later message to reveal the gap).
    await newcomer.collector.until(has(q2.id), 'q2, read back once the channel is subscribed', 20_000);

    // Nobody restarts the API: its pub/sub reconnects and resubscribes by itself. Until it has, a message sent is only in
    // Postgres, so keep sending until one arrives live; the stream then reads back whatever it missed.
    const probes: Received[] = [];
    for (let attempt = 0; ; attempt += 1) {
      const probe = await send(conversationId, `probe ${attempt}`);
      probes.push(probe);
      if (await bobs.collector.within(has(probe.id), 500)) break;
      if (attempt >= 40) throw new Error(`live delivery did not resume: ${JSON.stringify(bobs.collector.items)}`);
    }
    const afterOutage = [...missed, ...probes];
    expect(bobs.collector.items.map((m) => m.content)).toEqual(['m1', ...afterOutage.map((m) => m.content)]);

    // The subscription made during the outage got its channel too: a new message on the quiet conversation arrives live.
    for (let attempt = 0; ; attempt += 1) {
      const probe = await send(quietId, `quiet probe ${attempt}`);
      if (await newcomer.collector.within(has(probe.id), 500)) break;
      if (attempt >= 40) throw new Error(`no live delivery on the quiet conversation: ${JSON.stringify(newcomer.collector.items)}`);
    }
    const quietPage = await alice.client.data(Page, { conversationId: quietId, after: q0.cursor });
    expect(newcomer.collector.items.map((m) => m.id)).toEqual(quietPage.messages.edges.map((e) => e.node.id));

    // Carol resumes with her last cursor: exactly what she missed, in order, then live, with no duplicate in between.
    const resumed = watch('carol (resumed)', carol, { conversationId, after: carolsLastCursor });
    const last = afterOutage.at(-1)!;
    await resumed.collector.until(has(last.id), 'everything she missed');
    const sentinel = await send(conversationId, 'after resume');
    await resumed.collector.until(has(sentinel.id), 'the next live message');
    expect(resumed.collector.items.map((m) => m.id)).toEqual([...afterOutage, sentinel].map((m) => m.id));
    await bobs.collector.until(has(sentinel.id), 'the next live message');
    expect(bobs.collector.items.map((m) => m.id)).toEqual([m1, ...afterOutage, sentinel].map((m) => m.id));
  }, 90_000);
});

const SubmitAnalytics = graphql(`
  mutation FaultSubmitAnalytics {
    submitJob(input: { type: "user-analytics", input: {} }) {
      id
    }
  }
`);

const JobStatus = graphql(`
  query FaultJobStatus($id: ID!) {
    job(id: $id) {
      status
    }
  }
`);

describe('Redis restarted under a worker process', () => {
  let redis: RedisServer | undefined;
  let api: TestApi | undefined;
  let worker: SpawnedWorker | undefined;

  beforeAll(async () => {
    redis = await privateRedis();
    await redis.start();
    const prefix = `test-fault-worker-${randomBytes(4).toString('hex')}:`;
    api = await startApi({ env: { REDIS_URL: redis.url, REDIS_PREFIX: prefix, RUN_WORKERS: 'false' } });
    worker = await spawnWorker({ DATABASE_URL: api.databaseUrl!, REDIS_URL: redis.url, REDIS_PREFIX: prefix });
  });

  afterAll(async () => {
    await worker?.stop();
    try {
      await api?.stop();
    } finally {
      await redis?.kill();
    }
  });

  it('keeps the worker alive while Redis is gone, and it runs jobs again once Redis is back', async () => {
    const dana = await api!.user('dana');
    const completed = async (id: string) =>
      expect
        .poll(async () => (await dana.client.data(JobStatus, { id })).job?.status, { timeout: 30_000, interval: 200 })
        .toBe('COMPLETED');
    await completed((await dana.client.data(SubmitAnalytics)).submitJob.id);

    await redis!.kill();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(worker!.running()).toBe(true);
    await redis!.start();

    // The queue's own connection reconnects by itself; a job submitted now is picked up by the same worker process.
    await expect
      .poll(async () => (await dana.client.request(SubmitAnalytics)).data?.submitJob.id, { timeout: 20_000, interval: 500 })
      .toBeTruthy();
    const { submitJob } = await dana.client.data(SubmitAnalytics);
    await completed(submitJob.id);
    expect(worker!.running()).toBe(true);
  });
});
