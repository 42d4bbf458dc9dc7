import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  Kind,
  parse,
  validate,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/index.ts';
import { startApi, type GraphQLClient, type TestApi, type TestUser } from './helpers/api.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';
import { deleteRedisKeys } from './helpers/redis-keys.ts';

// The authorisation matrix: every root field of the schema, run over HTTP (queries, mutations) or graphql-ws
// (subscriptions) for four callers against fixtures of their own (a space, a conversation in it, messages, a job; one
// shared by the reads, a fresh one per caller for operations that change state):
//
//   anonymous  no token
//   outsider   signed in, in neither the space nor the conversation, and not the job's submitter
//   member     a member of the space and of the conversation (not an admin of either)
//   admin      the owner of the space and of the conversation, the sender of its messages and the job's submitter
//
// Each entry of MATRIX names what each caller gets: an error code (extensions.code) or data. Every response is also
// searched for what the caller must not see: the fixture's members-only text (space, conversation and message names and
// contents all carry one marker), other users' settings, and Profile.settings / Profile.stats of anyone but the caller.
// A new root field without an entry fails the coverage test.

const REDIS_URL = 'redis://127.0.0.1:6379';

type Role = 'anonymous' | 'outsider' | 'member' | 'admin';
const ROLES: readonly Role[] = ['anonymous', 'outsider', 'member', 'admin'];
type Outcome = 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | 'data';
type Expectations = Readonly<Record<Role, Outcome>>;

// Results are JSON of many shapes; the checks read them as such.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const EVERYONE: Expectations = { anonymous: 'data', outsider: 'data', member: 'data', admin: 'data' };
const SIGNED_IN: Expectations = { anonymous: 'UNAUTHENTICATED', outsider: 'data', member: 'data', admin: 'data' };
/** Members see it; to anyone else it does not exist. */
const MEMBERS: Expectations = { anonymous: 'UNAUTHENTICATED', outsider: 'NOT_FOUND', member: 'data', admin: 'data' };
/** Owners and admins do it; members are told no; to anyone else it does not exist. */
const ADMINS: Expectations = { anonymous: 'UNAUTHENTICATED', outsider: 'NOT_FOUND', member: 'FORBIDDEN', admin: 'data' };
/** A public space: everyone signed in sees it, only its members act in it. */
const PUBLIC_SPACE_MEMBERS: Expectations = { anonymous: 'UNAUTHENTICATED', outsider: 'FORBIDDEN', member: 'data', admin: 'data' };
const PUBLIC_SPACE_ADMINS: Expectations = { anonymous: 'UNAUTHENTICATED', outsider: 'FORBIDDEN', member: 'FORBIDDEN', admin: 'data' };
/** The job's submitter (the admin) only: membership of anything gives no access to someone else's job. */
const SUBMITTER: Expectations = { anonymous: 'UNAUTHENTICATED', outsider: 'NOT_FOUND', member: 'NOT_FOUND', admin: 'data' };

interface Fixture {
  /** In every members-only string of this fixture. */
  marker: string;
  space: { id: string; name: string };
  conversation: { id: string; name: string };
  /** The admin's first message: subscriptions resume after it. */
  opening: { id: string; cursor: string };
  /** The admin's second message. */
  message: { id: string; content: string };
  /** The member's message, the last one. */
  memberMessage: { id: string; content: string };
  /** A public space owned by the admin, the member in it. */
  publicSpace?: { id: string };
  /** The admin's job, queued for an hour. */
  job?: { id: string };
  /** The member's stored notification of `message` (they were offline). */
  memberNotification?: { id: string };
}
type Needs = { publicSpace?: boolean; job?: boolean; notification?: boolean };

interface Users {
  outsider: TestUser;
  member: TestUser;
  admin: TestUser;
  /** In the fixture's space, not in its conversation. */
  newcomer: TestUser;
  /** In nothing of the fixture's. */
  stranger: TestUser;
}

interface Case {
  role: Role;
  /** Undefined for the anonymous caller. */
  caller: TestUser | undefined;
  fix: Fixture;
  users: Users;
}

interface Entry {
  operation: 'query' | 'mutation' | 'subscription';
  /** The root field the document selects. */
  field: string;
  /** When a field has several entries: what differs. */
  scenario?: string;
  expect: Expectations;
  document: string;
  variables?: (c: Case) => Record<string, unknown>;
  /** A fixture of its own for each caller: the operation changes state. */
  fresh?: boolean;
  needs?: Needs;
  /** What a caller who gets data must find in it (the root field's value). */
  check?: (value: Json, c: Case) => void | Promise<void>;
  /** After the operation, whatever its outcome: the state others see changed only when the caller was allowed to. */
  after?: (c: Case, outcome: Outcome) => Promise<void>;
  /** Subscriptions that are live only: what makes their first event happen, repeated until it arrives. */
  trigger?: (c: Case) => Promise<unknown>;
  /** Pause between two triggers. */
  triggerEveryMs?: number;
}

// Selections that reach every private field there is: the leak checks look at what comes back.
const PROFILE = 'id username fullName settings stats { messagesSent conversations computedAt }';
const SPACE = `id name description isPublic memberCount viewerRole creator { ${PROFILE} }`;
const MESSAGE = `id content isDeleted cursor sender { ${PROFILE} }`;
const CONVERSATION = `id name type memberCount unreadCount space { ${SPACE} }
  members { role profile { ${PROFILE} } } lastMessage { ${MESSAGE} }`;
/** For pages, whose size is a variable: a literal `first: 100` here pushes graphql-armor's cost estimate over its limit. */
const CONVERSATION_IN_LIST = `id name memberCount members { role profile { ${PROFILE} } } lastMessage { ${MESSAGE} }`;
const JOB = 'id type status input output error';

