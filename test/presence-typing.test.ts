import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';

const Setup = graphql(`
  mutation PresenceSetup($name: String!) {
    createSpace(input: { name: $name }) {
      id
    }
  }
`);

const AddToSpace = graphql(`
  mutation PresenceAddToSpace($spaceId: ID!, $userId: ID!) {
    addSpaceMember(spaceId: $spaceId, userId: $userId) {
      id
    }
  }
`);

const CreateGroup = graphql(`
  mutation PresenceGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Typing", memberIds: $members }) {
      id
    }
  }
`);

const SetTyping = graphql(`
  mutation PresenceSetTyping($conversationId: ID!, $isTyping: Boolean!) {
    setTyping(conversationId: $conversationId, isTyping: $isTyping)
  }
`);

const Send = graphql(`
  mutation PresenceSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
    }
  }
`);

const Online = graphql(`
  query PresenceOnline($id: ID!) {
    profile(id: $id) {
      isOnline
      lastSeenAt
    }
  }
`);

const Typing = graphql(`
  subscription PresenceTyping($conversationId: ID!) {
    typing(conversationId: $conversationId) {
      isTyping
      user {
        username
      }
      conversation {
        id
      }
    }
  }
`);

const PresenceSub = graphql(`
  subscription PresenceEvents($spaceId: ID!) {
    presence(spaceId: $spaceId) {
      status
      lastSeenAt
      user {
        username
        isOnline
      }
    }
  }
`);

const Notifications = graphql(`
  subscription PresenceNotifications {
    notifications {
      type
      message {
        content
      }
      conversation {
        id
      }
    }
  }
`);

const Stored = graphql(`
  query PresenceStoredNotifications {
    notifications(first: 10) {
      edges {
        node {
          message {
            content
          }
          conversation {
            id
          }
        }
      }
    }
  }
`);

