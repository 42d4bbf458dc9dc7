import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { resultCounts } from './helpers/metrics.ts';

const CachedGroup = graphql(`
  mutation CachedGroup($input: CreateConversationInput!) {
    createConversation(input: $input) {
      id
    }
  }
`);

const CachedSend = graphql(`
  mutation CachedSend($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

const CachedPage = graphql(`
  query CachedPage($conversationId: ID!, $last: Int) {
    messages(conversationId: $conversationId, last: $last) {
      totalCount
      edges {
        node {
          id
          content
          isDeleted
          editedAt
          sender {
            username
            fullName
          }
          replyTo {
            content
          }
        }
      }
    }
  }
`);

const PageWithConversation = graphql(`
  query PageWithConversation($conversationId: ID!) {
    messages(conversationId: $conversationId) {
      edges {
        node {
          content
          conversation {
            name
          }
        }
      }
    }
  }
`);

const CachedEdit = graphql(`
  mutation CachedEdit($input: EditMessageInput!) {
    editMessage(input: $input) {
      id
    }
  }
`);

const CachedDelete = graphql(`
  mutation CachedDelete($id: ID!) {
    deleteMessage(id: $id) {
      id
    }
  }
`);

const CachedRename = graphql(`
  mutation CachedRename($input: UpdateMeInput!) {
    updateMe(input: $input) {
      id
    }
  }
`);

const CachedLeave = graphql(`
  mutation CachedLeave($conversationId: ID!) {
    leaveConversation(conversationId: $conversationId)
  }
`);

/** How many cacheable page requests the server has counted by result (hit, stale, fill). */
const cacheCounts = (api: TestApi) => resultCounts(api, 'uvian_page_cache_requests_total', ['hit', 'stale', 'fill']);

describe.each([
  { database: 'Postgres', embedded: false },
  { database: 'embedded PGlite', embedded: true },
])('message page cache on $database', ({ embedded }) => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    api = await startApi({ embedded });
    [alice, bob, mallory] = await Promise.all([api.user('alice'), api.user('bob'), api.user('mallory')]);
    conversationId = (
      await alice.client.data(CachedGroup, { input: { name: 'Cached', type: 'GROUP', memberIds: [bob.id] } })
    ).createConversation.id;
  });

  afterAll(() => api?.stop());

  const send = async (user: TestUser, content: string, replyToId?: string) =>
    (await user.client.data(CachedSend, { input: { conversationId, content, replyToId } })).sendMessage.id;
  const page = async (user: TestUser = alice) =>
    (await user.client.data(CachedPage, { conversationId, last: 10 })).messages;
  /** The page three times over, so that the last reading is one the cache may serve. */
  const settledPage = async (user: TestUser = alice) => {
    await page(user);
    await page(user);
    return page(user);
  };
  const contents = (p: Awaited<ReturnType<typeof page>>) => p.edges.map((e) => e.node.content);

  it('serves a repeated page from memory, to every member, the same as executed', async () => {
    await send(alice, 'first');
    const before = await cacheCounts(api);
    const executed = await page();
    const kept = await page();
    const served = await page();
    const servedToBob = await page(bob);
    expect(served).toEqual(executed);
    expect(kept).toEqual(executed);
    expect(servedToBob).toEqual(executed);
    const after = await cacheCounts(api);
    expect(after.fill - before.fill).toBe(1);
    expect(after.hit - before.hit).toBe(2);
  });

  it('shows a new message, an edit and a deletion on the next request', async () => {
    await settledPage();
    const id = await send(bob, 'second');
    expect(contents(await page())).toEqual(['first', 'second']);
    await settledPage();
    await bob.client.data(CachedEdit, { input: { id, content: 'second, edited' } });
    const edited = await page();
    expect(contents(edited)).toEqual(['first', 'second, edited']);
    expect(edited.edges[1]!.node.editedAt).not.toBeNull();
    await settledPage();
    await bob.client.data(CachedDelete, { id });
    const deleted = await page();
    expect(deleted.edges[1]!.node).toMatchObject({ content: '', isDeleted: true });
  });

  it("shows a sender's new name, and a replied-to message's edit", async () => {
    const original = await send(bob, 'original');
    await send(alice, 'a reply', original);
    await settledPage();
    await bob.client.data(CachedRename, { input: { fullName: 'Bob Renamed' } });
    const renamed = await page();
    expect(renamed.edges.find((e) => e.node.content === 'original')!.node.sender.fullName).toBe('Bob Renamed');
    await settledPage();
    await bob.client.data(CachedEdit, { input: { id: original, content: 'original, edited' } });
    const reply = (await page()).edges.find((e) => e.node.content === 'a reply')!.node;
    expect(reply.replyTo?.content).toBe('original, edited');
  });

  it('shows changes written straight to the database (a dashboard, a script) on the next request', async () => {
    const id = await send(alice, 'typo');
    await settledPage();
    const db = api.server.db.db;
    await db.updateTable('messages').set({ content: 'fixed by hand' }).where('id', '=', id).execute();
    expect(contents(await page())).toContain('fixed by hand');
    await settledPage();
    await db.updateTable('profiles').set({ username: 'alice_by_hand' }).where('id', '=', alice.id).execute();
    const byAlice = (await page()).edges.filter((e) => e.node.sender.username === 'alice_by_hand');
    expect(byAlice.length).toBeGreaterThan(0);
    await settledPage();
    await db.deleteFrom('messages').where('id', '=', id).execute();
    expect(contents(await page())).not.toContain('fixed by hand');
    await settledPage();
    // Presence writes last_seen_at on every heartbeat: that does not empty the cache.
    const before = await cacheCounts(api);
    await sql`update profiles set last_seen_at = now() where id = ${bob.id}`.execute(db);
    await page();
    expect((await cacheCounts(api)).hit - before.hit).toBe(1);
  });

  it('answers NOT_FOUND to a stranger and to a member who left, however often the page was served', async () => {
    await settledPage(bob);
    expect((await mallory.client.error(CachedPage, { conversationId, last: 10 })).code).toBe('NOT_FOUND');
    await bob.client.data(CachedLeave, { conversationId });
    expect((await bob.client.error(CachedPage, { conversationId, last: 10 })).code).toBe('NOT_FOUND');
    expect((await api.anonymous.error(CachedPage, { conversationId, last: 10 })).code).toBe('UNAUTHENTICATED');
  });

  it("executes every time a page that selects more than messages and their senders' names (the conversation's name)", async () => {
    const read = async () => (await alice.client.data(PageWithConversation, { conversationId })).messages.edges[0]!.node;
    const before = await cacheCounts(api);
    for (let i = 0; i < 3; i += 1) expect((await read()).conversation.name).toBe('Cached');
    expect(await cacheCounts(api)).toEqual(before);
  });
});
