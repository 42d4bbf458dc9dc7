import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/http/query-limits.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

// Hostile requests are refused before anything runs, each with a clear message and a code; legitimate ones pass.

async function post(api: TestApi, body: string, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const query = (q: string) => JSON.stringify({ query: q });

function nested(depth: number): string {
  // me -> ... alternating through fields that exist: conversations.edges.node.lastMessage.conversation.lastMessage...
  let selection = 'id';
  for (let i = 0; i < depth; i += 1) selection = i % 2 === 0 ? `conversation { ${selection} }` : `lastMessage { ${selection} }`;
  return `{ conversations { edges { node { lastMessage { ${selection} } } } } }`;
}

describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production' }],
] as const)('query limits (%s)', (mode, env) => {
  let api: TestApi;
  let alice: TestUser;

  beforeAll(async () => {
    api = await startApi({ env });
    alice = await api.user('alice');
  });

  afterAll(() => api?.stop());

  const refused = async (body: string, pattern: RegExp) => {
    const { json } = await post(api, body, alice.token);
    expect(json.data ?? null).toBeNull();
    expect(json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(json.errors?.[0]?.message).toMatch(pattern);
  };

  it('lets an ordinary inbox query through', async () => {
    const { json } = await post(
      api,
      query('{ me { username } conversations(first: 20) { edges { node { lastMessage { sender { username } } members { profile { username } } } } } }'),
      alice.token,
    );
    expect(json.errors).toBeUndefined();
  });

  it('refuses queries nested deeper than the limit', async () => {
    await refused(query(nested(QUERY_LIMITS.depth)), /depth/i);
  });

  it('refuses the same document again with the same error once its validation is remembered', async () => {
    const body = query(nested(QUERY_LIMITS.depth + 1));
    const first = await post(api, body, alice.token);
    const again = await post(api, body, alice.token);
    expect(again).toEqual(first);
    expect(again.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Valid documents stay valid: the remembered result is the document's own.
    const fine = query('{ me { username } }');
    await post(api, fine, alice.token);
    expect((await post(api, fine, alice.token)).json.errors).toBeUndefined();
  });

  it('refuses too many aliases, directives and tokens', async () => {
    const aliases = Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `a${i}: me { id }`).join(' ');
    await refused(query(`{ ${aliases} }`), /alias/i);
    const directives = Array.from({ length: QUERY_LIMITS.directives + 1 }, () => '@include(if: true)').join(' ');
    await refused(query(`{ me ${directives} { id } }`), /directive/i);
    const tokens = Array.from({ length: QUERY_LIMITS.tokens }, () => 'id').join(' ');
    await refused(query(`{ me { ${tokens} } }`), /token/i);
  });

  it('refuses bodies over the size limit with 413, and batches', async () => {
    const huge = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const { status, json } = await post(api, huge, alice.token);
    expect(status).toBe(413);
    expect(json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const batch = await post(api, JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]), alice.token);
    expect(batch.json.errors?.length).toBeGreaterThan(0);
    expect(batch.json.data ?? null).toBeNull();
  });

  it(
    mode === 'production'
      ? 'refuses introspection and gives no field suggestions in production'
      : 'allows introspection outside production',
    async () => {
      const { json } = await post(api, query('{ __schema { queryType { name } } }'), alice.token);
      if (mode === 'production') {
        expect(json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        const typo = await post(api, query('{ mee { id } }'), alice.token);
        expect(typo.json.errors?.[0]?.message).not.toMatch(/Did you mean/);
      } else {
        expect(json.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      }
    },
  );
});
