import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signAccessToken } from '../src/auth/sign.ts';
import { graphql } from './gql/index.ts';
import { startApi, TEST_JWT_SECRET, type TestApi } from './helpers/api.ts';

const TrustedMe = graphql(`
  query TrustedMe {
    me {
      id
      username
    }
  }
`);

const TrustedStartGroup = graphql(`
  mutation TrustedStartGroup($input: CreateConversationInput!) {
    createConversation(input: $input) {
      id
    }
  }
`);

const TrustedSend = graphql(`
  mutation TrustedSend($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

const TrustedMessageAdded = graphql(`
  subscription TrustedMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      content
    }
  }
`);

const hashOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('trusted documents (TRUSTED_DOCUMENTS=codegen persisted-documents.json)', () => {
  let api: TestApi;
  let token: string;

  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };

  beforeAll(async () => {
    api = await startApi({ env: { TRUSTED_DOCUMENTS: 'test/gql/persisted-documents.json' } });
    token = await signAccessToken({ secret: TEST_JWT_SECRET, username: 'trusted_ann' });
  });
  afterAll(() => api?.stop());

  it('runs a document sent by its id, in the forms Apollo and codegen clients send', async () => {
    const apollo = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(TrustedMe).replace('sha256:', '') } } });
    expect(apollo.body.data).toEqual({ me: { id: expect.any(String), username: 'trusted_ann' } });
    const documentId = await post({ documentId: hashOf(TrustedMe) });
    expect(documentId.body.errors).toBeUndefined();
    expect(documentId.body.data).toEqual(apollo.body.data);
  });

  it('refuses document text, even of a trusted document, and unknown ids, with codes', async () => {
    const text = await post({ query: 'query { me { id } }' });
    expect(text.body.data ?? null).toBeNull();
    expect(text.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');

    const unknown = await post({ documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const neither = await post({ variables: {} });
    expect(neither.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
    for (const response of [text, unknown, neither]) expect(response.status).toBeLessThan(500);
  });

  it('applies over graphql-ws too: a trusted subscription by id streams, document text is refused', async () => {
    const created = await post({
      documentId: hashOf(TrustedStartGroup),
      variables: { input: { type: 'GROUP', name: 'Trusted', memberIds: [] } },
    });
    const conversationId = (created.body.data?.createConversation as { id: string }).id;
    const client = createClient({
      url: `${api.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const refused = client.iterate({ query: 'subscription { messageAdded(conversationId: "x") { id } }' });
      await expect(refused.next()).rejects.toEqual([expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_ONLY' } })]);

      // graphql-ws requires a query string: a trusted client sends "" and the id in extensions.
      const stream = client.iterate({
        query: '',
        variables: { conversationId, after: null },
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(TrustedMessageAdded) } },
      });
      const first = stream.next();
      // Live only: send until the subscription is up and the first message arrives.
      let arrived = false;
      void first.finally(() => (arrived = true));
      while (!arrived) {
        const sent = await post({
          documentId: hashOf(TrustedSend),
          variables: { input: { conversationId, content: 'over a trusted document' } },
        });
        expect(sent.body.errors).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await first).value).toEqual({ data: { messageAdded: { content: 'over a trusted document' } } });
      await stream.return?.();
    } finally {
      await client.dispose();
    }
  });
});
