import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

const ConvCreate = graphql(`
  mutation ConvCreate($input: CreateConversationInput!) {
    createConversation(input: $input) {
      id
      name
      type
      memberCount
      unreadCount
      lastMessage {
        id
      }
      space {
        id
        name
      }
      members {
        role
        joinedAt
        profile {
          id
          username
        }
      }
    }
  }
`);

const ConvOne = graphql(`
  query ConvOne($id: ID!) {
    conversation(id: $id) {
      id
      name
      type
      memberCount
      unreadCount
      lastMessage {
        content
        sender {
          username
        }
      }
      space {
        id
        name
      }
      members {
        role
        profile {
          id
          username
        }
      }
    }
  }
`);

const ConvList = graphql(`
  query ConvList($first: Int, $after: String, $spaceId: ID) {
    conversations(first: $first, after: $after, spaceId: $spaceId) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          type
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

const ConvAddMembers = graphql(`
  mutation ConvAddMembers($conversationId: ID!, $userIds: [ID!]!) {
    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {
      id
      memberCount
      members {
        role
        profile {
          username
        }
      }
    }
  }
`);

const ConvLeave = graphql(`
  mutation ConvLeave($conversationId: ID!) {
    leaveConversation(conversationId: $conversationId)
  }
`);

const ConvSend = graphql(`
  mutation ConvSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
    }
  }
`);

const ConvDeleteMessage = graphql(`
  mutation ConvDeleteMessage($id: ID!) {
    deleteMessage(id: $id) {
      isDeleted
    }
  }
`);

const ConvCreateSpace = graphql(`
  mutation ConvCreateSpace($input: CreateSpaceInput!) {
    createSpace(input: $input) {
      id
      name
    }
  }
`);

const ConvAddSpaceMember = graphql(`
  mutation ConvAddSpaceMember($spaceId: ID!, $userId: ID!) {
    addSpaceMember(spaceId: $spaceId, userId: $userId) {
      id
    }
  }
