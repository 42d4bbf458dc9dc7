import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

// A page costs a fixed number of SQL statements whatever its size: every related row is read through a per-request
// DataLoader, one statement per batch (DESIGN.md, "loaders").

const BatchInbox = graphql(`
  query BatchInbox($first: Int) {
    conversations(first: $first) {
      totalCount
      edges {
        node {
          id
          lastMessage {
            content
            sender {
              username
            }
          }
          unreadCount
          members {
            role
            profile {
              username
            }
          }
          space {
            name
          }
        }
      }
    }
  }
`);

const BatchInboxFragments = graphql(`
  query BatchInboxFragments($first: Int) {
    conversations(first: $first) {
      edges {
        node {
          id
          ...BatchInboxShown
        }
      }
    }
  }
  fragment BatchInboxShown on Conversation {
    newest: lastMessage {
      content
    }
    ... on Conversation {
      unread: unreadCount
    }
  }
`);

const BatchMessages = graphql(`
  query BatchMessages($conversationId: ID!, $last: Int) {
    messages(conversationId: $conversationId, last: $last) {
      edges {
        node {
          id
          sender {
            username
          }
          replyTo {
            id
          }
          conversation {
            id
          }
        }
      }
    }
  }
`);

const CONVERSATIONS = 60;
const MESSAGES_PER_CONVERSATION = 3;
const LONG_CONVERSATION_MESSAGES = 60;

let api: TestApi;
let viewer: TestUser;
let others: { id: string; username: string }[];
/** Wrote the last message of every conversation, then left them all. */
let leaver: { id: string; username: string };
let spaces: { id: string; name: string }[];
let conversationIds: string[];
let longConversationId: string;
let longMessageIds: string[];

beforeAll(async () => {
  api = await startApi();
  // The viewer's first request provisions their profile: done here, before anything is measured.
  viewer = await api.user('batcher');
  const db = api.server.db.db;

  others = Array.from({ length: 8 }, (_, i) => ({ id: randomUUID(), username: `peer_${i}` }));
  leaver = { id: randomUUID(), username: 'leaver' };
  await db.insertInto('profiles').values([...others, leaver]).execute();

  spaces = Array.from({ length: 3 }, (_, i) => ({ id: randomUUID(), name: `space ${i}` }));
  await db
    .insertInto('spaces')
    .values(spaces.map((space) => ({ ...space, creator_id: viewer.id })))
    .execute();
  await db
    .insertInto('space_members')
    .values(
      spaces.flatMap((space) => [
        { space_id: space.id, user_id: viewer.id, role: 'owner' as const },
        ...others.map((other) => ({ space_id: space.id, user_id: other.id })),
      ]),
    )
    .execute();

  // 60 conversations, conversation i active i minutes ago (0 is the most recent). Each has the viewer and three peers
  // as members, and three messages: two from peers, the last from someone who has since left. The viewer never
  // writes, and the last sender is never a member, so the members' profiles and the senders' profiles are two
  // different, non-empty sets on every page, whichever of their loaders' statements returns first.
  const now = Date.now();
  conversationIds = Array.from({ length: CONVERSATIONS }, () => randomUUID());
  await db
    .insertInto('conversations')
    .values(
      conversationIds.map((id, i) => ({
        id,
        name: `conversation ${i}`,
        type: 'group' as const,
        space_id: spaces[i % spaces.length]!.id,
        creator_id: viewer.id,
        last_seq: MESSAGES_PER_CONVERSATION,
        message_count: MESSAGES_PER_CONVERSATION,
        last_activity_at: new Date(now - i * 60_000),
        created_at: new Date(now - 86_400_000),
      })),
    )
    .execute();
  const peersOf = (i: number) => [0, 1, 2].map((k) => others[(i + k) % others.length]!);
  await db
    .insertInto('conversation_members')
    .values(
      conversationIds.flatMap((id, i) => [
        { conversation_id: id, user_id: viewer.id, role: 'owner' as const, last_read_seq: i % 2 },
        ...peersOf(i).map((peer) => ({ conversation_id: id, user_id: peer.id })),
      ]),
    )
    .execute();
  await db
    .insertInto('messages')
    .values(
      conversationIds.flatMap((id, i) => [
        { conversation_id: id, sender_id: peersOf(i)[0]!.id, content: `c${i} m1`, seq: 1, ordinal: 1 },
        { conversation_id: id, sender_id: peersOf(i)[1]!.id, content: `c${i} m2`, seq: 2, ordinal: 2 },
        { conversation_id: id, sender_id: leaver.id, content: `c${i} last`, seq: 3, ordinal: 3 },
      ]),
    )
    .execute();

  // One long conversation, older than all of the above: message n (from 11 on) replies to message n - 10, so that
  // every page of the newest messages has replies to messages outside it.
  longConversationId = randomUUID();
  await db
    .insertInto('conversations')
    .values({
      id: longConversationId,
      name: 'long',
      type: 'group',
      creator_id: viewer.id,
      last_seq: LONG_CONVERSATION_MESSAGES,
      message_count: LONG_CONVERSATION_MESSAGES,
      last_activity_at: new Date(now - 365 * 86_400_000),
    })
    .execute();
  await db
    .insertInto('conversation_members')
    .values([
      { conversation_id: longConversationId, user_id: viewer.id, role: 'owner' },
      ...others.map((other) => ({ conversation_id: longConversationId, user_id: other.id })),
    ])
    .execute();
  const messageIds = Array.from({ length: LONG_CONVERSATION_MESSAGES }, () => randomUUID());
  longMessageIds = messageIds;
  await db
    .insertInto('messages')
    .values(
      messageIds.map((id, i) => ({
        id,
        conversation_id: longConversationId,
        sender_id: others[i % others.length]!.id,
        content: `long ${i + 1}`,
        seq: i + 1,
        ordinal: i + 1,
        reply_to_id: i >= 10 ? messageIds[i - 10]! : null,
      })),
    )
    .execute();
});

