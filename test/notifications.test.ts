import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

const CreateGroup = graphql(`
  mutation StoredNotificationsGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Offline", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation StoredNotificationsSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
    }
  }
`);

const Stored = graphql(`
  query StoredNotifications($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      edges {
        cursor
        node {
          id
          type
          readAt
          message {
            content
          }
          conversation {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Leave = graphql(`
  mutation StoredNotificationsLeave($conversationId: ID!) {
    leaveConversation(conversationId: $conversationId)
  }
`);

const AddMembers = graphql(`
  mutation StoredNotificationsAddMembers($conversationId: ID!, $userIds: [ID!]!) {
    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {
      id
    }
  }
`);

const MarkRead = graphql(`
  mutation StoredNotificationsMarkRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

let api: TestApi;
let alice: TestUser;
let bob: TestUser;
let mallory: TestUser;

beforeAll(async () => {
  api = await startApi();
  [alice, bob, mallory] = (await Promise.all(['alice', 'bob', 'mallory'].map((u) => api.user(u)))) as [
    TestUser,
    TestUser,
    TestUser,
  ];
});

afterAll(() => api?.stop());

async function storedFor(user: TestUser, count: number) {
  for (let i = 0; i < 200; i += 1) {
    const result = await user.client.data(Stored, { first: 10, unreadOnly: true });
    // The page and totalCount are separate reads: a job storing the last one may land between them, so wait for both.
    if (result.notifications.edges.length >= count && result.notifications.totalCount >= count) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${user.username} never got ${count} stored notifications`);
}

describe('stored notifications', () => {
  it('keeps what reached an offline member, pages it, and marks it read', async () => {
    const conversationId = (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;
    for (const content of ['one', 'two', 'three']) await alice.client.data(Send, { conversationId, content });
    const unread = await storedFor(bob, 3);
    expect(unread.notifications.edges.map((e) => e.node.message?.content)).toEqual(['three', 'two', 'one']);
    expect(unread.notifications.edges[0]!.node).toMatchObject({ type: 'NEW_MESSAGE', readAt: null, conversation: { id: conversationId } });

    const first = await bob.client.data(Stored, { first: 2 });
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await bob.client.data(Stored, { first: 2, after: first.notifications.pageInfo.endCursor });
    expect(rest.notifications.edges.map((e) => e.node.message?.content)).toEqual(['one']);

    const newest = unread.notifications.edges[0]!.node.id!;
    expect((await bob.client.data(MarkRead, { ids: [newest] })).markNotificationsRead).toBe(1);
    expect((await bob.client.data(Stored, { unreadOnly: true })).notifications.totalCount).toBe(2);
    expect((await bob.client.data(MarkRead, {})).markNotificationsRead).toBe(2);
    expect((await bob.client.data(Stored, { unreadOnly: true })).notifications.totalCount).toBe(0);
    expect((await bob.client.data(Stored, {})).notifications.totalCount).toBe(3);
  });

  it('in a conversation whose member list the worker keeps, notifies whoever is a member when each message is sent', async () => {
    // 120 members: long enough for the list to be kept between messages (src/jobs/conversation-members.ts).
    const crowd = await Promise.all(Array.from({ length: 119 }, (_, i) => api.user(`crowd_${i}`)));
    const [leaver, stayer, newcomer] = [crowd[0]!, crowd[118]!, await api.user('newcomer')];
    const conversationId = (await alice.client.data(CreateGroup, { members: crowd.map((u) => u.id) })).createConversation.id;
    const contents = async (user: TestUser) =>
      (await user.client.data(Stored, { first: 10 })).notifications.edges
        .filter((e) => e.node.conversation?.id === conversationId)
        .map((e) => e.node.message?.content);

    await alice.client.data(Send, { conversationId, content: 'before' });
    await storedFor(leaver, 1);
    await storedFor(stayer, 1);
    await leaver.client.data(Leave, { conversationId });
    await alice.client.data(AddMembers, { conversationId, userIds: [newcomer.id] });
    await alice.client.data(Send, { conversationId, content: 'after' });
    await storedFor(stayer, 2);
    await storedFor(newcomer, 1);
    expect(await contents(stayer)).toEqual(['after', 'before']);
    expect(await contents(newcomer)).toEqual(['after']);
    // The last job ran after the stayer's and the newcomer's were stored: had it told the one who left, it is there.
    expect(await contents(leaver)).toEqual(['before']);
  });

  it('shows each user only their own, and the sender none for their own messages', async () => {
    expect((await mallory.client.data(Stored, {})).notifications.totalCount).toBe(0);
    expect((await alice.client.data(Stored, {})).notifications.totalCount).toBe(0);
    expect((await mallory.client.data(MarkRead, {})).markNotificationsRead).toBe(0);
    expect((await api.anonymous.error(Stored, {})).code).toBe('UNAUTHENTICATED');
    expect((await bob.client.error(MarkRead, { ids: ['nope'] })).code).toBe('BAD_USER_INPUT');
  });
});