`);

let api: TestApi;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let erin: TestUser;

beforeAll(async () => {
  api = await startApi();
  [alice, bob, carol, dave, erin] = await Promise.all([
    api.user('alice'),
    api.user('bob'),
    api.user('carol'),
    api.user('dave'),
    api.user('erin'),
  ]);
});

afterAll(() => api?.stop());

type CreateInput = {
  name?: string | null;
  type: 'GROUP' | 'CHANNEL' | 'DIRECT';
  spaceId?: string | null;
  memberIds: string[];
};

const create = (user: TestUser, input: CreateInput) =>
  user.client.data(ConvCreate, { input }).then((result) => result.createConversation);

const createSpace = async (owner: TestUser, name: string, isPublic = false, members: TestUser[] = []) => {
  const { createSpace: space } = await owner.client.data(ConvCreateSpace, { input: { name, isPublic } });
  for (const member of members) await owner.client.data(ConvAddSpaceMember, { spaceId: space.id, userId: member.id });
  return space;
};

const send = (user: TestUser, conversationId: string, content: string) =>
  user.client.data(ConvSend, { conversationId, content }).then((result) => result.sendMessage);

const roles = (conversation: { members: { role: string; profile: { username: string } }[] }) =>
  Object.fromEntries(conversation.members.map((member) => [member.profile.username, member.role]));

const listAll = async (user: TestUser, spaceId?: string) => {
  const { conversations } = await user.client.data(ConvList, { first: 100, spaceId });
  return conversations;
};

describe('createConversation', () => {
  it('creates a group with the creator as OWNER and the others as MEMBER', async () => {
    const group = await create(alice, {
      name: '  Crew  ',
      type: 'GROUP',
      // The creator and repeats are ignored.
      memberIds: [bob.id, carol.id, bob.id, alice.id],
    });
    expect(group).toMatchObject({
      name: 'Crew',
      type: 'GROUP',
      memberCount: 3,
      unreadCount: 0,
      lastMessage: null,
      space: null,
    });
    expect(roles(group)).toEqual({ alice: 'OWNER', bob: 'MEMBER', carol: 'MEMBER' });
    expect(group.members.map((m) => m.profile.id).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    // Members see it; the others do not.
    expect((await bob.client.data(ConvOne, { id: group.id })).conversation?.name).toBe('Crew');
    expect((await erin.client.error(ConvOne, { id: group.id })).code).toBe('NOT_FOUND');
  });

  it('creates a channel, and a group with nobody else in it', async () => {
    const channel = await create(alice, { name: 'news', type: 'CHANNEL', memberIds: [bob.id] });
    expect(channel).toMatchObject({ type: 'CHANNEL', memberCount: 2 });
    const solo = await create(alice, { name: 'notes', type: 'GROUP', memberIds: [] });
    expect(roles(solo)).toEqual({ alice: 'OWNER' });
  });

  it('needs a name for groups and channels', async () => {
    const inputs: CreateInput[] = [
      { type: 'GROUP', memberIds: [bob.id] },
      { type: 'CHANNEL', memberIds: [bob.id] },
      { type: 'GROUP', name: null, memberIds: [bob.id] },
      { type: 'GROUP', name: '   ', memberIds: [bob.id] },
      { type: 'CHANNEL', name: 'x'.repeat(101), memberIds: [bob.id] },
    ];
    for (const input of inputs) {
      const error = await alice.client.error(ConvCreate, { input });
      expect(error.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field, JSON.stringify(input)).toBe('input.name');
    }
  });

  it('keeps one direct conversation per pair, whoever creates it again', async () => {
    const first = await create(alice, { type: 'DIRECT', memberIds: [bob.id] });
    expect(first).toMatchObject({ type: 'DIRECT', name: null, memberCount: 2 });
    expect(roles(first)).toEqual({ alice: 'MEMBER', bob: 'MEMBER' });
    const again = await create(alice, { type: 'DIRECT', memberIds: [bob.id] });
    const fromBob = await create(bob, { type: 'DIRECT', memberIds: [alice.id, bob.id] });
    expect(again.id).toBe(first.id);
    expect(fromBob.id).toBe(first.id);
    expect(fromBob.memberCount).toBe(2);
    const concurrent = await Promise.all(
      Array.from({ length: 4 }, (_, i) => create(i % 2 ? carol : dave, { type: 'DIRECT', memberIds: [i % 2 ? dave.id : carol.id] })),
    );
    expect(new Set(concurrent.map((c) => c.id)).size).toBe(1);

    const directs = (await listAll(alice)).edges.filter((edge) => edge.node.type === 'DIRECT');
    expect(directs.map((edge) => edge.node.id)).toEqual([first.id]);
    const bobsDirects = (await listAll(bob)).edges.filter((edge) => edge.node.type === 'DIRECT');
    expect(bobsDirects.map((edge) => edge.node.id)).toEqual([first.id]);
  });

  it('rejects a direct conversation without exactly one other member', async () => {
    for (const memberIds of [[], [alice.id], [bob.id, carol.id]]) {
      const error = await alice.client.error(ConvCreate, { input: { type: 'DIRECT', memberIds } });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.memberIds');
    }
  });

  it('rejects unknown user ids and too many ids', async () => {
    const unknown = await alice.client.error(ConvCreate, {
      input: { name: 'Ghosts', type: 'GROUP', memberIds: [bob.id, randomUUID()] },
    });
    expect(unknown.code).toBe('BAD_USER_INPUT');
    expect(unknown.extensions?.field).toBe('input.memberIds');
    const unknownDirect = await alice.client.error(ConvCreate, { input: { type: 'DIRECT', memberIds: [randomUUID()] } });
    expect(unknownDirect.code).toBe('BAD_USER_INPUT');

    const tooMany = await alice.client.error(ConvCreate, {
      input: { name: 'Crowd', type: 'GROUP', memberIds: Array.from({ length: 257 }, () => randomUUID()) },
    });
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    expect(String(tooMany.extensions?.field)).toMatch(/^input\.memberIds/);
    const malformed = await alice.client.error(ConvCreate, {
      input: { name: 'Bad', type: 'GROUP', memberIds: ['not-a-uuid'] },
    });
    expect(malformed.code).toBe('BAD_USER_INPUT');
    expect(String(malformed.extensions?.field)).toMatch(/^input\.memberIds/);
  });

  it('in a space: only for its members, with its members', async () => {
    const lab = await createSpace(alice, 'Lab', false, [bob]);
    const group = await create(alice, { name: 'Bench', type: 'GROUP', spaceId: lab.id, memberIds: [bob.id] });
    expect(group.space).toEqual({ id: lab.id, name: 'Lab' });
    expect(roles(group)).toEqual({ alice: 'OWNER', bob: 'MEMBER' });
    // A member of the space may create one too.
    const bobs = await create(bob, { name: 'Side', type: 'CHANNEL', spaceId: lab.id, memberIds: [alice.id] });
    expect(bobs.space?.id).toBe(lab.id);

    // carol is not in the space: she cannot be added, and cannot create there (the private space is hidden).
    const outsider = await alice.client.error(ConvCreate, {
      input: { name: 'Mixed', type: 'GROUP', spaceId: lab.id, memberIds: [bob.id, carol.id] },
    });
    expect(outsider.code).toBe('BAD_USER_INPUT');
    expect(outsider.extensions?.field).toBe('input.memberIds');
    const hidden = await carol.client.error(ConvCreate, {
      input: { name: 'Sneak', type: 'GROUP', spaceId: lab.id, memberIds: [] },
    });
    expect(hidden.code).toBe('NOT_FOUND');
    const missing = await alice.client.error(ConvCreate, {
      input: { name: 'Nowhere', type: 'GROUP', spaceId: randomUUID(), memberIds: [] },
    });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(hidden.message);

    // A public space is visible, but creating in it still takes membership.
    const plaza = await createSpace(alice, 'Plaza', true);
    const notJoined = await carol.client.error(ConvCreate, {
      input: { name: 'Corner', type: 'GROUP', spaceId: plaza.id, memberIds: [] },
    });
    expect(notJoined.code).toBe('FORBIDDEN');

    const direct = await alice.client.error(ConvCreate, {
      input: { type: 'DIRECT', spaceId: lab.id, memberIds: [bob.id] },
    });
    expect(direct.code).toBe('BAD_USER_INPUT');
  });

  it('needs a signed-in user', async () => {
    const error = await api.anonymous.error(ConvCreate, { input: { name: 'Anon', type: 'GROUP', memberIds: [] } });
    expect(error.code).toBe('UNAUTHENTICATED');
  });
});

describe('conversations', () => {
  let paula: TestUser;
  let quinn: TestUser;
  let ids: Record<string, string>;
  let spaceId: string;

  beforeAll(async () => {
    [paula, quinn] = await Promise.all([api.user('paula'), api.user('quinn')]);
    const studio = await createSpace(paula, 'Studio', false, [quinn]);
    spaceId = studio.id;
    ids = {};
    // Created one after the other, so each is more recently active than the one before.
    for (const [i, name] of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].entries()) {
      const inSpace = i === 1 || i === 4;
      ids[name] = (await create(paula, { name, type: 'GROUP', memberIds: [quinn.id], spaceId: inSpace ? spaceId : null })).id;
    }
    // Somebody else's conversation, which paula must not see.
    await create(alice, { name: 'not-paulas', type: 'GROUP', memberIds: [quinn.id] });
  });

  const names = (page: { conversations: { edges: { node: { name?: string | null } }[] } }) =>
    page.conversations.edges.map((edge) => edge.node.name);

  it("lists only the viewer's conversations, most recently active first", async () => {
    const all = await listAll(paula);
    expect(all.edges.map((edge) => edge.node.name)).toEqual(['p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'p1']);
    expect(all.totalCount).toBe(7);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

    const nobody = await (await api.user('nobody')).client.data(ConvList, {});
    expect(nobody.conversations).toMatchObject({ totalCount: 0, edges: [], pageInfo: { endCursor: null } });
  });

  it('moves a conversation to the top when a message arrives', async () => {
    await send(quinn, ids.p3!, 'bump');
    expect((await listAll(paula)).edges.map((edge) => edge.node.name)).toEqual([
      'p3',
      'p7',
      'p6',
      'p5',
      'p4',
      'p2',
      'p1',
    ]);
  });

  it('pages with first/after without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    for (;;) {
      const page = await paula.client.data(ConvList, { first: 3, after });
      pages += 1;
      expect(page.conversations.totalCount).toBe(7);
      expect(page.conversations.pageInfo.hasPreviousPage).toBe(after != null);
      expect(page.conversations.pageInfo.endCursor).toBe(page.conversations.edges.at(-1)?.cursor);
      seen.push(...names(page).map(String));
      if (!page.conversations.pageInfo.hasNextPage) break;
      after = page.conversations.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['p3', 'p7', 'p6', 'p5', 'p4', 'p2', 'p1']);

    // After the last one there is nothing left.
    const last = await paula.client.data(ConvList, { first: 3 });
    const end = await paula.client.data(ConvList, { first: 100, after: last.conversations.pageInfo.endCursor });
    expect(names(end)).toEqual(['p5', 'p4', 'p2', 'p1']);
    const beyond = await paula.client.data(ConvList, {
      first: 3,
      after: (await listAll(paula)).pageInfo.endCursor,
    });
    expect(beyond.conversations.edges).toEqual([]);
    expect(beyond.conversations.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by space', async () => {
    const inSpace = await listAll(paula, spaceId);
    expect(inSpace.edges.map((edge) => edge.node.name)).toEqual(['p5', 'p2']);
    expect(inSpace.totalCount).toBe(2);
    const firstOnly = await paula.client.data(ConvList, { first: 1, spaceId });
    expect(names(firstOnly)).toEqual(['p5']);
    const next = await paula.client.data(ConvList, { first: 1, spaceId, after: firstOnly.conversations.pageInfo.endCursor });
    expect(names(next)).toEqual(['p2']);
    expect(next.conversations.pageInfo.hasNextPage).toBe(false);
    // quinn is in the space and in both conversations; alice's space is not paula's.
    expect((await listAll(quinn, spaceId)).totalCount).toBe(2);
    expect((await listAll(paula, randomUUID())).totalCount).toBe(0);
  });

  it('rejects bad page arguments', async () => {
    const messageCursor = (await send(paula, ids.p1!, 'cursor of another kind')).cursor;
    for (const variables of [
      { first: 0 },
      { first: 101 },
      { first: -1 },
      { after: 'garbage' },
      { after: 'x'.repeat(500) },
      { after: messageCursor },
      { spaceId: 'not-a-uuid' },
    ]) {
      const error = await paula.client.error(ConvList, variables);
      expect(error.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    expect((await api.anonymous.error(ConvList, {})).code).toBe('UNAUTHENTICATED');
  });
});

describe('conversation', () => {
  it('shows members the last message, their unread count, the members and the space', async () => {
    const den = await createSpace(alice, 'Den', false, [bob]);
    const { id } = await create(alice, { name: 'Plans', type: 'GROUP', spaceId: den.id, memberIds: [bob.id] });
    await send(bob, id, 'first');
    await send(bob, id, 'second');
    const { conversation } = await alice.client.data(ConvOne, { id });
    expect(conversation).toMatchObject({
      id,
      name: 'Plans',
      type: 'GROUP',
      memberCount: 2,
      unreadCount: 2,
      lastMessage: { content: 'second', sender: { username: 'bob' } },
      space: { id: den.id, name: 'Den' },
    });
    expect(roles(conversation!)).toEqual({ alice: 'OWNER', bob: 'MEMBER' });
    expect((await bob.client.data(ConvOne, { id })).conversation?.unreadCount).toBe(0);
  });

  it('is NOT_FOUND for non-members, exactly as for an id that does not exist', async () => {
    const { id } = await create(alice, { name: 'Secret', type: 'GROUP', memberIds: [bob.id] });
    const hidden = await carol.client.request(ConvOne, { id });
    const missing = await carol.client.request(ConvOne, { id: randomUUID() });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.data).toEqual(missing.data);
    expect(hidden.errors?.map(({ message, extensions, path }) => ({ message, extensions, path }))).toEqual(
      missing.errors?.map(({ message, extensions, path }) => ({ message, extensions, path })),
    );
    expect((await api.anonymous.error(ConvOne, { id })).code).toBe('UNAUTHENTICATED');
    expect((await carol.client.error(ConvOne, { id: 'nope' })).code).toBe('BAD_USER_INPUT');
  });
});

describe('addConversationMembers', () => {
  it('lets the owner add people, skipping those already in', async () => {
    const { id } = await create(alice, { name: 'Growing', type: 'GROUP', memberIds: [bob.id] });
    const { addConversationMembers: grown } = await alice.client.data(ConvAddMembers, {
      conversationId: id,
      userIds: [carol.id, bob.id, carol.id, alice.id],
    });
    expect(grown.memberCount).toBe(3);
    expect(roles(grown)).toEqual({ alice: 'OWNER', bob: 'MEMBER', carol: 'MEMBER' });
    expect((await carol.client.data(ConvOne, { id })).conversation?.memberCount).toBe(3);
    const again = await alice.client.data(ConvAddMembers, { conversationId: id, userIds: [carol.id] });
    expect(again.addConversationMembers.memberCount).toBe(3);
  });

  it('is FORBIDDEN to plain members and NOT_FOUND to non-members', async () => {
    const { id } = await create(alice, { name: 'Closed', type: 'GROUP', memberIds: [bob.id] });
    expect((await bob.client.error(ConvAddMembers, { conversationId: id, userIds: [carol.id] })).code).toBe(
      'FORBIDDEN',
    );
    expect((await erin.client.error(ConvAddMembers, { conversationId: id, userIds: [erin.id] })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await erin.client.error(ConvAddMembers, { conversationId: randomUUID(), userIds: [erin.id] })).code,
    ).toBe('NOT_FOUND');
    expect((await alice.client.data(ConvOne, { id })).conversation?.memberCount).toBe(2);
  });

  it('rejects direct conversations, unknown users and people outside the space', async () => {
    const direct = await create(erin, { type: 'DIRECT', memberIds: [alice.id] });
    const toDirect = await erin.client.error(ConvAddMembers, { conversationId: direct.id, userIds: [carol.id] });
    expect(toDirect.code).toBe('BAD_USER_INPUT');

    const { id } = await create(alice, { name: 'Real people', type: 'GROUP', memberIds: [] });
    const unknown = await alice.client.error(ConvAddMembers, { conversationId: id, userIds: [bob.id, randomUUID()] });
    expect(unknown.code).toBe('BAD_USER_INPUT');
    expect(unknown.extensions?.field).toBe('userIds');
    const tooMany = await alice.client.error(ConvAddMembers, {
      conversationId: id,
      userIds: Array.from({ length: 257 }, () => randomUUID()),
    });
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    // Nobody was added by the failed calls.
    expect((await alice.client.data(ConvOne, { id })).conversation?.memberCount).toBe(1);

    const attic = await createSpace(alice, 'Attic', false, [bob]);
    const inSpace = await create(alice, { name: 'Boxes', type: 'GROUP', spaceId: attic.id, memberIds: [] });
    const outsider = await alice.client.error(ConvAddMembers, { conversationId: inSpace.id, userIds: [carol.id] });
    expect(outsider.code).toBe('BAD_USER_INPUT');
    const added = await alice.client.data(ConvAddMembers, { conversationId: inSpace.id, userIds: [bob.id] });
    expect(added.addConversationMembers.memberCount).toBe(2);
  });
});

describe('leaveConversation', () => {
  it('removes a member, who then gets NOT_FOUND for it', async () => {
    const { id } = await create(alice, { name: 'Exit', type: 'GROUP', memberIds: [bob.id, carol.id] });
    expect((await carol.client.data(ConvLeave, { conversationId: id })).leaveConversation).toBe(true);
    expect((await carol.client.error(ConvOne, { id })).code).toBe('NOT_FOUND');
    expect((await listAll(carol)).edges.map((edge) => edge.node.id)).not.toContain(id);
    expect((await carol.client.error(ConvLeave, { conversationId: id })).code).toBe('NOT_FOUND');
    const { conversation } = await alice.client.data(ConvOne, { id });
    expect(roles(conversation!)).toEqual({ alice: 'OWNER', bob: 'MEMBER' });
  });

  it('hands ownership to the longest-standing member when the only owner leaves', async () => {
    const { id } = await create(alice, { name: 'Heirs', type: 'GROUP', memberIds: [bob.id] });
    await alice.client.data(ConvAddMembers, { conversationId: id, userIds: [carol.id] });
    await alice.client.data(ConvAddMembers, { conversationId: id, userIds: [dave.id] });
    await alice.client.data(ConvLeave, { conversationId: id });
    const { conversation } = await carol.client.data(ConvOne, { id });
    expect(conversation?.memberCount).toBe(3);
    expect(roles(conversation!)).toEqual({ bob: 'OWNER', carol: 'MEMBER', dave: 'MEMBER' });
    // The new owner can manage it.
    const added = await bob.client.data(ConvAddMembers, { conversationId: id, userIds: [alice.id] });
    expect(roles(added.addConversationMembers)).toEqual({ bob: 'OWNER', carol: 'MEMBER', dave: 'MEMBER', alice: 'MEMBER' });
    // A plain member leaving changes nobody's role.
    await carol.client.data(ConvLeave, { conversationId: id });
    expect(roles((await bob.client.data(ConvOne, { id })).conversation!)).toEqual({
      bob: 'OWNER',
      dave: 'MEMBER',
      alice: 'MEMBER',
    });
  });

  it('keeps an owner when the owner and the next in line leave at the same time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { id } = await create(alice, { name: `Stampede ${round}`, type: 'GROUP', memberIds: [bob.id] });
      await alice.client.data(ConvAddMembers, { conversationId: id, userIds: [carol.id] });
      await alice.client.data(ConvAddMembers, { conversationId: id, userIds: [dave.id] });
      await Promise.all([alice, bob].map((user) => user.client.data(ConvLeave, { conversationId: id })));
      const { conversation } = await carol.client.data(ConvOne, { id });
      expect(roles(conversation!)).toEqual({ carol: 'OWNER', dave: 'MEMBER' });
    }
  });

  it('is NOT_FOUND for non-members and unknown conversations', async () => {
    const { id } = await create(alice, { name: 'Members only', type: 'GROUP', memberIds: [bob.id] });
    expect((await erin.client.error(ConvLeave, { conversationId: id })).code).toBe('NOT_FOUND');
    expect((await erin.client.error(ConvLeave, { conversationId: randomUUID() })).code).toBe('NOT_FOUND');
    expect((await api.anonymous.error(ConvLeave, { conversationId: id })).code).toBe('UNAUTHENTICATED');
    expect((await alice.client.data(ConvOne, { id })).conversation?.memberCount).toBe(2);
  });

  it('lets a person come back to the same direct conversation by creating it again', async () => {
    const direct = await create(dave, { type: 'DIRECT', memberIds: [erin.id] });
    const before = await send(dave, direct.id, 'hi erin');
    await erin.client.data(ConvLeave, { conversationId: direct.id });
    expect((await erin.client.error(ConvOne, { id: direct.id })).code).toBe('NOT_FOUND');
    // The one left behind does not become the owner of a direct conversation (which would let them delete the
    // other's messages).
    const alone = (await dave.client.data(ConvOne, { id: direct.id })).conversation!;
    expect(roles(alone)).toEqual({ dave: 'MEMBER' });

    const back = await create(erin, { type: 'DIRECT', memberIds: [dave.id] });
    expect(back.id).toBe(direct.id);
    expect(roles(back)).toEqual({ dave: 'MEMBER', erin: 'MEMBER' });
    const { conversation } = await erin.client.data(ConvOne, { id: direct.id });
    expect(conversation?.lastMessage?.content).toBe('hi erin');
    const mine = await send(erin, direct.id, 'back again');
    expect((await dave.client.error(ConvDeleteMessage, { id: mine.id })).code).toBe('FORBIDDEN');
    expect((await erin.client.error(ConvDeleteMessage, { id: before.id })).code).toBe('FORBIDDEN');
    expect((await listAll(erin)).edges.filter((edge) => edge.node.id === direct.id)).toHaveLength(1);
  });
});
