import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import type { CreateSpaceInput, SpaceRole } from './gql/graphql.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

const CreateSpace = graphql(`
  mutation SpacesCreate($input: CreateSpaceInput!) {
    createSpace(input: $input) {
      id
      name
      description
      type
      isPublic
      memberCount
      viewerRole
      createdAt
      creator {
        id
        username
      }
    }
  }
`);

const MySpaces = graphql(`
  query SpacesMine {
    spaces {
      id
      name
      viewerRole
    }
  }
`);

const SpaceById = graphql(`
  query SpacesById($id: ID!) {
    space(id: $id) {
      id
      name
      isPublic
      memberCount
      viewerRole
      creator {
        id
        username
      }
    }
  }
`);

const PublicSpaces = graphql(`
  query SpacesPublic($first: Int) {
    publicSpaces(first: $first) {
      id
      name
      isPublic
      viewerRole
    }
  }
`);

const JoinSpace = graphql(`
  mutation SpacesJoin($id: ID!) {
    joinSpace(id: $id) {
      id
      memberCount
      viewerRole
    }
  }
`);

const AddMember = graphql(`
  mutation SpacesAddMember($spaceId: ID!, $userId: ID!, $role: SpaceRole) {
    addSpaceMember(spaceId: $spaceId, userId: $userId, role: $role) {
      id
      memberCount
      viewerRole
    }
  }
`);

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let api: TestApi;
let alice: TestUser;
let bob: TestUser;
let mallory: TestUser;

beforeAll(async () => {
  api = await startApi();
  [alice, bob, mallory] = await Promise.all([api.user('alice'), api.user('bob'), api.user('mallory')]);
});

afterAll(() => api?.stop());

const create = (user: TestUser, input: CreateSpaceInput) =>
  user.client.data(CreateSpace, { input }).then((r) => r.createSpace);

const roleIn = async (user: TestUser, id: string) => (await user.client.data(SpaceById, { id })).space?.viewerRole;

const add = (by: TestUser, spaceId: string, user: TestUser, role?: SpaceRole) =>
  by.client.data(AddMember, { spaceId, userId: user.id, role }).then((r) => r.addSpaceMember);

let userCount = 0;
const freshUser = () => api.user(`space_user_${(userCount += 1)}`);

describe('createSpace', () => {
  it('makes the creator its OWNER and only member, with defaults', async () => {
    const space = await create(alice, { name: '  Design  ' });
    expect(space).toMatchObject({
      name: 'Design',
      description: null,
      type: 'team',
      isPublic: false,
      memberCount: 1,
      viewerRole: 'OWNER',
      creator: { id: alice.id, username: 'alice' },
    });
    expect(new Date(space.createdAt).toISOString()).toBe(space.createdAt);
  });

  it('takes a description, a type and isPublic', async () => {
    const space = await create(alice, {
      name: 'Open house',
      description: '  Everyone welcome  ',
      type: 'community',
      isPublic: true,
    });
    expect(space).toMatchObject({ description: 'Everyone welcome', type: 'community', isPublic: true });
  });

  it('accepts names of 1 to 100 characters and descriptions up to 1000', async () => {
    expect((await create(alice, { name: 'x' })).name).toBe('x');
    expect((await create(alice, { name: 'n'.repeat(100), description: 'd'.repeat(1000) })).name).toHaveLength(100);
  });

  it('rejects bad input with BAD_USER_INPUT naming the field', async () => {
    for (const [input, field] of [
      [{ name: '' }, 'input.name'],
      [{ name: '    ' }, 'input.name'],
      [{ name: 'n'.repeat(101) }, 'input.name'],
      [{ name: 'ok', description: 'd'.repeat(1001) }, 'input.description'],
      [{ name: 'ok', type: '  ' }, 'input.type'],
      [{ name: 'ok', type: 't'.repeat(51) }, 'input.type'],
      [{ name: 'a\u0000b' }, 'input.name'],
    ] as const) {
      const error = await alice.client.error(CreateSpace, { input });
      expect(error.code, JSON.stringify(input).slice(0, 60)).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
    }
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect((await api.anonymous.error(CreateSpace, { input: { name: 'Nope' } })).code).toBe('UNAUTHENTICATED');
  });
});

