import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

// What a signed-in user could do by talking to the same database through Supabase (PostgREST runs their queries as
// the role `authenticated` with their JWT claims set): never more than the API lets them do.

const CreateConversation = graphql(`
  mutation RlsCreateConversation($input: CreateConversationInput!) {
    createConversation(input: $input) {
      id
    }
  }
`);

const Send = graphql(`
  mutation RlsSend($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

const Delete = graphql(`
  mutation RlsDelete($id: ID!) {
    deleteMessage(id: $id) {
      id
    }
  }
`);

const CreateSpace = graphql(`
  mutation RlsCreateSpace($input: CreateSpaceInput!) {
    createSpace(input: $input) {
      id
    }
  }
`);

let api: TestApi;
let sql: postgres.Sql;
let alice: TestUser;
let bob: TestUser;
let eve: TestUser;
let conversationId: string;
let deletedId: string;

beforeAll(async () => {
  api = await startApi();
  [alice, bob, eve] = await Promise.all([api.user('alice'), api.user('bob'), api.user('eve')]);
  conversationId = (
    await alice.client.data(CreateConversation, { input: { type: 'GROUP', name: 'Secret', memberIds: [bob.id] } })
  ).createConversation.id;
  await alice.client.data(Send, { input: { conversationId, content: 'visible' } });
  deletedId = (await alice.client.data(Send, { input: { conversationId, content: 'gone' } })).sendMessage.id;
  await alice.client.data(Delete, { id: deletedId });
  await alice.client.data(CreateSpace, { input: { name: 'Open', isPublic: true } });
  await alice.client.data(CreateSpace, { input: { name: 'Closed', isPublic: false } });
  sql = postgres(api.databaseUrl!, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await api?.stop();
});

/** Runs a query as Supabase's PostgREST would for this user (or for the anon key when user is null). */
async function asUser<T>(user: TestUser | null, query: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    await tx.unsafe(`set local role ${user ? 'authenticated' : 'anon'}`);
    await tx`select set_config('request.jwt.claims', ${JSON.stringify(
      user ? { sub: user.id, role: 'authenticated' } : { role: 'anon' },
    )}, true)`;
    return query(tx);
  })) as T;
}

describe('row level security', () => {
  it('shows members their conversation and its non-deleted messages, and others nothing', async () => {
    const forBob = await asUser(bob, (tx) => tx`select content from messages where conversation_id = ${conversationId}`);
    expect(forBob.map((row) => row.content)).toEqual(['visible']);
    const forEve = await asUser(eve, (tx) => tx`select id from messages`);
    expect(forEve).toHaveLength(0);
    expect(await asUser(eve, (tx) => tx`select id from conversations`)).toHaveLength(0);
    expect(await asUser(eve, (tx) => tx`select user_id from conversation_members`)).toHaveLength(0);
  });

  it('keeps profile settings private and lets users edit only their own public fields', async () => {
    await expect(asUser(bob, (tx) => tx`select settings from profiles`)).rejects.toThrow(/permission denied/);
    const names = await asUser(bob, (tx) => tx`select username from profiles order by username`);
    expect(names.map((row) => row.username)).toEqual(['alice', 'bob', 'eve']);
    const mine = await asUser(bob, (tx) => tx`update profiles set full_name = 'Bob B' where id = ${bob.id} returning id`);
    expect(mine).toHaveLength(1);
    const theirs = await asUser(bob, (tx) => tx`update profiles set full_name = 'pwned' where id = ${alice.id} returning id`);
    expect(theirs).toHaveLength(0);
  });

  it('refuses direct writes to conversations and messages', async () => {
    await expect(
      asUser(bob, (tx) => tx`insert into messages (conversation_id, sender_id, content, seq, ordinal)
        values (${conversationId}, ${bob.id}, 'sneaky', 999, 999)`),
    ).rejects.toThrow(/permission denied|row-level security/);
    await expect(asUser(bob, (tx) => tx`delete from messages`)).rejects.toThrow(/permission denied/);
  });

  it('shows public spaces to everyone and private ones to members only', async () => {
    const anon = await asUser(null, (tx) => tx`select name from spaces order by name`);
    expect(anon.map((row) => row.name)).toEqual(['Open']);
    const forEve = await asUser(eve, (tx) => tx`select name from spaces order by name`);
    expect(forEve.map((row) => row.name)).toEqual(['Open']);
    const forAlice = await asUser(alice, (tx) => tx`select name from spaces order by name`);
    expect(forAlice.map((row) => row.name)).toEqual(['Closed', 'Open']);
  });
});
