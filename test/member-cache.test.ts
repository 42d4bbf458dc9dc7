import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { resultCounts } from './helpers/metrics.ts';

// Conversations' member lists are kept in memory while Postgres says they are unchanged
// (src/loaders/conversation-members.ts): every change must show on the next request, wherever it was made.

const MembersGroup = graphql(`
  mutation MembersGroup($input: CreateConversationInput!) {
    createConversation(input: $input) {
      id
    }
  }
`);

const MembersInbox = graphql(`
  query MembersInbox {
    conversations(first: 10) {
      edges {
        node {
          id
          members {
            role
            profile {
              username
              fullName
            }
          }
        }
      }
    }
  }
`);

const MembersAdd = graphql(`
  mutation MembersAdd($conversationId: ID!, $userIds: [ID!]!) {
    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {
      id
    }
  }
`);

const MembersLeave = graphql(`
  mutation MembersLeave($conversationId: ID!) {
    leaveConversation(conversationId: $conversationId)
  }
`);

const MembersRename = graphql(`
  mutation MembersRename($input: UpdateMeInput!) {
    updateMe(input: $input) {
      id
    }
  }
`);

const MembersSend = graphql(`
  mutation MembersSend($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

const MembersRead = graphql(`
  mutation MembersRead($conversationId: ID!, $messageId: ID!) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      id
    }
  }
`);

/** The server's member lists loaded so far, by result (hit: reused from memory, read: read from Postgres). */
const memberCounts = (api: TestApi) => resultCounts(api, 'uvian_member_cache_lists_total', ['hit', 'read']);

/** A conversation's members as `user` sees them in the conversation list: "username:role:fullName", in list order. */
async function membersOf(user: TestUser, conversationId: string) {
  const { conversations } = await user.client.data(MembersInbox, {});
  const node = conversations.edges.find((e) => e.node.id === conversationId)?.node;
  if (!node) throw new Error(`${user.username} does not see ${conversationId}`);
  return node.members.map((m) => `${m.profile.username}:${m.role}:${m.profile.fullName ?? ''}`);
}

describe.each([
  { database: 'Postgres', embedded: false },
  { database: 'embedded PGlite', embedded: true },
])('member lists kept across requests on $database', ({ embedded }) => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    api = await startApi({ embedded });
    [alice, bob, carol] = await Promise.all([api.user('alice'), api.user('bob'), api.user('carol')]);
    conversationId = (
      await alice.client.data(MembersGroup, { input: { name: 'Members', type: 'GROUP', memberIds: [bob.id] } })
    ).createConversation.id;
  });

  afterAll(() => api?.stop());

  it('lists the same members from memory as from Postgres, and reads an unchanged list once', async () => {
    const before = await memberCounts(api);
    const read = await membersOf(alice, conversationId);
    const reused = await membersOf(alice, conversationId);
    const reusedForBob = await membersOf(bob, conversationId);
    expect(read).toEqual(['alice:OWNER:', 'bob:MEMBER:']);
    expect(reused).toEqual(read);
    expect(reusedForBob).toEqual(read);
    const after = await memberCounts(api);
    expect(after.read - before.read).toBe(1);
    expect(after.hit - before.hit).toBe(2);
  });

  it('shows who joined, who left and who took over as owner on the next request', async () => {
    await membersOf(alice, conversationId);
    await alice.client.data(MembersAdd, { conversationId, userIds: [carol.id] });
    expect(await membersOf(bob, conversationId)).toEqual(['alice:OWNER:', 'bob:MEMBER:', 'carol:MEMBER:']);
    await carol.client.data(MembersLeave, { conversationId });
    expect(await membersOf(bob, conversationId)).toEqual(['alice:OWNER:', 'bob:MEMBER:']);
    await alice.client.data(MembersLeave, { conversationId });
    expect(await membersOf(bob, conversationId)).toEqual(['bob:OWNER:']);
    await bob.client.data(MembersAdd, { conversationId, userIds: [alice.id] });
    expect(await membersOf(alice, conversationId)).toEqual(['bob:OWNER:', 'alice:MEMBER:']);
  });

  it("shows a member's new name on the next request", async () => {
    await membersOf(alice, conversationId);
    await bob.client.data(MembersRename, { input: { fullName: 'Bob Renamed' } });
    expect(await membersOf(alice, conversationId)).toContain('bob:OWNER:Bob Renamed');
  });

  it('shows changes written straight to the database (a dashboard, a script) on the next request', async () => {
    const db = api.server.db.db;
    await membersOf(alice, conversationId);
    await db.insertInto('conversation_members').values({ conversation_id: conversationId, user_id: carol.id, role: 'admin' }).execute();
    expect(await membersOf(alice, conversationId)).toEqual(['bob:OWNER:Bob Renamed', 'alice:MEMBER:', 'carol:ADMIN:']);
    await db.updateTable('conversation_members').set({ role: 'member' }).where('user_id', '=', carol.id).execute();
    expect(await membersOf(alice, conversationId)).toContain('carol:MEMBER:');
    await db.updateTable('profiles').set({ username: 'carol_by_hand' }).where('id', '=', carol.id).execute();
    expect(await membersOf(alice, conversationId)).toContain('carol_by_hand:MEMBER:');
    await db.deleteFrom('conversation_members').where('user_id', '=', carol.id).execute();
    expect(await membersOf(alice, conversationId)).toEqual(['bob:OWNER:Bob Renamed', 'alice:MEMBER:']);
  });

  it('keeps a list through read receipts and presence, which it does not show', async () => {
    const messageId = (await bob.client.data(MembersSend, { input: { conversationId, content: 'hello' } })).sendMessage.id;
    await membersOf(alice, conversationId);
    const before = await memberCounts(api);
    await alice.client.data(MembersRead, { conversationId, messageId });
    await sql`update profiles set last_seen_at = now() where id = ${bob.id}`.execute(api.server.db.db);
    await membersOf(alice, conversationId);
    const after = await memberCounts(api);
    expect(after.read - before.read).toBe(0);
    expect(after.hit - before.hit).toBe(1);
  });
});

describe('member lists on two API processes (Postgres)', () => {
  let first: TestApi;
  let second: TestApi;

  beforeAll(async () => {
    first = await startApi();
    second = await startApi({ env: { DATABASE_URL: first.databaseUrl! } });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('shows on one process a change made through the other', async () => {
    const [alice, bob, carol] = await Promise.all([first.user('dana'), first.user('eve'), first.user('frank')]);
    const conversationId = (
      await alice.client.data(MembersGroup, { input: { name: 'Across', type: 'GROUP', memberIds: [bob.id] } })
    ).createConversation.id;
    const bobOnSecond = { ...bob, client: second.clientWithToken(bob.token) };
    expect(await membersOf(bobOnSecond, conversationId)).toEqual(['dana:OWNER:', 'eve:MEMBER:']);
    expect(await membersOf(bobOnSecond, conversationId)).toEqual(['dana:OWNER:', 'eve:MEMBER:']);
    await alice.client.data(MembersAdd, { conversationId, userIds: [carol.id] });
    await carol.client.data(MembersRename, { input: { fullName: 'Frank F' } });
    expect(await membersOf(bobOnSecond, conversationId)).toEqual(['dana:OWNER:', 'eve:MEMBER:', 'frank:MEMBER:Frank F']);
  });
});