describe('spaces', () => {
  it("lists only the viewer's spaces, by name, with their role", async () => {
    const [owner, other] = await Promise.all([freshUser(), freshUser()]);
    const zulu = await create(owner, { name: 'Zulu' });
    const alpha = await create(owner, { name: 'Alpha' });
    const theirs = await create(other, { name: 'Theirs', isPublic: true });
    expect((await owner.client.data(MySpaces)).spaces).toEqual([
      { id: alpha.id, name: 'Alpha', viewerRole: 'OWNER' },
      { id: zulu.id, name: 'Zulu', viewerRole: 'OWNER' },
    ]);
    await owner.client.data(JoinSpace, { id: theirs.id });
    expect((await owner.client.data(MySpaces)).spaces.map((s) => [s.name, s.viewerRole])).toEqual([
      ['Alpha', 'OWNER'],
      ['Theirs', 'MEMBER'],
      ['Zulu', 'OWNER'],
    ]);
    expect((await other.client.data(MySpaces)).spaces.map((s) => s.id)).toEqual([theirs.id]);
  });

  it('is empty for a new user and UNAUTHENTICATED without a token', async () => {
    expect((await (await freshUser()).client.data(MySpaces)).spaces).toEqual([]);
    expect((await api.anonymous.error(MySpaces)).code).toBe('UNAUTHENTICATED');
  });
});

describe('space', () => {
  let privateId: string;
  let publicId: string;

  beforeAll(async () => {
    privateId = (await create(alice, { name: 'Secret' })).id;
    publicId = (await create(alice, { name: 'Lobby', isPublic: true })).id;
  });

  it('shows a private space to its members, with the creator', async () => {
    const { space } = await alice.client.data(SpaceById, { id: privateId });
    expect(space).toMatchObject({
      id: privateId,
      name: 'Secret',
      isPublic: false,
      memberCount: 1,
      viewerRole: 'OWNER',
      creator: { id: alice.id, username: 'alice' },
    });
  });

  it('accepts an id in upper case', async () => {
    expect((await alice.client.data(SpaceById, { id: privateId.toUpperCase() })).space?.id).toBe(privateId);
  });

  it('hides a private space from non-members as NOT_FOUND', async () => {
    expect((await mallory.client.error(SpaceById, { id: privateId })).code).toBe('NOT_FOUND');
  });

  it('shows a public space to anyone signed in, with viewerRole null', async () => {
    const { space } = await mallory.client.data(SpaceById, { id: publicId });
    expect(space).toMatchObject({ id: publicId, isPublic: true, viewerRole: null, creator: { id: alice.id } });
  });

  it('is NOT_FOUND for an unknown id, BAD_USER_INPUT for a malformed one, UNAUTHENTICATED without a token', async () => {
    expect((await alice.client.error(SpaceById, { id: UNKNOWN_ID })).code).toBe('NOT_FOUND');
    const error = await alice.client.error(SpaceById, { id: 'space-1' });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('id');
    expect((await api.anonymous.error(SpaceById, { id: publicId })).code).toBe('UNAUTHENTICATED');
  });
});

