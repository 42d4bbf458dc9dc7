import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import type { UpdateMeInput } from './gql/graphql.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

const Me = graphql(`
  query ProfilesMe {
    me {
      id
      username
      fullName
      avatarUrl
      type
      settings
      createdAt
      updatedAt
    }
  }
`);

const ProfileById = graphql(`
  query ProfilesById($id: ID!) {
    profile(id: $id) {
      id
      username
      fullName
      avatarUrl
      type
      settings
    }
  }
`);

const UpdateMe = graphql(`
  mutation ProfilesUpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) {
      id
      username
      fullName
      avatarUrl
      settings
      updatedAt
    }
  }
`);

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let api: TestApi;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  api = await startApi();
  [alice, bob] = await Promise.all([api.user('alice'), api.user('bob')]);
});

afterAll(() => api?.stop());

/** A user of its own for a test that changes the profile, so that tests do not depend on each other's writes. */
let userCount = 0;
const freshUser = () => api.user(`profile_user_${(userCount += 1)}`);

const update = (user: TestUser, input: UpdateMeInput) =>
  user.client.data(UpdateMe, { input }).then((r) => r.updateMe);

describe('me', () => {
  it('returns the signed-in user, created on first sight with empty settings', async () => {
    const { me } = await alice.client.data(Me);
    expect(me).toMatchObject({ id: alice.id, username: 'alice', type: 'HUMAN', settings: {}, avatarUrl: null });
    expect(new Date(me.createdAt).toISOString()).toBe(me.createdAt);
  });

  it('is UNAUTHENTICATED without a valid token', async () => {
    expect((await api.anonymous.error(Me)).code).toBe('UNAUTHENTICATED');
    expect((await api.clientWithToken('not-a-jwt').error(Me)).code).toBe('UNAUTHENTICATED');
  });
});

describe('profile', () => {
  it("shows another user's profile without their settings", async () => {
    await update(bob, { settings: { theme: 'dark' }, fullName: 'Bob Builder' });
    const { profile } = await alice.client.data(ProfileById, { id: bob.id });
    expect(profile).toMatchObject({ id: bob.id, username: 'bob', fullName: 'Bob Builder', type: 'HUMAN' });
    expect(profile?.settings).toBeNull();
    const own = await bob.client.data(ProfileById, { id: bob.id });
    expect(own.profile?.settings).toEqual({ theme: 'dark' });
  });

  it('accepts an id in upper case', async () => {
    const { profile } = await alice.client.data(ProfileById, { id: bob.id.toUpperCase() });
    expect(profile?.id).toBe(bob.id);
  });

  it('rejects a malformed id with BAD_USER_INPUT naming the argument', async () => {
    for (const id of ['nope', '', `${bob.id}x`]) {
      const error = await alice.client.error(ProfileById, { id });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('id');
    }
  });

  it('is NOT_FOUND for an unknown id, UNAUTHENTICATED without a token', async () => {
    expect((await alice.client.error(ProfileById, { id: UNKNOWN_ID })).code).toBe('NOT_FOUND');
    expect((await api.anonymous.error(ProfileById, { id: bob.id })).code).toBe('UNAUTHENTICATED');
  });
});

