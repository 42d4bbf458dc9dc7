import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signAccessToken } from '../src/auth/sign.ts';
import { graphql } from './gql/index.ts';
import { startApi, TEST_JWT_SECRET, type TestApi, type TestUser } from './helpers/api.ts';
import { subscribe, wsClient } from './helpers/ws.ts';

const CreateGroup = graphql(`
  mutation SubsCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Live", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation SubsSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
    }
  }
`);

const Edit = graphql(`
  mutation SubsEdit($id: ID!, $content: String!) {
    editMessage(input: { id: $id, content: $content }) {
      id
    }
  }
`);

const Remove = graphql(`
  mutation SubsDelete($id: ID!) {
    deleteMessage(id: $id) {
      id
    }
  }
`);

const Read = graphql(`
  mutation SubsRead($conversationId: ID!, $messageId: ID!) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      id
    }
  }
`);

const AddMembers = graphql(`
  mutation SubsAdd($conversationId: ID!, $userIds: [ID!]!) {
    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {
      id
    }
  }
`);

const Leave = graphql(`
  mutation SubsLeave($conversationId: ID!) {
    leaveConversation(conversationId: $conversationId)
  }
`);

const MessageAdded = graphql(`
  subscription SubsMessageAdded($conversationId: ID!, $after: String) {
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

const Events = graphql(`
  subscription SubsEvents($conversationId: ID!, $after: String) {
    conversationEvents(conversationId: $conversationId, after: $after) {
      __typename
      seq
      cursor
      ... on MessageAdded {
        message {
          content
        }
      }
      ... on MessageEdited {
        message {
          content
          editedAt
        }
      }
      ... on MessageDeleted {
        message {
          isDeleted
        }
      }
      ... on ReadReceipt {
        user {
          username
        }
        message {
          id
        }
      }
      ... on MemberJoined {
        user {
          username
        }
      }
      ... on MemberLeft {
        user {
          username
        }
      }
    }
  }
`);

for (const mode of ['in-process', 'redis'] as const) {
  describe(`subscriptions over graphql-ws (${mode} pub/sub)`, () => {
    let api: TestApi;
    let alice: TestUser;
    let bob: TestUser;
    let carol: TestUser;
    let mallory: TestUser;
    const clients: Client[] = [];
    const client = (user: TestUser | undefined) => {
      const c = wsClient(api.url, user?.token);
      clients.push(c);
      return c;
    };
    const newConversation = async () =>
      (await alice.client.data(CreateGroup, { members: [bob.id, carol.id] })).createConversation.id;
    const send = async (conversationId: string, content: string, user = alice) =>
      (await user.client.data(Send, { conversationId, content })).sendMessage;

    beforeAll(async () => {
      api = await startApi(
        mode === 'redis'
          ? { env: { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:` } }
          : {},
      );
      [alice, bob, carol, mallory] = (await Promise.all(
        ['alice', 'bob', 'carol', 'mallory'].map((u) => api.user(u)),
      )) as [TestUser, TestUser, TestUser, TestUser];
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await api?.stop();
    });

    it('delivers new messages to members in order, as they are sent', async () => {
      const conversationId = await newConversation();
      const sub = subscribe(client(bob), MessageAdded, { conversationId });
      // A live-only subscription starts "now", and the protocol has no "ready" signal: ping until the first arrives.
      const first = sub.next();
      let arrived = false;
      void first.then(() => (arrived = true));
      while (!arrived) {
        await send(conversationId, 'ping');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect((await first).data?.messageAdded.content).toBe('ping');
      for (const content of ['one', 'two', 'three']) await send(conversationId, content);
      const received: string[] = [];
      while (received.at(-1) !== 'three') received.push((await sub.next()).data!.messageAdded.content);
      expect(received.filter((content) => content !== 'ping')).toEqual(['one', 'two', 'three']);
      await sub.close();
    });

    it('replays what was missed after a cursor, then streams live, without gap or duplicate', async () => {
      const conversationId = await newConversation();
      const sent = [];
      for (const content of ['m1', 'm2', 'm3', 'm4']) sent.push(await send(conversationId, content));
      const sub = subscribe(client(bob), MessageAdded, { conversationId, after: sent[1]!.cursor });
      expect((await sub.next()).data?.messageAdded.content).toBe('m3');
      expect((await sub.next()).data?.messageAdded.content).toBe('m4');
      await send(conversationId, 'm5');
      expect((await sub.next()).data?.messageAdded.content).toBe('m5');
      await sub.close();
    });

    it('streams edits, deletions, read receipts, joins and leaves as typed events with sequence numbers', async () => {
      const conversationId = await newConversation();
      const start = await send(conversationId, 'start');
      const sub = subscribe(client(carol), Events, { conversationId, after: start.cursor });
      const message = await send(conversationId, 'hello');
      await alice.client.data(Edit, { id: message.id, content: 'hello, edited' });
      await bob.client.data(Read, { conversationId, messageId: message.id });
      await alice.client.data(Remove, { id: message.id });
      const dave = await api.user(`dave_${mode.replace('-', '')}`);
      await alice.client.data(AddMembers, { conversationId, userIds: [dave.id] });
      await dave.client.data(Leave, { conversationId });
      const events = [];
      for (let i = 0; i < 6; i += 1) events.push((await sub.next()).data!.conversationEvents);
      expect(events.map((e) => e.__typename)).toEqual([
        'MessageAdded',
        'MessageEdited',
        'ReadReceipt',
        'MessageDeleted',
        'MemberJoined',
        'MemberLeft',
      ]);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      expect(events[2]).toMatchObject({ user: { username: 'bob' }, message: { id: message.id } });
      expect(events[4]).toMatchObject({ user: { username: dave.username } });
      await sub.close();
    });

    it('refuses non-members (NOT_FOUND) and sockets without a valid token (4403)', async () => {
      const conversationId = await newConversation();
      const sub = subscribe(client(mallory), MessageAdded, { conversationId });
      expect((await sub.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await sub.done();
      const anonymous = subscribe(client(undefined), MessageAdded, { conversationId });
      await expect(anonymous.next()).rejects.toMatchObject({ code: 4403 });
      const forged = wsClient(api.url, 'not-a-token');
      clients.push(forged);
      await expect(subscribe(forged, MessageAdded, { conversationId }).next()).rejects.toMatchObject({ code: 4403 });
    });

    it('ends the subscription with FORBIDDEN when the subscriber leaves the conversation', async () => {
      const conversationId = await newConversation();
      const before = await send(conversationId, 'before');
      const sub = subscribe(client(carol), MessageAdded, { conversationId, after: before.cursor });
      await send(conversationId, 'while a member');
      expect((await sub.next()).data?.messageAdded.content).toBe('while a member');
      await carol.client.data(Leave, { conversationId });
      await send(conversationId, 'after leaving');
      const last = await sub.next();
      expect(last.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(last.data?.messageAdded).toBeUndefined();
      await sub.done();
    });
  });
}

describe('graphql-ws protocol limits', () => {
  let api: TestApi;
  let alice: TestUser;

  beforeAll(async () => {
    api = await startApi();
    alice = await api.user('alice');
  });

  afterAll(() => api?.stop());

  const closeOf = (socket: WebSocket) =>
    new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );

  it('closes a socket that sends no connection_init within 3 s with 4408', async () => {
    const socket = new WebSocket(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    expect((await closeOf(socket)).code).toBe(4408);
  });

  it('closes the socket with 4403 when its token expires', async () => {
    const token = await signAccessToken({ secret: TEST_JWT_SECRET, username: 'alice', sub: alice.id, expiresIn: '2s' });
    const socket = new WebSocket(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const acked = new Promise<void>((resolve) =>
      socket.on('message', (data: Buffer) => {
        if (JSON.parse(data.toString()).type === 'connection_ack') resolve();
      }),
    );
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    const closed = closeOf(socket);
    await acked;
    expect(await closed).toEqual({ code: 4403, reason: 'Token expired' });
  });
});