describe('publicSpaces', () => {
  let older: string;
  let newer: string;
  let hidden: string;

  beforeAll(async () => {
    older = (await create(bob, { name: 'Public older', isPublic: true })).id;
    newer = (await create(bob, { name: 'Public newer', isPublic: true })).id;
    hidden = (await create(bob, { name: 'Not listed' })).id;
  });

  it('lists public spaces only, newest first, without a token', async () => {
    const { publicSpaces } = await api.anonymous.data(PublicSpaces, {});
    const ids = publicSpaces.map((s) => s.id);
    expect(publicSpaces.every((s) => s.isPublic)).toBe(true);
    expect(publicSpaces.every((s) => s.viewerRole === null)).toBe(true);
    expect(ids).not.toContain(hidden);
    expect(ids.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
  });

  it('returns at most `first` spaces', async () => {
    const { publicSpaces } = await api.anonymous.data(PublicSpaces, { first: 1 });
    expect(publicSpaces).toHaveLength(1);
    expect(publicSpaces[0]!.isPublic).toBe(true);
    expect((await api.anonymous.data(PublicSpaces, { first: 100 })).publicSpaces.length).toBeGreaterThan(1);
  });

  it('shows the viewer role to a signed-in member', async () => {
    const { publicSpaces } = await bob.client.data(PublicSpaces, { first: 100 });
    expect(publicSpaces.find((s) => s.id === newer)?.viewerRole).toBe('OWNER');
  });

  it('rejects `first` outside 1-100 with BAD_USER_INPUT', async () => {
    for (const first of [0, -1, 101]) {
      const error = await api.anonymous.error(PublicSpaces, { first });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('first');
    }
  });
});

describe('joinSpace', () => {
  it('makes the viewer a MEMBER of a public space; joining again changes nothing', async () => {
    const space = await create(alice, { name: 'Joinable', isPublic: true });
    const joiner = await freshUser();
    const { joinSpace } = await joiner.client.data(JoinSpace, { id: space.id });
    expect(joinSpace).toEqual({ id: space.id, memberCount: 2, viewerRole: 'MEMBER' });
    const again = await joiner.client.data(JoinSpace, { id: space.id });
    expect(again.joinSpace).toEqual({ id: space.id, memberCount: 2, viewerRole: 'MEMBER' });
    expect((await joiner.client.data(MySpaces)).spaces.map((s) => s.id)).toContain(space.id);
  });

  it('counts a burst of joins by one user once', async () => {
    const space = await create(alice, { name: 'Burst', isPublic: true });
    const joiner = await freshUser();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => joiner.client.data(JoinSpace, { id: space.id })),
    );
    expect(results.every((r) => r.joinSpace.viewerRole === 'MEMBER')).toBe(true);
    expect((await alice.client.data(SpaceById, { id: space.id })).space?.memberCount).toBe(2);
  });

  it('leaves an owner who joins their own space an OWNER', async () => {
    const space = await create(alice, { name: 'Mine', isPublic: true });
    const { joinSpace } = await alice.client.data(JoinSpace, { id: space.id });
    expect(joinSpace).toEqual({ id: space.id, memberCount: 1, viewerRole: 'OWNER' });
  });

  it('is NOT_FOUND for a private or unknown space', async () => {
    const space = await create(alice, { name: 'Closed' });
    expect((await mallory.client.error(JoinSpace, { id: space.id })).code).toBe('NOT_FOUND');
    expect((await mallory.client.error(JoinSpace, { id: UNKNOWN_ID })).code).toBe('NOT_FOUND');
    expect((await alice.client.data(SpaceById, { id: space.id })).space?.memberCount).toBe(1);
  });

  it('is BAD_USER_INPUT for a malformed id and UNAUTHENTICATED without a token', async () => {
    const space = await create(alice, { name: 'Guarded', isPublic: true });
    const error = await mallory.client.error(JoinSpace, { id: 'x' });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('id');
    expect((await api.anonymous.error(JoinSpace, { id: space.id })).code).toBe('UNAUTHENTICATED');
  });
});