describe('updateMe', () => {
  it('sets fullName (trimmed) and clears it with null, leaving the rest alone', async () => {
    const user = await freshUser();
    await update(user, { avatarUrl: 'https://example.com/a.png' });
    const set = await update(user, { fullName: '  Ada Lovelace  ' });
    expect(set).toMatchObject({ fullName: 'Ada Lovelace', avatarUrl: 'https://example.com/a.png' });
    const cleared = await update(user, { fullName: null });
    expect(cleared).toMatchObject({ fullName: null, avatarUrl: 'https://example.com/a.png', username: user.username });
    expect((await user.client.data(Me)).me.fullName).toBeNull();
  });

  it('rejects a blank or too long fullName', async () => {
    const user = await freshUser();
    for (const fullName of ['   ', 'x'.repeat(101)]) {
      const error = await user.client.error(UpdateMe, { input: { fullName } });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.fullName');
    }
    expect((await update(user, { fullName: 'x'.repeat(100) })).fullName).toHaveLength(100);
  });

  it('takes an http(s) avatarUrl of at most 2048 characters, and clears it with null', async () => {
    const user = await freshUser();
    expect((await update(user, { avatarUrl: 'http://example.com/me.jpg' })).avatarUrl).toBe('http://example.com/me.jpg');
    const longest = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    expect((await update(user, { avatarUrl: longest })).avatarUrl).toBe(longest);
    for (const avatarUrl of [
      `${longest}a`,
      'ftp://example.com/me.jpg',
      'javascript:alert(1)',
      'example.com/me.jpg',
      'https://',
      'https://example.com/a b.png',
    ]) {
      const error = await user.client.error(UpdateMe, { input: { avatarUrl } });
      expect(error.code, avatarUrl).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.avatarUrl');
    }
    expect((await user.client.data(Me)).me.avatarUrl).toBe(longest);
    expect((await update(user, { avatarUrl: null })).avatarUrl).toBeNull();
  });

  it('replaces settings as a whole, visible only to the owner', async () => {
    const user = await freshUser();
    const first = await update(user, { settings: { theme: 'dark', notifications: { email: true } } });
    expect(first.settings).toEqual({ theme: 'dark', notifications: { email: true } });
    const second = await update(user, { settings: { language: 'en' } });
    expect(second.settings).toEqual({ language: 'en' });
    expect((await user.client.data(Me)).me.settings).toEqual({ language: 'en' });
    expect((await alice.client.data(ProfileById, { id: user.id })).profile?.settings).toBeNull();
    expect((await update(user, { settings: {} })).settings).toEqual({});
  });

  it('rejects settings that are not a JSON object or exceed 16 KB', async () => {
    const user = await freshUser();
    await update(user, { settings: { kept: true } });
    // {"a":"…"} is 8 bytes of JSON around the string.
    const atLimit = { a: 'x'.repeat(16 * 1024 - 8) };
    for (const settings of [[1, 2], 'dark', 42, true, { a: 'x'.repeat(16 * 1024 - 7) }, { a: 'é'.repeat(8200) }]) {
      const error = await user.client.error(UpdateMe, { input: { settings } });
      expect(error.code, JSON.stringify(settings).slice(0, 40)).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.settings');
    }
    expect((await user.client.data(Me)).me.settings).toEqual({ kept: true });
    expect((await update(user, { settings: atLimit })).settings).toEqual(atLimit);
  });

  it('rejects text Postgres cannot store (NUL characters) as BAD_USER_INPUT', async () => {
    const user = await freshUser();
    for (const [input, field] of [
      [{ fullName: 'a\u0000b' }, 'input.fullName'],
      [{ avatarUrl: 'https://example.com/\u0000' }, 'input.avatarUrl'],
      [{ settings: { note: 'a\u0000b' } }, 'input.settings'],
      [{ settings: { 'k\u0000': 1 } }, 'input.settings'],
    ] as const) {
      const error = await user.client.error(UpdateMe, { input });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
    }
  });

  it('changes the username, which everyone then sees', async () => {
    const user = await freshUser();
    const renamed = await update(user, { username: `renamed_${userCount}` });
    expect(renamed.username).toBe(`renamed_${userCount}`);
    expect((await alice.client.data(ProfileById, { id: user.id })).profile?.username).toBe(renamed.username);
    // Setting the username one already has is fine.
    expect((await update(user, { username: renamed.username })).username).toBe(renamed.username);
  });

  it('is CONFLICT for a username someone else has', async () => {
    const user = await freshUser();
    const error = await user.client.error(UpdateMe, { input: { username: 'bob', fullName: 'Not Bob' } });
    expect(error.code).toBe('CONFLICT');
    expect(error.extensions?.field).toBe('input.username');
    // Nothing of the failed update was saved.
    expect((await user.client.data(Me)).me).toMatchObject({ username: user.username, fullName: null });
  });

  it('gives a free username to exactly one of two users asking at once', async () => {
    const [one, two] = await Promise.all([freshUser(), freshUser()]);
    const results = await Promise.all(
      [one, two].map((user) => user.client.request(UpdateMe, { input: { username: 'contested' } })),
    );
    expect(results.filter((r) => r.data?.updateMe.username === 'contested')).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
  });

  it('rejects an invalid username with BAD_USER_INPUT', async () => {
    const user = await freshUser();
    for (const username of ['ab', 'Alice', 'has space', 'dash-ed', 'x'.repeat(33), '']) {
      const error = await user.client.error(UpdateMe, { input: { username } });
      expect(error.code, username).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.username');
    }
    expect((await user.client.data(Me)).me.username).toBe(user.username);
  });

  it('changes nothing for an empty input, nor for null username or settings', async () => {
    const user = await freshUser();
    const before = await update(user, { fullName: 'Steady', settings: { a: 1 } });
    const unchanged = await update(user, {});
    expect(unchanged).toEqual(before);
    const nulls = await update(user, { username: null, settings: null });
    expect(nulls).toEqual(before);
  });

  it('gives the same result when retried', async () => {
    const user = await freshUser();
    const input = { fullName: 'Retry', avatarUrl: 'https://example.com/r.png', settings: { n: 1 } };
    const first = await update(user, input);
    const again = await update(user, input);
    expect({ ...again, updatedAt: first.updatedAt }).toEqual(first);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect((await api.anonymous.error(UpdateMe, { input: { fullName: 'x' } })).code).toBe('UNAUTHENTICATED');
  });
});