/** Repeats `act` until the first result arrives: live-only subscriptions have no "ready" signal. */
async function firstWhile<R>(sub: Subscription<R>, act: () => Promise<unknown>) {
  const first = sub.next();
  let arrived = false;
  void first.then(
    () => (arrived = true),
    () => (arrived = true),
  );
  while (!arrived) {
    await act();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return first;
}

for (const mode of ['in-process', 'redis'] as const) {
  describe(`typing, presence and notifications (${mode})`, () => {
    let api: TestApi;
    let alice: TestUser;
    let bob: TestUser;
    let mallory: TestUser;
    let spaceId: string;
    let conversationId: string;
    const clients: Client[] = [];
    const client = (user: TestUser) => {
      const c = wsClient(api.url, user.token);
      clients.push(c);
      return c;
    };

    beforeAll(async () => {
      api = await startApi(
        mode === 'redis'
          ? { env: { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:` } }
          : {},
      );
      [alice, bob, mallory] = (await Promise.all(['alice', 'bob', 'mallory'].map((u) => api.user(u)))) as [
        TestUser,
        TestUser,
        TestUser,
      ];
      spaceId = (await alice.client.data(Setup, { name: 'Presence' })).createSpace.id;
      await alice.client.data(AddToSpace, { spaceId, userId: bob.id });
      conversationId = (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await api?.stop();
    });

    it('shows others typing, and expires a typing state that is not refreshed', async () => {
      const sub = subscribe(client(bob), Typing, { conversationId });
      const started = await firstWhile(sub, () => alice.client.data(SetTyping, { conversationId, isTyping: true }));
      expect(started.data?.typing).toMatchObject({ isTyping: true, user: { username: 'alice' } });
      let next = await sub.next();
      while (next.data?.typing.isTyping) next = await sub.next();
      expect(next.data?.typing).toMatchObject({ isTyping: false, user: { username: 'alice' } });
      await alice.client.data(SetTyping, { conversationId, isTyping: true });
      expect((await sub.next()).data?.typing.isTyping).toBe(true);
      await alice.client.data(SetTyping, { conversationId, isTyping: false });
      expect((await sub.next()).data?.typing.isTyping).toBe(false);
      await sub.close();
      expect((await mallory.client.error(SetTyping, { conversationId, isTyping: true })).code).toBe('NOT_FOUND');
    });

    it('tracks who is online in a space while their sockets live', async () => {
      const watcher = subscribe(client(alice), PresenceSub, { spaceId });
      // paula has had no socket yet: bob's, from the typing test, may still be announcing its close.
      const paula = await api.user(`paula_${mode.replace('-', '')}`);
      await alice.client.data(AddToSpace, { spaceId, userId: paula.id });
      const snapshot = await watcher.next();
      expect(snapshot.data?.presence).toMatchObject({ status: 'ONLINE', user: { username: 'alice' } });
      expect((await paula.client.data(Online, { id: paula.id })).profile?.isOnline).toBe(false);

      const paulasSocket = wsClient(api.url, paula.token);
      const paulaSub = subscribe(paulasSocket, Notifications, {});
      void paulaSub.next().catch(() => {});
      const next = async (username: string) => {
        for (;;) {
          const event = await watcher.next();
          if (event.data?.presence.user.username === username) return event;
        }
      };
      const online = await next(paula.username);
      expect(online.data?.presence).toMatchObject({ status: 'ONLINE', lastSeenAt: null });
      expect((await alice.client.data(Online, { id: paula.id })).profile?.isOnline).toBe(true);

      await paulasSocket.dispose();
      const offline = await next(paula.username);
      expect(offline.data?.presence).toMatchObject({ status: 'OFFLINE', user: { isOnline: false } });
      expect(offline.data?.presence.lastSeenAt).toEqual(expect.any(String));
      const profile = (await alice.client.data(Online, { id: paula.id })).profile;
      expect(profile).toMatchObject({ isOnline: false, lastSeenAt: offline.data?.presence.lastSeenAt });
      await watcher.close();

      expect(JSON.stringify((await subscribe(client(mallory), PresenceSub, { spaceId }).next()).errors)).toMatch(
        /NOT_FOUND/,
      );
    });

    it('stores a notification for a member of a large conversation who went offline since its last message', async () => {
      // 120 members: a list the job keeps between messages, so that one presence reading of it can answer for the next.
      const tag = mode.replace('-', '');
      const crowd = await Promise.all(Array.from({ length: 118 }, (_, i) => api.user(`crowd_${tag}_${i}`)));
      const quinn = await api.user(`quinn_${tag}`);
      await alice.client.data(AddToSpace, { spaceId, userId: quinn.id });
      const members = [quinn.id, ...crowd.map((user) => user.id)];
      const crowdId = (await alice.client.data(CreateGroup, { members })).createConversation.id;
      const storedIn = async (user: TestUser, count: number) => {
        for (let i = 0; i < 200; i += 1) {
          const contents = (await user.client.data(Stored, {})).notifications.edges
            .filter((edge) => edge.node.conversation?.id === crowdId)
            .map((edge) => edge.node.message?.content);
          if (contents.length >= count) return contents;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`${user.username} never got ${count} stored notifications`);
      };
      const watcher = subscribe(client(alice), PresenceSub, { spaceId });
      const presenceOf = async (username: string, status: string) => {
        for (;;) {
          const event = await watcher.next();
          if (event.data?.presence.user.username === username && event.data.presence.status === status) return;
        }
      };

      await alice.client.data(Send, { conversationId: crowdId, content: 'first' });
      await storedIn(crowd[0]!, 1);
      const quinnsSocket = wsClient(api.url, quinn.token);
      void subscribe(quinnsSocket, Notifications, {}).next().catch(() => {});
      await presenceOf(quinn.username, 'ONLINE');
      await alice.client.data(Send, { conversationId: crowdId, content: 'while online' });
      await storedIn(crowd[0]!, 2);
      await quinnsSocket.dispose();
      await presenceOf(quinn.username, 'OFFLINE');
      await alice.client.data(Send, { conversationId: crowdId, content: 'after leaving' });
      await storedIn(crowd[0]!, 3);
      // Stored in the same job as the crowd's: had it taken quinn for online, there would be none.
      expect(await storedIn(quinn, 2)).toEqual(['after leaving', 'first']);
      await watcher.close();
    });

    it('notifies members of new messages from others', async () => {
      const sub = subscribe(client(bob), Notifications, {});
      const first = await firstWhile(sub, () => alice.client.data(Send, { conversationId, content: 'knock knock' }));
      expect(first.data?.notifications).toMatchObject({
        type: 'NEW_MESSAGE',
        message: { content: 'knock knock' },
        conversation: { id: conversationId },
      });
      await sub.close();
    });
  });
}