describe('addSpaceMember', () => {
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let spaceId: string;

  beforeAll(async () => {
    [owner, admin, member] = await Promise.all([freshUser(), freshUser(), freshUser()]);
    spaceId = (await create(owner, { name: 'Team' })).id;
  });

  it('lets the owner add a MEMBER (the default) and an ADMIN', async () => {
    const added = await add(owner, spaceId, member);
    expect(added).toEqual({ id: spaceId, memberCount: 2, viewerRole: 'OWNER' });
    expect(await roleIn(member, spaceId)).toBe('MEMBER');
    expect((await add(owner, spaceId, admin, 'ADMIN')).memberCount).toBe(3);
    expect(await roleIn(admin, spaceId)).toBe('ADMIN');
    expect((await member.client.data(MySpaces)).spaces.map((s) => s.id)).toContain(spaceId);
  });

  it('is the same when retried', async () => {
    const again = await add(owner, spaceId, member);
    expect(again).toEqual({ id: spaceId, memberCount: 3, viewerRole: 'OWNER' });
    expect(await roleIn(member, spaceId)).toBe('MEMBER');
  });

  it('lets an admin add members, but not owners', async () => {
    const newcomer = await freshUser();
    expect((await add(admin, spaceId, newcomer)).memberCount).toBe(4);
    const outsider = await freshUser();
    const error = await admin.client.error(AddMember, { spaceId, userId: outsider.id, role: 'OWNER' });
    expect(error.code).toBe('FORBIDDEN');
    expect((await outsider.client.error(SpaceById, { id: spaceId })).code).toBe('NOT_FOUND');
    expect((await admin.client.error(AddMember, { spaceId, userId: newcomer.id, role: 'OWNER' })).code).toBe(
      'FORBIDDEN',
    );
    expect(await roleIn(newcomer, spaceId)).toBe('MEMBER');
  });

  it("does not let an admin change an owner's role", async () => {
    const error = await admin.client.error(AddMember, { spaceId, userId: owner.id, role: 'MEMBER' });
    expect(error.code).toBe('FORBIDDEN');
    expect(await roleIn(owner, spaceId)).toBe('OWNER');
  });

  it('does not let a MEMBER add anyone', async () => {
    const outsider = await freshUser();
    const error = await member.client.error(AddMember, { spaceId, userId: outsider.id });
    expect(error.code).toBe('FORBIDDEN');
    expect((await owner.client.data(SpaceById, { id: spaceId })).space?.memberCount).toBe(4);
  });

  it("changes an existing member's role without adding a member", async () => {
    const promoted = await add(owner, spaceId, member, 'ADMIN');
    expect(promoted.memberCount).toBe(4);
    expect(await roleIn(member, spaceId)).toBe('ADMIN');
    expect((await add(owner, spaceId, member, 'MEMBER')).memberCount).toBe(4);
    expect(await roleIn(member, spaceId)).toBe('MEMBER');
  });

  it('lets the owner hand over ownership, after which the new owner can demote the old one', async () => {
    const space = (await create(owner, { name: 'Handover' })).id;
    const heir = await freshUser();
    await add(owner, space, heir, 'OWNER');
    expect(await roleIn(heir, space)).toBe('OWNER');
    expect((await add(heir, space, owner, 'ADMIN')).viewerRole).toBe('OWNER');
    expect(await roleIn(owner, space)).toBe('ADMIN');
  });

  it('never leaves a space without an owner when two owners demote each other at once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const space = (await create(owner, { name: `Duel ${round}` })).id;
      const rival = await freshUser();
      await add(owner, space, rival, 'OWNER');
      const results = await Promise.all([
        owner.client.request(AddMember, { spaceId: space, userId: rival.id, role: 'MEMBER' }),
        rival.client.request(AddMember, { spaceId: space, userId: owner.id, role: 'MEMBER' }),
      ]);
      // Whichever ran first won; the other was no longer an owner when it ran.
      expect(results.filter((r) => r.data?.addSpaceMember)).toHaveLength(1);
      expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const roles = [await roleIn(owner, space), await roleIn(rival, space)].sort();
      expect(roles).toEqual(['MEMBER', 'OWNER']);
    }
  });

  it('does not let an owner demote themselves', async () => {
    const error = await owner.client.error(AddMember, { spaceId, userId: owner.id, role: 'ADMIN' });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('role');
    expect(await roleIn(owner, spaceId)).toBe('OWNER');
  });

  it('returns the new viewerRole when an admin steps down', async () => {
    const space = (await create(owner, { name: 'Step down' })).id;
    const deputy = await freshUser();
    await add(owner, space, deputy, 'ADMIN');
    const result = await add(deputy, space, deputy, 'MEMBER');
    expect(result).toEqual({ id: space, memberCount: 2, viewerRole: 'MEMBER' });
    expect(await roleIn(deputy, space)).toBe('MEMBER');
  });

  it('is NOT_FOUND for an unknown user or space, and for a private space the caller is not in', async () => {
    expect((await owner.client.error(AddMember, { spaceId, userId: UNKNOWN_ID })).code).toBe('NOT_FOUND');
    expect((await owner.client.error(AddMember, { spaceId: UNKNOWN_ID, userId: member.id })).code).toBe('NOT_FOUND');
    expect((await mallory.client.error(AddMember, { spaceId, userId: mallory.id })).code).toBe('NOT_FOUND');
    expect((await owner.client.data(SpaceById, { id: spaceId })).space?.memberCount).toBe(4);
  });

  it('is FORBIDDEN for a non-member of a public space', async () => {
    const space = (await create(owner, { name: 'Public team', isPublic: true })).id;
    expect((await mallory.client.error(AddMember, { spaceId: space, userId: mallory.id, role: 'OWNER' })).code).toBe(
      'FORBIDDEN',
    );
    expect(await roleIn(mallory, space)).toBeNull();
  });

  it('rejects malformed ids and roles with BAD_USER_INPUT', async () => {
    for (const [variables, field] of [
      [{ spaceId: 'nope', userId: member.id }, 'spaceId'],
      [{ spaceId, userId: 'nope' }, 'userId'],
    ] as const) {
      const error = await owner.client.error(AddMember, variables);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
    }
    const badRole = { spaceId, userId: member.id, role: 'KING' as SpaceRole };
    expect((await owner.client.error(AddMember, badRole)).code).toBe('BAD_USER_INPUT');
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect((await api.anonymous.error(AddMember, { spaceId, userId: member.id })).code).toBe('UNAUTHENTICATED');
  });
});