/** The nodes of a connection, and any other list of a result. */
const nodes = (connection: Json): Json[] => (connection.edges as Json[]).map((edge) => edge.node);
const list = (value: Json): Json[] => value as Json[];
const doc = (source: string) => parse(source) as TypedDocumentNode<Json, Record<string, unknown>>;

let api: TestApi;
let users: Users;
let shared: Fixture;
let redisPrefix: string;
/** DIRECT conversation of the stranger and the outsider: the outsider's own notifications come from it. */
let outsiderDirect: string;
/** Each signed-in role user's settings hold a note only they may read. */
const settingsNotes = new Map<string, string>();

const clientOf = (c: Case): GraphQLClient => c.caller?.client ?? api.anonymous;
const other = (c: Case) => (c.role === 'admin' ? c.users.member : c.users.admin);
const send = async (user: TestUser, conversationId: string, content: string) =>
  (
    await user.client.data(
      doc(`mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id cursor content } }`),
      { input: { conversationId, content } },
    )
  ).sendMessage as { id: string; cursor: string; content: string };
const messagesOf = async (user: TestUser, conversationId: string) =>
  nodes(
    (
      await user.client.data(doc(`query ($c: ID!) { messages(conversationId: $c) { edges { node { id content isDeleted } } } }`), {
        c: conversationId,
      })
    ).messages,
  ) as { id: string; content: string; isDeleted: boolean }[];
const spaceSeenBy = async (user: TestUser, id: string) =>
  user.client.request(doc(`query ($id: ID!) { space(id: $id) { id memberCount viewerRole } }`), { id });
const conversationSeenBy = async (user: TestUser, id: string) =>
  user.client.request(doc(`query ($id: ID!) { conversation(id: $id) { id memberCount members { profile { id } } } }`), { id });
const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

/** A space with the member and the newcomer, a group conversation in it with the member, three messages. */
async function createFixture(needs: Needs = {}): Promise<Fixture> {
  const { admin, member, newcomer } = users;
  const marker = `members-only-${randomBytes(5).toString('hex')}`;
  const createSpace = doc(`mutation ($input: CreateSpaceInput!) { createSpace(input: $input) { id name } }`);
  const addToSpace = doc(`mutation ($s: ID!, $u: ID!) { addSpaceMember(spaceId: $s, userId: $u) { id } }`);
  const space = (
    await admin.client.data(createSpace, { input: { name: `Space ${marker}`, description: `About ${marker}` } })
  ).createSpace;
  await admin.client.data(addToSpace, { s: space.id, u: member.id });
  await admin.client.data(addToSpace, { s: space.id, u: newcomer.id });
  const conversation = (
    await admin.client.data(
      doc(`mutation ($input: CreateConversationInput!) { createConversation(input: $input) { id name } }`),
      { input: { type: 'GROUP', name: `Conversation ${marker}`, spaceId: space.id, memberIds: [member.id] } },
    )
  ).createConversation;
  const opening = await send(admin, conversation.id, `Opening ${marker}`);
  const message = await send(admin, conversation.id, `Secret ${marker}`);
  const memberMessage = await send(member, conversation.id, `Reply ${marker}`);
  const fixture: Fixture = { marker, space, conversation, opening, message, memberMessage };
  if (needs.publicSpace) {
    fixture.publicSpace = (
      await admin.client.data(createSpace, { input: { name: `Public ${marker.slice(-10)}`, isPublic: true } })
    ).createSpace;
    await admin.client.data(addToSpace, { s: fixture.publicSpace!.id, u: member.id });
  }
  if (needs.job) {
    fixture.job = (
      await admin.client.data(doc(`mutation ($input: SubmitJobInput!) { submitJob(input: $input) { id } }`), {
        input: { type: 'user-analytics', delayMs: 3_600_000 },
      })
    ).submitJob;
  }
  if (needs.notification) {
    // The member has no socket open, so sendMessage's job stores a notification for them.
    const ofMessage = (notification: Json) => notification.message?.id === message.id;
    const stored = await until(
      'the member to get a stored notification',
      async () => {
        const page = await member.client.data(doc(`{ notifications(first: 100) { edges { node { id message { id } } } } }`));
        return nodes(page.notifications);
      },
      (notifications) => notifications.some(ofMessage),
    );
    fixture.memberNotification = { id: stored.find(ofMessage).id };
  }
  return fixture;
}

// ---------------------------------------------------------------------------------------------------------------------
// The table. One entry per root field (a few fields have a second scenario).
// ---------------------------------------------------------------------------------------------------------------------

