import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RATE_LIMITS } from '../src/http/rate-limits.ts';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

const Group = graphql(`
  mutation LimitsGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Flood", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation LimitsSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
    }
  }
`);

const Typing = graphql(`
  mutation LimitsTyping($conversationId: ID!) {
    setTyping(conversationId: $conversationId, isTyping: true)
  }
`);

const prefix = `test-limits-${randomBytes(4).toString('hex')}:`;

describe('rate limits, counted in Redis so that every API process shares them', () => {
  const apis: TestApi[] = [];
  let alice: TestUser;
  let bob: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix, RATE_LIMITS: 'on' };
    apis.push(await startApi({ env }));
    alice = await apis[0]!.user('alice');
    bob = await apis[0]!.user('bob');
    conversationId = (await alice.client.data(Group, { members: [bob.id] })).createConversation.id;
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses a flood of messages with RATE_LIMITED and a retry-after, per user, counted in Redis', async () => {
    const limit = RATE_LIMITS.sendMessage.points;
    const results = [];
    for (let i = 0; i <= limit; i += 1) results.push(await alice.client.request(Send, { conversationId, content: `m${i}` }));
    expect(results.slice(0, limit).every((r) => !r.errors)).toBe(true);
    const refused = results[limit]!.errors?.[0];
    expect(refused?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused?.extensions?.retryAfter).toEqual(expect.any(Number));
    expect(refused?.extensions?.retryAfter as number).toBeGreaterThan(0);
    // Another user is not affected.
    expect((await bob.client.request(Send, { conversationId, content: 'hi' })).errors).toBeUndefined();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}ratelimit:sendMessage*`);
    redis.disconnect();
    expect(keys.length).toBeGreaterThan(0);
  });

  it('limits typing and new conversations too', async () => {
    const typing = [];
    for (let i = 0; i <= RATE_LIMITS.setTyping.points; i += 1) typing.push(await bob.client.request(Typing, { conversationId }));
    expect(typing.at(-1)?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const groups = [];
    for (let i = 0; i <= RATE_LIMITS.createConversation.points; i += 1) groups.push(await bob.client.request(Group, { members: [] }));
    expect(groups.at(-1)?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('closes WebSocket connects past the limit with 1013 (try again later)', async () => {
    const url = `${apis[0]!.url.replace('http', 'ws')}/graphql`;
    const connect = () =>
      new Promise<number | 'ack'>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        socket.once('open', () =>
          socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bob.token}` } })),
        );
        socket.on('message', (data: Buffer) => {
          if (JSON.parse(data.toString()).type === 'connection_ack') {
            socket.close();
            resolve('ack');
          }
        });
        socket.once('close', (code) => resolve(code));
      });
    const outcomes = [];
    for (let i = 0; i <= RATE_LIMITS.connect.points; i += 1) outcomes.push(await connect());
    expect(outcomes.slice(0, RATE_LIMITS.connect.points).every((o) => o === 'ack')).toBe(true);
    expect(outcomes.at(-1)).toBe(1013);
  });
});