afterAll(() => api?.stop());

/** The data of one request, and the number of SQL statements the server ran for it. */
async function measure<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<{ data: R; statements: number }> {
  const before = api.server.db.statements();
  const data = await viewer.client.data(document, variables);
  return { data, statements: api.server.db.statements() - before };
}

describe('statements per page', () => {
  it('the conversations page with last messages, unread counts, members and spaces costs the same for 5 and 50', async () => {
    const small = await measure(BatchInbox, { first: 5 });
    const large = await measure(BatchInbox, { first: 50 });

    for (const [{ data }, size] of [
      [small, 5],
      [large, 50],
    ] as const) {
      const { conversations } = data;
      expect(conversations.totalCount).toBe(CONVERSATIONS + 1);
      expect(conversations.edges).toHaveLength(size);
      expect(conversations.edges.map((edge) => edge.node.id)).toEqual(conversationIds.slice(0, size));
      conversations.edges.forEach(({ node }, i) => {
        expect(node.lastMessage).toEqual({ content: `c${i} last`, sender: { username: 'leaver' } });
        expect(node.unreadCount).toBe(MESSAGES_PER_CONVERSATION - (i % 2));
        expect(node.space?.name).toBe(`space ${i % spaces.length}`);
        expect(node.members).toHaveLength(4);
        expect(node.members.map((member) => member.profile.username).sort()).toEqual(
          ['batcher', ...[0, 1, 2].map((k) => others[(i + k) % others.length]!.username)].sort(),
        );
        expect(node.members.find((member) => member.profile.username === 'batcher')?.role).toBe('OWNER');
      });
    }

    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
    // Measured again, the same: nothing is cached across requests.
    expect((await measure(BatchInbox, { first: 50 })).statements).toBe(small.statements);
  });

  it('reads unread counts and last messages asked for through fragments and aliases as the plain inbox does', async () => {
    const plain = (await measure(BatchInbox, { first: 20 })).data.conversations.edges;
    const { data, statements } = await measure(BatchInboxFragments, { first: 20 });
    expect(data.conversations.edges.map(({ node }) => ({ id: node.id, newest: node.newest?.content, unread: node.unread }))).toEqual(
      plain.map(({ node }) => ({ id: node.id, newest: node.lastMessage?.content, unread: node.unreadCount })),
    );
    // Read with the page itself: one statement for the page and what it shows of each conversation.
    expect(statements).toBe(1);
  });

  it('a page of messages with senders, replies and conversation costs the same for 5 and 50', async () => {
    const small = await measure(BatchMessages, { conversationId: longConversationId, last: 5 });
    const large = await measure(BatchMessages, { conversationId: longConversationId, last: 50 });

    for (const [{ data }, size] of [
      [small, 5],
      [large, 50],
    ] as const) {
      const edges = data.messages.edges;
      expect(edges).toHaveLength(size);
      edges.forEach(({ node }, i) => {
        const n = LONG_CONVERSATION_MESSAGES - size + i + 1;
        expect(node.sender.username).toBe(others[(n - 1) % others.length]!.username);
        expect(node.conversation.id).toBe(longConversationId);
        expect(node.id).toBe(longMessageIds[n - 1]);
        expect(node.replyTo).toEqual(n > 10 ? { id: longMessageIds[n - 11] } : null);
      });
    }

    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});