const MATRIX: Entry[] = [
  // Queries
  {
    operation: 'query',
    field: 'me',
    expect: SIGNED_IN,
    document: `query { me { ${PROFILE} } }`,
    check: (me, c) => {
      expect(me.id).toBe(c.caller!.id);
      // The owner-only fields, to their owner.
      expect(me.settings).toEqual({ note: settingsNotes.get(c.caller!.id) });
      expect(me.stats).not.toBeNull();
    },
  },
  {
    operation: 'query',
    field: 'profile',
    scenario: "the admin's profile: settings and stats only to its owner",
    expect: SIGNED_IN,
    document: `query ($id: ID!) { profile(id: $id) { ${PROFILE} } }`,
    variables: (c) => ({ id: c.users.admin.id }),
    check: (profile, c) => {
      expect(profile.username).toBe(c.users.admin.username);
      if (c.role === 'admin') {
        expect(profile.settings).toEqual({ note: settingsNotes.get(c.users.admin.id) });
        expect(profile.stats?.messagesSent).toBeGreaterThan(0);
      } else {
        expect([profile.settings, profile.stats]).toEqual([null, null]);
      }
    },
  },
  {
    operation: 'query',
    field: 'spaces',
    expect: SIGNED_IN,
    document: `query { spaces { ${SPACE} } }`,
    check: (spaces: Json[], c) => {
      const mine = spaces.find((space) => space.id === c.fix.space.id);
      if (c.role === 'outsider') expect(mine).toBeUndefined();
      else expect(mine).toMatchObject({ name: c.fix.space.name, viewerRole: c.role === 'admin' ? 'OWNER' : 'MEMBER' });
    },
  },
  {
    operation: 'query',
    field: 'space',
    scenario: 'private space',
    expect: MEMBERS,
    document: `query ($id: ID!) { space(id: $id) { ${SPACE} } }`,
    variables: (c) => ({ id: c.fix.space.id }),
    check: (space, c) => {
      expect(space).toMatchObject({ name: c.fix.space.name, isPublic: false, memberCount: 3 });
      expect(space.viewerRole).toBe(c.role === 'admin' ? 'OWNER' : 'MEMBER');
    },
  },
  {
    operation: 'query',
    field: 'space',
    scenario: 'public space',
    expect: SIGNED_IN,
    needs: { publicSpace: true },
    document: `query ($id: ID!) { space(id: $id) { ${SPACE} } }`,
    variables: (c) => ({ id: c.fix.publicSpace!.id }),
    check: (space, c) => {
      expect(space).toMatchObject({ id: c.fix.publicSpace!.id, isPublic: true });
      expect(space.viewerRole).toBe({ outsider: null, member: 'MEMBER', admin: 'OWNER' }[c.role as string]);
    },
  },
  {
    operation: 'query',
    field: 'publicSpaces',
    expect: EVERYONE,
    needs: { publicSpace: true },
    document: `query { publicSpaces(first: 100) { ${SPACE} } }`,
    check: (spaces: Json[], c) => {
      const ids = spaces.map((space) => space.id);
      expect(ids).toContain(c.fix.publicSpace!.id);
      expect(ids).not.toContain(c.fix.space.id);
    },
  },
  {
    operation: 'query',
    field: 'messages',
    expect: MEMBERS,
    document: `query ($c: ID!) { messages(conversationId: $c) { totalCount edges { node { ${MESSAGE} } } } }`,
    variables: (c) => ({ c: c.fix.conversation.id }),
    check: (page, c) => {
      const contents = nodes(page).map((node) => node.content);
      expect(contents).toEqual(expect.arrayContaining([c.fix.message.content, c.fix.memberMessage.content]));
    },
  },
  {
    operation: 'query',
    field: 'conversations',
    scenario: "filtered to the fixture's space",
    expect: SIGNED_IN,
    document: `query ($s: ID, $n: Int) { conversations(first: $n, spaceId: $s) { totalCount edges { node { ${CONVERSATION_IN_LIST} } } } }`,
    variables: (c) => ({ s: c.fix.space.id, n: 100 }),
    check: (page, c) => {
      const ids = nodes(page).map((node) => node.id);
      if (c.role === 'outsider') expect({ ids, totalCount: page.totalCount }).toEqual({ ids: [], totalCount: 0 });
      else expect(ids).toContain(c.fix.conversation.id);
    },
  },
  {
    operation: 'query',
    field: 'conversation',
    expect: MEMBERS,
    document: `query ($id: ID!) { conversation(id: $id) { ${CONVERSATION} } }`,
    variables: (c) => ({ id: c.fix.conversation.id }),
    check: (conversation, c) => {
      expect(conversation.name).toBe(c.fix.conversation.name);
      expect(list(conversation.members).map((m) => [m.profile.id, m.role])).toEqual(
        expect.arrayContaining([
          [c.users.admin.id, 'OWNER'],
          [c.users.member.id, 'MEMBER'],
        ]),
      );
      expect(conversation.lastMessage.content).toBe(c.fix.memberMessage.content);
    },
  },
  {
    operation: 'query',
    field: 'notifications',
    expect: SIGNED_IN,
    needs: { notification: true },
    document: `query ($n: Int) { notifications(first: $n) { totalCount edges { node {
      id type readAt conversation { ${CONVERSATION_IN_LIST} } message { ${MESSAGE} } } } } }`,
    variables: () => ({ n: 100 }),
    check: (page, c) => {
      const about = nodes(page).map((node) => node.message?.id);
      // Each their own: the member was told of the admin's message; nobody else was told of it.
      if (c.role === 'member') expect(about).toContain(c.fix.message.id);
      else expect(about).not.toContain(c.fix.message.id);
    },
  },
  {
    operation: 'query',
    field: 'job',
    expect: SUBMITTER,
    needs: { job: true },
    document: `query ($id: ID!) { job(id: $id) { ${JOB} } }`,
    variables: (c) => ({ id: c.fix.job!.id }),
    check: (job, c) => expect(job).toMatchObject({ id: c.fix.job!.id, type: 'user-analytics', status: 'QUEUED' }),
  },
  {
    operation: 'query',
    field: 'jobs',
    expect: SIGNED_IN,
    needs: { job: true },
    document: `query { jobs(first: 100) { totalCount edges { node { ${JOB} } } } }`,
    check: (page, c) => {
      const ids = nodes(page).map((node) => node.id);
      if (c.role === 'admin') expect(ids).toContain(c.fix.job!.id);
      else expect(ids).not.toContain(c.fix.job!.id);
    },
  },

  // Mutations
  {
    operation: 'mutation',
    field: 'updateMe',
    expect: SIGNED_IN,
    document: `mutation ($name: String) { updateMe(input: { fullName: $name }) { ${PROFILE} } }`,
    variables: (c) => ({ name: `The ${c.role}` }),
    check: (profile, c) => expect(profile).toMatchObject({ id: c.caller!.id, fullName: `The ${c.role}` }),
  },
  {
    operation: 'mutation',
    field: 'createSpace',
    expect: SIGNED_IN,
    document: `mutation { createSpace(input: { name: "Another space" }) { ${SPACE} } }`,
    check: (space, c) => expect(space).toMatchObject({ viewerRole: 'OWNER', memberCount: 1, creator: { id: c.caller!.id } }),
  },
  {
    operation: 'mutation',
    field: 'joinSpace',
    scenario: 'private space',
    expect: MEMBERS,
    document: `mutation ($id: ID!) { joinSpace(id: $id) { ${SPACE} } }`,
    variables: (c) => ({ id: c.fix.space.id }),
    // Joining a space one is in already changes nothing, the owner stays owner.
    check: (space, c) => expect(space).toMatchObject({ memberCount: 3, viewerRole: c.role === 'admin' ? 'OWNER' : 'MEMBER' }),
    after: async (c) => expect((await spaceSeenBy(c.users.admin, c.fix.space.id)).data?.space?.memberCount).toBe(3),
  },
  {
    operation: 'mutation',
    field: 'joinSpace',
    scenario: 'public space',
    expect: SIGNED_IN,
    fresh: true,
    needs: { publicSpace: true },
    document: `mutation ($id: ID!) { joinSpace(id: $id) { ${SPACE} } }`,
    variables: (c) => ({ id: c.fix.publicSpace!.id }),
    check: (space, c) => expect(space.viewerRole).toBe(c.role === 'admin' ? 'OWNER' : 'MEMBER'),
    after: async (c, outcome) => {
      const expected = c.role === 'outsider' ? 3 : 2;
      expect((await spaceSeenBy(c.users.admin, c.fix.publicSpace!.id)).data?.space?.memberCount).toBe(
        outcome === 'data' ? expected : 2,
      );
    },
  },
  {
    operation: 'mutation',
    field: 'addSpaceMember',
    scenario: 'private space, a stranger added',
    expect: ADMINS,
    fresh: true,
    document: `mutation ($s: ID!, $u: ID!) { addSpaceMember(spaceId: $s, userId: $u) { ${SPACE} } }`,
    variables: (c) => ({ s: c.fix.space.id, u: c.users.stranger.id }),
    check: (space) => expect(space.memberCount).toBe(4),
    after: async (c, outcome) => {
      const seen = await spaceSeenBy(c.users.stranger, c.fix.space.id);
      if (outcome === 'data') expect(seen.data?.space?.viewerRole).toBe('MEMBER');
      else expect(codeOf(seen)).toBe('NOT_FOUND');
    },
  },
  {
    operation: 'mutation',
    field: 'addSpaceMember',
    scenario: 'private space, the member made an admin (by themselves: refused)',
    expect: ADMINS,
    fresh: true,
    document: `mutation ($s: ID!, $u: ID!) { addSpaceMember(spaceId: $s, userId: $u, role: ADMIN) { ${SPACE} } }`,
    variables: (c) => ({ s: c.fix.space.id, u: c.users.member.id }),
    after: async (c, outcome) =>
      expect((await spaceSeenBy(c.users.member, c.fix.space.id)).data?.space?.viewerRole).toBe(
        outcome === 'data' ? 'ADMIN' : 'MEMBER',
      ),
  },
  {
    operation: 'mutation',
    field: 'addSpaceMember',
    scenario: 'public space, a stranger added',
    expect: PUBLIC_SPACE_ADMINS,
    fresh: true,
    needs: { publicSpace: true },
    document: `mutation ($s: ID!, $u: ID!) { addSpaceMember(spaceId: $s, userId: $u) { ${SPACE} } }`,
    variables: (c) => ({ s: c.fix.publicSpace!.id, u: c.users.stranger.id }),
    check: (space) => expect(space.memberCount).toBe(3),
    after: async (c, outcome) =>
      expect((await spaceSeenBy(c.users.stranger, c.fix.publicSpace!.id)).data?.space?.viewerRole).toBe(
        outcome === 'data' ? 'MEMBER' : null,
      ),
  },
  {
    operation: 'mutation',
    field: 'sendMessage',
    expect: MEMBERS,
    document: `mutation ($c: ID!, $text: String!) { sendMessage(input: { conversationId: $c, content: $text }) {
      ${MESSAGE} conversation { ${CONVERSATION} } } }`,
    variables: (c) => ({ c: c.fix.conversation.id, text: `From the ${c.role} ${c.fix.marker}` }),
    check: (message, c) => expect(message).toMatchObject({ content: `From the ${c.role} ${c.fix.marker}`, sender: { id: c.caller!.id } }),
    after: async (c, outcome) => {
      const contents = (await messagesOf(c.users.admin, c.fix.conversation.id)).map((m) => m.content);
      expect(contents.includes(`From the ${c.role} ${c.fix.marker}`)).toBe(outcome === 'data');
    },
  },
  {
    operation: 'mutation',
    field: 'editMessage',
    scenario: "the admin's message",
    expect: ADMINS,
    fresh: true,
    document: `mutation ($id: ID!) { editMessage(input: { id: $id, content: "Edited" }) { ${MESSAGE} } }`,
    variables: (c) => ({ id: c.fix.message.id }),
    check: (message) => expect(message.content).toBe('Edited'),
    after: async (c, outcome) =>
      expect((await messagesOf(c.users.member, c.fix.conversation.id)).find((m) => m.id === c.fix.message.id)?.content).toBe(
        outcome === 'data' ? 'Edited' : c.fix.message.content,
      ),
  },
  {
    operation: 'mutation',
    field: 'editMessage',
    scenario: "the member's message: only its sender edits it, not even an admin",
    expect: { anonymous: 'UNAUTHENTICATED', outsider: 'NOT_FOUND', member: 'data', admin: 'FORBIDDEN' },
    fresh: true,
    document: `mutation ($id: ID!) { editMessage(input: { id: $id, content: "Edited" }) { ${MESSAGE} } }`,
    variables: (c) => ({ id: c.fix.memberMessage.id }),
    check: (message) => expect(message.content).toBe('Edited'),
    after: async (c, outcome) =>
      expect(
        (await messagesOf(c.users.admin, c.fix.conversation.id)).find((m) => m.id === c.fix.memberMessage.id)?.content,
      ).toBe(outcome === 'data' ? 'Edited' : c.fix.memberMessage.content),
  },
  {
    operation: 'mutation',
    field: 'deleteMessage',
    scenario: "the admin's message",
    expect: ADMINS,
    fresh: true,
    document: `mutation ($id: ID!) { deleteMessage(id: $id) { ${MESSAGE} } }`,
    variables: (c) => ({ id: c.fix.message.id }),
    check: (message) => expect(message).toMatchObject({ isDeleted: true, content: '' }),
    after: async (c, outcome) =>
      expect((await messagesOf(c.users.member, c.fix.conversation.id)).find((m) => m.id === c.fix.message.id)?.isDeleted).toBe(
        outcome === 'data',
      ),
  },
  {
    operation: 'mutation',
    field: 'deleteMessage',
    scenario: "the member's message: its sender or a conversation admin",
    expect: MEMBERS,
    fresh: true,
    document: `mutation ($id: ID!) { deleteMessage(id: $id) { ${MESSAGE} } }`,
    variables: (c) => ({ id: c.fix.memberMessage.id }),
    check: (message) => expect(message).toMatchObject({ isDeleted: true, content: '' }),
    after: async (c, outcome) =>
      expect(
        (await messagesOf(c.users.admin, c.fix.conversation.id)).find((m) => m.id === c.fix.memberMessage.id)?.isDeleted,
      ).toBe(outcome === 'data'),
  },
  {
    operation: 'mutation',
    field: 'createConversation',
    scenario: "in the fixture's private space",
    expect: MEMBERS,
    document: `mutation ($s: ID!) {
      createConversation(input: { type: GROUP, name: "Side room", spaceId: $s, memberIds: [] }) { ${CONVERSATION} } }`,
    variables: (c) => ({ s: c.fix.space.id }),
    check: (conversation, c) => {
      expect(conversation.space.id).toBe(c.fix.space.id);
      expect(list(conversation.members).map((m) => [m.profile.id, m.role])).toEqual([[c.caller!.id, 'OWNER']]);
    },
  },
  {
    operation: 'mutation',
    field: 'addConversationMembers',
    expect: ADMINS,
    fresh: true,
    document: `mutation ($c: ID!, $u: [ID!]!) { addConversationMembers(conversationId: $c, userIds: $u) { ${CONVERSATION} } }`,
    variables: (c) => ({ c: c.fix.conversation.id, u: [c.users.newcomer.id] }),
    check: (conversation) => expect(conversation.memberCount).toBe(3),
    after: async (c, outcome) => {
      const seen = await conversationSeenBy(c.users.newcomer, c.fix.conversation.id);
      if (outcome === 'data') expect(seen.data?.conversation?.memberCount).toBe(3);
      else expect(codeOf(seen)).toBe('NOT_FOUND');
    },
  },
  {
    operation: 'mutation',
    field: 'leaveConversation',
    expect: MEMBERS,
    fresh: true,
    document: `mutation ($c: ID!) { leaveConversation(conversationId: $c) }`,
    variables: (c) => ({ c: c.fix.conversation.id }),
    check: (left) => expect(left).toBe(true),
    after: async (c, outcome) => {
      const remaining = (await conversationSeenBy(other(c), c.fix.conversation.id)).data?.conversation;
      if (outcome !== 'data') return expect(remaining?.memberCount).toBe(2);
      // Gone for the one who left: the conversation and its messages no longer exist for them.
      expect(remaining?.memberCount).toBe(1);
      const messages = doc(`query ($c: ID!) { messages(conversationId: $c) { totalCount } }`);
      expect(codeOf(await conversationSeenBy(c.caller!, c.fix.conversation.id))).toBe('NOT_FOUND');
      expect(codeOf(await c.caller!.client.request(messages, { c: c.fix.conversation.id }))).toBe('NOT_FOUND');
    },
  },
  {
    operation: 'mutation',
    field: 'markConversationRead',
    expect: MEMBERS,
    document: `mutation ($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, messageId: $m) { ${CONVERSATION} } }`,
    variables: (c) => ({ c: c.fix.conversation.id, m: c.fix.message.id }),
    check: (conversation, c) => expect(conversation.id).toBe(c.fix.conversation.id),
  },
  {
    operation: 'mutation',
    field: 'markNotificationsRead',
    scenario: "the member's notification",
    expect: SIGNED_IN,
    fresh: true,
    needs: { notification: true },
    document: `mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }`,
    variables: (c) => ({ ids: [c.fix.memberNotification!.id] }),
    // Only the notification's owner changes it; anyone else's call changes nothing.
    check: (changed, c) => expect(changed).toBe(c.role === 'member' ? 1 : 0),
    after: async (c) => {
      const { notifications } = await c.users.member.client.data(doc(`{ notifications(first: 100) { edges { node { id readAt } } } }`));
      const mine = nodes(notifications).find((node) => node.id === c.fix.memberNotification!.id);
      expect(mine.readAt === null).toBe(c.role !== 'member');
    },
  },
  {
    operation: 'mutation',
    field: 'setTyping',
    expect: MEMBERS,
    document: `mutation ($c: ID!) { setTyping(conversationId: $c, isTyping: false) }`,
    variables: (c) => ({ c: c.fix.conversation.id }),
    check: (done) => expect(done).toBe(true),
  },
  {
    operation: 'mutation',
    field: 'submitJob',
    scenario: "ai-chat in the fixture's conversation",
    expect: MEMBERS,
    fresh: true,
    document: `mutation ($c: ID!) { submitJob(input: { type: "ai-chat", input: { conversationId: $c, prompt: "Hello" } }) { ${JOB} } }`,
    variables: (c) => ({ c: c.fix.conversation.id }),
    check: (job, c) => expect(job).toMatchObject({ type: 'ai-chat', input: { conversationId: c.fix.conversation.id } }),
  },
  {
    operation: 'mutation',
    field: 'submitJob',
    scenario: 'user-analytics (always of the caller)',
    expect: SIGNED_IN,
    document: `mutation { submitJob(input: { type: "user-analytics", input: {} }) { ${JOB} } }`,
    check: (job, c) => expect(job).toMatchObject({ type: 'user-analytics', input: { userId: c.caller!.id } }),
  },
  {
    operation: 'mutation',
    field: 'cancelJob',
    expect: SUBMITTER,
    fresh: true,
    needs: { job: true },
    document: `mutation ($id: ID!) { cancelJob(id: $id) { ${JOB} } }`,
    variables: (c) => ({ id: c.fix.job!.id }),
    check: (job) => expect(job.status).toBe('CANCELLED'),
    after: async (c, outcome) => {
      const { job } = await c.users.admin.client.data(doc(`query ($id: ID!) { job(id: $id) { status } }`), { id: c.fix.job!.id });
      expect(job.status).toBe(outcome === 'data' ? 'CANCELLED' : 'QUEUED');
    },
  },

  // Subscriptions (graphql-ws; the anonymous caller is refused when the socket connects, and over SSE by the field)
  {
    operation: 'subscription',
    field: 'messageAdded',
    expect: MEMBERS,
    document: `subscription ($c: ID!, $after: String) { messageAdded(conversationId: $c, after: $after) {
      ${MESSAGE} conversation { ${CONVERSATION} } } }`,
    variables: (c) => ({ c: c.fix.conversation.id, after: c.fix.opening.cursor }),
    check: (message, c) => expect(message).toMatchObject({ id: c.fix.message.id, content: c.fix.message.content }),
  },
  {
    operation: 'subscription',
    field: 'conversationEvents',
    expect: MEMBERS,
    document: `subscription ($c: ID!, $after: String) { conversationEvents(conversationId: $c, after: $after) {
      __typename seq conversation { ${CONVERSATION} } ... on MessageAdded { message { ${MESSAGE} } } } }`,
    variables: (c) => ({ c: c.fix.conversation.id, after: c.fix.opening.cursor }),
    check: (event, c) =>
      expect(event).toMatchObject({ __typename: 'MessageAdded', message: { id: c.fix.message.id, content: c.fix.message.content } }),
  },
  {
    operation: 'subscription',
    field: 'typing',
    expect: MEMBERS,
    document: `subscription ($c: ID!) { typing(conversationId: $c) { isTyping user { ${PROFILE} } conversation { ${CONVERSATION} } } }`,
    variables: (c) => ({ c: c.fix.conversation.id }),
    trigger: (c) =>
      other(c).client.data(doc(`mutation ($c: ID!) { setTyping(conversationId: $c, isTyping: true) }`), { c: c.fix.conversation.id }),
    triggerEveryMs: 50,
    check: (event, c) => expect(event).toMatchObject({ isTyping: true, user: { id: other(c).id }, conversation: { id: c.fix.conversation.id } }),
  },
  {
    operation: 'subscription',
    field: 'presence',
    scenario: 'private space',
    expect: MEMBERS,
    document: `subscription ($s: ID!) { presence(spaceId: $s) { status user { ${PROFILE} } } }`,
    variables: (c) => ({ s: c.fix.space.id }),
    // The snapshot first: who of the space is online (the caller is, by their socket).
    check: (event, c) => {
      expect(event.status).toBe('ONLINE');
      expect([c.users.admin.id, c.users.member.id, c.users.newcomer.id]).toContain(event.user.id);
    },
  },
  {
    operation: 'subscription',
    field: 'presence',
    scenario: 'public space',
    expect: PUBLIC_SPACE_MEMBERS,
    needs: { publicSpace: true },
    document: `subscription ($s: ID!) { presence(spaceId: $s) { status user { ${PROFILE} } } }`,
    variables: (c) => ({ s: c.fix.publicSpace!.id }),
    check: (event, c) => {
      expect(event.status).toBe('ONLINE');
      expect([c.users.admin.id, c.users.member.id]).toContain(event.user.id);
    },
  },
  {
    operation: 'subscription',
    field: 'notifications',
    expect: SIGNED_IN,
    document: `subscription { notifications { type conversation { ${CONVERSATION} } message { ${MESSAGE} } } }`,
    // Each round a message in the fixture's conversation (which the outsider must never hear of) and, for the outsider,
    // one in their own direct conversation.
    trigger: async (c) => {
      const sender = c.role === 'admin' ? c.users.member : c.users.admin;
      await send(sender, c.fix.conversation.id, `Ping ${c.fix.marker}`);
      if (c.role === 'outsider') await send(c.users.stranger, outsiderDirect, 'Ping for the outsider');
    },
    triggerEveryMs: 300,
    check: (notification, c) => {
      expect(notification.type).toBe('NEW_MESSAGE');
      // The outsider hears of their own conversation only; the others of one they are in.
      if (c.role === 'outsider') expect(notification.conversation.id).toBe(outsiderDirect);
      else expect(list(notification.conversation.members).map((m) => m.profile.id)).toContain(c.caller!.id);
    },
  },
  {
    operation: 'subscription',
    field: 'jobUpdated',
    expect: SUBMITTER,
    needs: { job: true },
    document: `subscription ($id: ID!) { jobUpdated(id: $id) { ${JOB} } }`,
    variables: (c) => ({ id: c.fix.job!.id }),
    check: (job, c) => expect(job).toMatchObject({ id: c.fix.job!.id, status: 'QUEUED' }),
  },
  {
    operation: 'subscription',
    field: 'aiResponse',
    expect: MEMBERS,
    fresh: true,
    document: `subscription ($c: ID!) { aiResponse(conversationId: $c) {
      jobId job { ${JOB} } agent { ${PROFILE} } conversation { ${CONVERSATION} } text done } }`,
    variables: (c) => ({ c: c.fix.conversation.id }),
    // The admin asks; everyone watching sees the reply, only its submitter sees the job.
    trigger: (c) =>
      c.users.admin.client.data(
        doc(`mutation ($c: ID!) { submitJob(input: { type: "ai-chat", input: { conversationId: $c, prompt: "Hi" } }) { id } }`),
        { c: c.fix.conversation.id },
      ),
    triggerEveryMs: 1_500,
    check: (event, c) => {
      expect(event.conversation.id).toBe(c.fix.conversation.id);
      expect(event.job === null).toBe(c.role !== 'admin');
      if (c.role === 'admin') expect(event.job.id).toBe(event.jobId);
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------------
// The driver.
// ---------------------------------------------------------------------------------------------------------------------

/** What the caller must never find in any response. */
function expectNoLeaks(result: unknown, c: Case) {
  const text = JSON.stringify(result);
  if (c.role === 'anonymous' || c.role === 'outsider') expect(text).not.toContain(c.fix.marker);
  for (const [owner, note] of settingsNotes) if (owner !== c.caller?.id) expect(text).not.toContain(note);
  if (c.fix.job && c.role !== 'admin') expect(text).not.toContain(c.fix.job.id);
  // Owner-only fields of every profile in the response, however deep: null unless it is the caller's.
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (('settings' in object || 'stats' in object) && object.id !== c.caller?.id) {
      expect({ profile: object.id, settings: object.settings, stats: object.stats }).toEqual({
        profile: object.id,
        settings: null,
        stats: null,
      });
    }
    Object.values(object).forEach(visit);
  };
  visit(result);
}

/** The outcome as the table says, and the root field's value when it is data. */
function expectOutcome(result: FormattedExecutionResult | ExecutionResult, entry: Entry, outcome: Outcome, c: Case): Json {
  expectNoLeaks(result, c);
  const value = (result.data as Json)?.[entry.field] ?? null;
  if (outcome === 'data') {
    expect(result.errors ?? []).toEqual([]);
    expect(value).not.toBeNull();
  } else {
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([outcome]);
    expect(value).toBeNull();
  }
  return value;
}

/** The first result of a live-only subscription: `act` is repeated until it arrives (there is no "ready" signal). */
async function firstResult<R>(sub: Subscription<R>, act: (() => Promise<unknown>) | undefined, everyMs: number) {
  const first = sub.next();
  if (!act) return first;
  let arrived = false;
  void first.then(
    () => (arrived = true),
    () => (arrived = true),
  );
  while (!arrived) {
    await act();
    for (let waited = 0; waited < everyMs && !arrived; waited += 10) await sleep(10);
  }
  return first;
}

/** The first result of a subscription over SSE (yoga's HTTP transport, where the token is a header). */
async function firstOverSse(document: string, variables: Record<string, unknown>, token: string | undefined) {
  const client = createSseClient({
    url: `${api.url}/graphql`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    singleConnection: false,
    retryAttempts: 0,
  });
  const stream = client.iterate({ query: document, variables });
  try {
    return (await stream.next()).value as ExecutionResult;
  } finally {
    await stream.return?.(undefined);
    client.dispose();
  }
}

async function run(entry: Entry, role: Role, fix: Fixture) {
  const c: Case = { role, caller: role === 'anonymous' ? undefined : users[role], fix, users };
  const outcome = entry.expect[role];
  const variables = entry.variables?.(c) ?? {};
  let value: Json;
  if (entry.operation !== 'subscription') {
    value = expectOutcome(await clientOf(c).request(doc(entry.document), variables), entry, outcome, c);
  } else if (role === 'anonymous') {
    // A socket without a token is closed before any operation runs (4403); over SSE the field itself refuses.
    if (outcome !== 'data') {
      const socket = wsClient(api.url, undefined);
      try {
        await expect(subscribe(socket, doc(entry.document), variables).next()).rejects.toMatchObject({ code: 4403 });
      } finally {
        await socket.dispose();
      }
    }
    value = expectOutcome(await firstOverSse(entry.document, variables, undefined), entry, outcome, c);
  } else {
    const socket = wsClient(api.url, c.caller!.token);
    const sub = subscribe(socket, doc(entry.document), variables);
    try {
      const trigger = entry.trigger && (() => entry.trigger!(c));
      value = expectOutcome(await firstResult(sub, trigger, entry.triggerEveryMs ?? 100), entry, outcome, c);
    } finally {
      await sub.close();
      await socket.dispose();
    }
  }
  if (outcome === 'data') await entry.check?.(value, c);
  await entry.after?.(c, outcome);
}

const title = (entry: Entry) => `${entry.operation} ${entry.field}${entry.scenario ? ` (${entry.scenario})` : ''}`;

function rootFields(): string[] {
  const schema = buildSchema();
  const types: [Entry['operation'], GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return types.flatMap(([operation, type]) => Object.keys(type?.getFields() ?? {}).map((field) => `${operation} ${field}`));
}

beforeAll(async () => {
  redisPrefix = `test-authz-${randomBytes(4).toString('hex')}:`;
  api = await startApi({ env: { REDIS_URL, REDIS_PREFIX: redisPrefix } });
  const [outsider, member, admin, newcomer, stranger] = await Promise.all(
    ['mallory', 'bob', 'alice', 'nina', 'sam'].map((name) => api.user(name)),
  );
  users = { outsider: outsider!, member: member!, admin: admin!, newcomer: newcomer!, stranger: stranger! };
  // Settings and stats for each role's user, so that a leak of either would show.
  const submit = doc(`mutation { submitJob(input: { type: "user-analytics", input: {} }) { id } }`);
  const jobs: [TestUser, string][] = [];
  for (const user of [users.outsider, users.member, users.admin]) {
    const note = `settings-of-${user.username}-${randomBytes(4).toString('hex')}`;
    settingsNotes.set(user.id, note);
    await user.client.data(doc(`mutation ($s: JSON) { updateMe(input: { settings: $s }) { id } }`), { s: { note } });
  }
  outsiderDirect = (
    await users.stranger.client.data(
      doc(`mutation ($u: ID!) { createConversation(input: { type: DIRECT, memberIds: [$u] }) { id } }`),
      { u: users.outsider.id },
    )
  ).createConversation.id;
  shared = await createFixture({ publicSpace: true, job: true, notification: true });
  for (const user of [users.outsider, users.member, users.admin]) jobs.push([user, (await user.client.data(submit)).submitJob.id]);
  for (const [user, id] of jobs) {
    await until(
      `${user.username}'s stats`,
      async () => (await user.client.data(doc(`query ($id: ID!) { job(id: $id) { status } }`), { id })).job.status,
      (status) => status === 'COMPLETED',
    );
  }
});

afterAll(async () => {
  await api?.stop();
  if (!redisPrefix) return;
  await deleteRedisKeys(REDIS_URL, redisPrefix);
});

describe('the authorisation matrix', () => {
  it('has an entry for every root field of the schema, and none for a field that is gone', () => {
    const covered = new Set(MATRIX.map((entry) => `${entry.operation} ${entry.field}`));
    const fields = rootFields();
    expect(fields.length).toBeGreaterThan(30);
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
    expect([...covered].filter((field) => !fields.includes(field))).toEqual([]);
  });

  it('runs valid documents, each selecting the root field its entry names and nothing else', () => {
    const schema = buildSchema();
    for (const entry of MATRIX) {
      const document = parse(entry.document);
      expect([title(entry), validate(schema, document).map((error) => error.message)]).toEqual([title(entry), []]);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const roots = operation.selectionSet.selections.map((selection) =>
        selection.kind === Kind.FIELD ? selection.name.value : selection.kind,
      );
      expect([title(entry), operation.operation, roots]).toEqual([title(entry), entry.operation, [entry.field]]);
      expect(Object.keys(entry.expect).sort()).toEqual([...ROLES].sort());
    }
  });

  for (const entry of MATRIX) {
    describe(title(entry), () => {
      for (const role of ROLES) {
        const outcome = entry.expect[role];
        it(`${role}: ${outcome === 'data' ? 'gets data' : outcome}`, { timeout: 90_000 }, async () => {
          await run(entry, role, entry.fresh ? await createFixture(entry.needs) : shared);
        });
      }
    });
  }
});

// A former member reaches the conversation through what they kept: their stored notifications, and a typing subscription
// opened while they were a member. Neither may show what happened after they left, nor who is in it now.
describe('a member who left', () => {
  const after = (fix: Fixture) => `After they left ${fix.marker}`;

  const leaveAndCarryOn = async (fix: Fixture) => {
    const { admin, member } = users;
    expect(
      (await member.client.data(doc(`mutation ($c: ID!) { leaveConversation(conversationId: $c) }`), { c: fix.conversation.id }))
        .leaveConversation,
    ).toBe(true);
    await send(admin, fix.conversation.id, after(fix));
  };

  it('keeps their stored notifications, without the conversation as it is now', async () => {
    const fix = await createFixture({ notification: true });
    await leaveAndCarryOn(fix);
    const result = await users.member.client.request(
      doc(`query ($n: Int) { notifications(first: $n) { edges { node { id
        conversation { id members { profile { id username } } lastMessage { content } }
        message { id content conversation { id members { profile { id } } lastMessage { content } } } } } } }`),
      { n: 100 },
    );
    expect(result.errors).toBeUndefined();
    const mine = nodes(result.data!.notifications).find((node) => node.id === fix.memberNotification!.id);
    // What they were told of while a member stays theirs.
    expect(mine.message).toMatchObject({ id: fix.message.id, content: fix.message.content });
    expect(JSON.stringify(result)).not.toContain(after(fix));
    for (const conversation of [mine.conversation, mine.message.conversation]) {
      expect(conversation).toEqual({ id: fix.conversation.id, members: [], lastMessage: null });
    }
  });

  it('learns nothing more from a typing subscription opened before leaving', async () => {
    const fix = await createFixture();
    const { admin, member } = users;
    const typing = doc(`subscription ($c: ID!) { typing(conversationId: $c) { isTyping user { id }
      conversation { id members { profile { id } } lastMessage { content } } } }`);
    const setTyping = (isTyping: boolean) =>
      admin.client.data(doc(`mutation ($c: ID!, $t: Boolean!) { setTyping(conversationId: $c, isTyping: $t) }`), {
        c: fix.conversation.id,
        t: isTyping,
      });
    const socket = wsClient(api.url, member.token);
    const sub = subscribe(socket, typing, { c: fix.conversation.id });
    try {
      const first = await firstResult(sub, () => setTyping(true), 50);
      expect(first.data!.typing.conversation.members).toHaveLength(2);
      await leaveAndCarryOn(fix);
      await setTyping(false);
      // Whatever comes next (another event, an error, or the end of the stream) carries nothing of the conversation.
      const next = await sub.next().catch((error: unknown) => ({ ended: String(error) }));
      expect(JSON.stringify(next)).not.toContain(after(fix));
      const conversation = (next as Json).data?.typing?.conversation;
      if (conversation) expect(conversation).toEqual({ id: fix.conversation.id, members: [], lastMessage: null });
    } finally {
      await sub.close();
      await socket.dispose();
    }
  });
});