const ProfileEverywhere = graphql(`
  query ProfilesEverywhere($id: ID!, $conversationId: ID!) {
    profile(id: $id) {
      ...WholeProfile
    }
    conversation(id: $conversationId) {
      members {
        profile {
          ...WholeProfile
        }
      }
      lastMessage {
        sender {
          ...WholeProfile
        }
      }
    }
    messages(conversationId: $conversationId, last: 5) {
      edges {
        node {
          sender {
            ...WholeProfile
          }
        }
      }
    }
  }
  fragment WholeProfile on Profile {
    id
    username
    fullName
    avatarUrl
    type
    settings
    isOnline
    lastSeenAt
    createdAt
    updatedAt
  }
`);

const ProfilesGroup = graphql(`
  mutation ProfilesGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Profiles", memberIds: $members }) {
      id
    }
  }
`);

const ProfilesSend = graphql(`
  mutation ProfilesSend($conversationId: ID!) {
    sendMessage(input: { conversationId: $conversationId, content: "hello" }) {
      id
    }
  }
`);

describe('a profile reached through a list', () => {
  it('shows every field as the profile itself does (lists read only a summary; the rest comes on demand)', async () => {
    const carol = await freshUser();
    await carol.client.data(UpdateMe, { input: { fullName: 'Carol L', settings: { theme: 'dark' } } });
    const { createConversation } = await carol.client.data(ProfilesGroup, { members: [bob.id] });
    await carol.client.data(ProfilesSend, { conversationId: createConversation.id });

    const result = await carol.client.data(ProfileEverywhere, { id: carol.id, conversationId: createConversation.id });
    const whole = result.profile!;
    expect(whole).toMatchObject({ fullName: 'Carol L', settings: { theme: 'dark' } });
    expect(whole.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const inMembers = result.conversation!.members.map((m) => m.profile).find((p) => p.id === carol.id);
    expect(inMembers).toEqual(whole);
    expect(result.conversation!.lastMessage!.sender).toEqual(whole);
    expect(result.messages.edges[0]!.node.sender).toEqual(whole);
    // Someone else's settings stay hidden when their profile comes with a list.
    const seenByBob = await bob.client.data(ProfileEverywhere, { id: carol.id, conversationId: createConversation.id });
    expect(seenByBob.conversation!.members.find((m) => m.profile.id === carol.id)!.profile.settings).toBeNull();
    expect(seenByBob.messages.edges[0]!.node.sender.settings).toBeNull();
  });
});
