import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

const CreateGroup = graphql(`
  mutation CreateGroup($input: CreateConversationInput!) {
    createConversation(input: $input) {
      id
      name
      type
    }
  }
`);

const SendMessage = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
      content
      type
      cursor
      clientMessageId
      sender {
        username
      }
      replyTo {
        id
      }
    }
  }
`);

const MessagesPage = graphql(`
  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges {
        cursor
        node {
          id
          content
          isDeleted
          deletedAt
          editedAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const EditMessage = graphql(`
  mutation EditMessage($input: EditMessageInput!) {
    editMessage(input: $input) {
      id
      content
      editedAt
    }
  }
`);

const DeleteMessage = graphql(`
  mutation DeleteMessage($id: ID!) {
    deleteMessage(id: $id) {
      id
      content
      isDeleted
      deletedAt
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkRead($conversationId: ID!, $messageId: ID!) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      id
      unreadCount
    }
  }
`);

const Unread = graphql(`
  query Unread($id: ID!) {
    conversation(id: $id) {
      unreadCount
      lastMessage {
        content
      }
    }
  }
`);

let api: TestApi;
let alice: TestUser;
let bob: TestUser;
let mallory: TestUser;
let conversationId: string;

beforeAll(async () => {
  api = await startApi();
  [alice, bob, mallory] = await Promise.all([api.user('alice'), api.user('bob'), api.user('mallory')]);
  const { createConversation } = await alice.client.data(CreateGroup, {
    input: { name: 'Crew', type: 'GROUP', memberIds: [bob.id] },
  });
  conversationId = createConversation.id;
});

afterAll(() => api?.stop());

const send = (user: TestUser, content: string, extra: Record<string, unknown> = {}) =>
  user.client.data(SendMessage, { input: { conversationId, content, ...extra } }).then((r) => r.sendMessage);

describe('sendMessage', () => {
  it('saves a trimmed message from the sender', async () => {
    const message = await send(alice, '  hello bob  ');
    expect(message).toMatchObject({ content: 'hello bob', type: 'TEXT', sender: { username: 'alice' } });
  });

  it('returns the first message when retried with the same clientMessageId', async () => {
    const first = await send(bob, 'once', { clientMessageId: 'retry-1' });
    const again = await send(bob, 'once', { clientMessageId: 'retry-1' });
    expect(again.id).toBe(first.id);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => send(bob, 'burst', { clientMessageId: 'retry-2' })),
    );
    expect(new Set(concurrent.map((m) => m.id)).size).toBe(1);
    const page = await bob.client.data(MessagesPage, { conversationId, last: 100 });
    expect(page.messages.edges.filter((e) => e.node.content === 'burst')).toHaveLength(1);
    expect(page.messages.edges.filter((e) => e.node.content === 'once')).toHaveLength(1);
    // A retry takes no sequence number and queues no second notification (read only, in the database).
    const sql = postgres(api.databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      const seqs = await sql<{ seq: number }[]>`select seq::int from conversation_events where conversation_id = ${conversationId} order by seq`;
      expect(seqs.map((row) => row.seq)).toEqual(seqs.map((_, i) => i + 1));
      const jobs = await sql<{ count: number }[]>`
        select count(*)::int from jobs where type = 'message-notification' and input->>'messageId' = any(${[first.id, concurrent[0]!.id]})`;
      expect(jobs[0]!.count).toBe(2);
    } finally {
      await sql.end();
    }
  });

  it('links a reply to a message of the same conversation only', async () => {
    const original = await send(alice, 'question?');
    const reply = await send(bob, 'answer', { replyToId: original.id });
    expect(reply.replyTo?.id).toBe(original.id);
    const error = await bob.client.error(SendMessage, {
      input: { conversationId, content: 'x', replyToId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('rejects empty, oversized and malformed input with BAD_USER_INPUT naming the field', async () => {
    for (const [input, field] of [
      [{ conversationId, content: '   ' }, 'input.content'],
      [{ conversationId, content: 'x'.repeat(4001) }, 'input.content'],
      [{ conversationId: 'not-a-uuid', content: 'hi' }, 'input.conversationId'],
      [{ conversationId, content: 'hi', clientMessageId: 'x'.repeat(101) }, 'input.clientMessageId'],
    ] as const) {
      const error = await alice.client.error(SendMessage, { input });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
    }
    expect((await send(alice, 'y'.repeat(4000))).content).toHaveLength(4000);
  });

  it('hides the conversation from non-members and anonymous callers', async () => {
    expect((await mallory.client.error(SendMessage, { input: { conversationId, content: 'hi' } })).code).toBe(
      'NOT_FOUND',
    );
    expect((await mallory.client.error(MessagesPage, { conversationId })).code).toBe('NOT_FOUND');
    expect((await api.anonymous.error(SendMessage, { input: { conversationId, content: 'hi' } })).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('lets only agents send AI messages', async () => {
    const error = await alice.client.error(SendMessage, { input: { conversationId, content: 'beep', type: 'AI' } });
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('messages', () => {
  let ids: string[];
  let pageConversation: string;

  beforeAll(async () => {
    const { createConversation } = await alice.client.data(CreateGroup, {
      input: { name: 'Paging', type: 'GROUP', memberIds: [bob.id] },
    });
    pageConversation = createConversation.id;
    ids = [];
    for (let i = 1; i <= 7; i += 1) {
      const { sendMessage } = await alice.client.data(SendMessage, {
        input: { conversationId: pageConversation, content: `m${i}` },
      });
      ids.push(sendMessage.id);
    }
  });

  const contents = (page: { messages: { edges: { node: { content: string } }[] } }) =>
    page.messages.edges.map((e) => e.node.content);

  it('returns the newest messages, newest last, by default', async () => {
    const page = await bob.client.data(MessagesPage, { conversationId: pageConversation });
    expect(contents(page)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(page.messages.totalCount).toBe(7);
    expect(page.messages.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages backwards with last/before and forwards with first/after, without gaps or repeats', async () => {
    const newest = await bob.client.data(MessagesPage, { conversationId: pageConversation, last: 3 });
    expect(contents(newest)).toEqual(['m5', 'm6', 'm7']);
    expect(newest.messages.pageInfo.hasPreviousPage).toBe(true);
    const older = await bob.client.data(MessagesPage, {
      conversationId: pageConversation,
      last: 3,
      before: newest.messages.pageInfo.startCursor,
    });
    expect(contents(older)).toEqual(['m2', 'm3', 'm4']);
    const oldest = await bob.client.data(MessagesPage, {
      conversationId: pageConversation,
      last: 3,
      before: older.messages.pageInfo.startCursor,
    });
    expect(contents(oldest)).toEqual(['m1']);
    expect(oldest.messages.pageInfo.hasPreviousPage).toBe(false);

    const forward = await bob.client.data(MessagesPage, { conversationId: pageConversation, first: 4 });
    expect(contents(forward)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(forward.messages.pageInfo.hasNextPage).toBe(true);
    const rest = await bob.client.data(MessagesPage, {
      conversationId: pageConversation,
      first: 4,
      after: forward.messages.pageInfo.endCursor,
    });
    expect(contents(rest)).toEqual(['m5', 'm6', 'm7']);
    expect(rest.messages.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects bad page arguments', async () => {
    for (const variables of [
      { conversationId: pageConversation, first: 0 },
      { conversationId: pageConversation, first: 101 },
      { conversationId: pageConversation, last: -1 },
      { conversationId: pageConversation, first: 2, last: 2 },
      { conversationId: pageConversation, after: 'garbage' },
      { conversationId: pageConversation, before: 'x'.repeat(500) },
    ]) {
      expect((await bob.client.error(MessagesPage, variables)).code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('editMessage and deleteMessage', () => {
  it('lets the sender edit, and nobody else', async () => {
    const message = await send(alice, 'draft');
    const { editMessage } = await alice.client.data(EditMessage, { input: { id: message.id, content: 'final' } });
    expect(editMessage.content).toBe('final');
    expect(editMessage.editedAt).not.toBeNull();
    expect((await bob.client.error(EditMessage, { input: { id: message.id, content: 'hacked' } })).code).toBe(
      'FORBIDDEN',
    );
    expect((await mallory.client.error(EditMessage, { input: { id: message.id, content: 'x' } })).code).toBe(
      'NOT_FOUND',
    );
    expect((await alice.client.error(EditMessage, { input: { id: message.id, content: '' } })).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('soft-deletes for the sender or a conversation admin, idempotently, leaving a tombstone', async () => {
    const mine = await send(bob, 'oops');
    expect((await mallory.client.error(DeleteMessage, { id: mine.id })).code).toBe('NOT_FOUND');
    const { deleteMessage } = await bob.client.data(DeleteMessage, { id: mine.id });
    expect(deleteMessage).toMatchObject({ content: '', isDeleted: true });
    const again = await bob.client.data(DeleteMessage, { id: mine.id });
    expect(again.deleteMessage.deletedAt).toBe(deleteMessage.deletedAt);
    expect((await bob.client.error(EditMessage, { input: { id: mine.id, content: 'back' } })).code).toBe(
      'BAD_USER_INPUT',
    );

    // alice owns the group, so she may delete bob's message; bob (a member) may not delete alice's.
    const bobs = await send(bob, 'spam');
    expect((await alice.client.data(DeleteMessage, { id: bobs.id })).deleteMessage.isDeleted).toBe(true);
    const alices = await send(alice, 'keep');
    expect((await bob.client.error(DeleteMessage, { id: alices.id })).code).toBe('FORBIDDEN');
  });
});

describe('markConversationRead', () => {
  it('drops unreadCount to what came after the read message, never moving back', async () => {
    const { createConversation } = await alice.client.data(CreateGroup, {
      input: { name: 'Reads', type: 'GROUP', memberIds: [bob.id] },
    });
    const id = createConversation.id;
    const sent = [];
    for (const content of ['r1', 'r2', 'r3']) {
      sent.push((await alice.client.data(SendMessage, { input: { conversationId: id, content } })).sendMessage);
    }
    expect((await bob.client.data(Unread, { id })).conversation?.unreadCount).toBe(3);
    expect((await alice.client.data(Unread, { id })).conversation?.unreadCount).toBe(0);
    const read = await bob.client.data(MarkRead, { conversationId: id, messageId: sent[1]!.id });
    expect(read.markConversationRead.unreadCount).toBe(1);
    await bob.client.data(MarkRead, { conversationId: id, messageId: sent[0]!.id });
    expect((await bob.client.data(Unread, { id })).conversation?.unreadCount).toBe(1);
    expect((await bob.client.error(MarkRead, { conversationId: id, messageId: '00000000-0000-4000-8000-000000000001' })).code).toBe('NOT_FOUND');
    expect((await mallory.client.error(MarkRead, { conversationId: id, messageId: sent[2]!.id })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps every member\'s unreadCount exact through sends, deletions and reads in any order', async () => {
    // A seeded walk of 48 steps, each followed by both members' counts against a model of the conversation.
    const { createConversation } = await alice.client.data(CreateGroup, {
      input: { name: 'Counted', type: 'GROUP', memberIds: [bob.id] },
    });
    const id = createConversation.id;
    const users = [alice, bob];
    const messages: Array<{ id: string; from: number; deleted: boolean }> = [];
    const readUpTo = [-1, -1];
    let state = 7;
    const random = (n: number) => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) >>> 8) % n;
    const expected = (reader: number) =>
      messages.filter((m, i) => i > readUpTo[reader]! && !m.deleted && m.from !== reader).length;
    for (let step = 0; step < 48; step += 1) {
      const who = random(2);
      const roll = random(10);
      if (roll < 5 || messages.length === 0) {
        const { sendMessage } = await users[who]!.client.data(SendMessage, { input: { conversationId: id, content: `s${step}` } });
        messages.push({ id: sendMessage.id, from: who, deleted: false });
      } else if (roll < 7) {
        // alice owns the group and may delete anything; bob only his own.
        const deletable = messages.map((m, i) => [m, i] as const).filter(([m]) => !m.deleted && (who === 0 || m.from === 1));
        if (deletable.length === 0) continue;
        const [message] = deletable[random(deletable.length)]!;
        await users[who]!.client.data(DeleteMessage, { id: message.id });
        message.deleted = true;
      } else {
        const at = random(messages.length);
        await users[who]!.client.data(MarkRead, { conversationId: id, messageId: messages[at]!.id });
        readUpTo[who] = Math.max(readUpTo[who]!, at);
      }
      const counts = await Promise.all(users.map(async (user) => (await user.client.data(Unread, { id })).conversation?.unreadCount));
      expect({ step, counts }).toEqual({ step, counts: [expected(0), expected(1)] });
    }
  });
});
