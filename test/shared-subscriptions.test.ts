import { isObjectType, type GraphQLField } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/index.ts';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { Collector } from './helpers/collector.ts';
import { subscribe, wsClient } from './helpers/ws.ts';

/** What a resolver reads, from its source: the viewer (or a viewer loader), or ctx other than through its loaders. */
const READS_VIEWER = /viewer|unreadCount/;
const READS_CONTEXT = /\bctx\b(?!\.loaders\.|\)\s*=>)/;

function resolverSource(field: GraphQLField<unknown, unknown>): string {
  const options = field.extensions?.pothosOptions as { resolve?: unknown } | undefined;
  return typeof options?.resolve === 'function' ? options.resolve.toString() : '';
}

describe('shared subscription execution: every field says whether it depends on the viewer', () => {
  it('marks each field whose resolver reads the viewer or its context as PER_VIEWER or SAME_FOR_EVERY_VIEWER', () => {
    const schema = buildSchema();
    const unclassified: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const source = resolverSource(field);
        const classified = typeof field.extensions?.perViewer === 'boolean';
        if ((READS_VIEWER.test(source) || READS_CONTEXT.test(source)) && !classified) unclassified.push(`${type.name}.${field.name}`);
      }
    }
    expect(unclassified).toEqual([]);
  });
});

const UpdateSettings = graphql(`
  mutation SharedSettings {
    updateMe(input: { settings: { theme: "dark" } }) {
      id
    }
  }
`);

const Group = graphql(`
  mutation SharedGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Shared", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation SharedSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
    }
  }
`);

const Read = graphql(`
  mutation SharedRead($conversationId: ID!, $messageId: ID!) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      id
    }
  }
`);

const Watch = graphql(`
  subscription SharedWatch($conversationId: ID!, $after: String, $withSender: Boolean!) {
    messageAdded(conversationId: $conversationId, after: $after) {
      content
      sender @include(if: $withSender) {
        username
        settings
      }
      conversation {
        unreadCount
      }
    }
  }
`);

type Seen = { content: string; sender?: { username: string; settings: unknown } | null; unread: number };

describe('shared subscription execution: what each subscriber gets', () => {
  let api: TestApi;
  let ann: TestUser;
  let bob: TestUser;
  let cid: string;
  const clients: Client[] = [];

  const watch = (user: TestUser, variables: { after?: string | null; withSender: boolean }) => {
    const client = wsClient(api.url, user.token);
    clients.push(client);
    return new Collector<Seen>(
      user.username,
      subscribe(client, Watch, { conversationId: cid, after: variables.after ?? null, withSender: variables.withSender }),
      (data) => {
        const message = data.messageAdded as { content: string; sender?: Seen['sender']; conversation: { unreadCount: number } };
        return { content: message.content, sender: message.sender, unread: message.conversation.unreadCount };
      },
    );
  };

  beforeAll(async () => {
    api = await startApi();
    ann = await api.user('shared_ann');
    bob = await api.user('shared_bob');
    await ann.client.data(UpdateSettings);
    cid = (await ann.client.data(Group, { members: [bob.id] })).createConversation.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await api?.stop();
  });

  it('keeps viewer-dependent fields and variables per subscriber while they share an execution', async () => {
    const first = await ann.client.data(Send, { conversationId: cid, content: 'first' });
    const start = first.sendMessage.cursor;
    // Ann has read everything she sent; Bob has read nothing. Same document, different viewers and @include variables.
    const annWithSender = watch(ann, { after: start, withSender: true });
    const bobWithSender = watch(bob, { after: start, withSender: true });
    const bobPlain = watch(bob, { after: start, withSender: false });
    const sent = await bob.client.data(Send, { conversationId: cid, content: 'from bob' });
    await bob.client.data(Read, { conversationId: cid, messageId: sent.sendMessage.id });
    for (const content of ['one', 'two', 'three']) await ann.client.data(Send, { conversationId: cid, content });

    const all = (items: Seen[]) => items.length === 4;
    await Promise.all([annWithSender, bobWithSender, bobPlain].map((c) => c.until(all, 'four messages')));
    expect(annWithSender.items.map((m) => m.content)).toEqual(['from bob', 'one', 'two', 'three']);
    expect(bobPlain.items.map((m) => m.content)).toEqual(['from bob', 'one', 'two', 'three']);
    // @include(if: false) leaves the field out for that subscriber only.
    expect(bobPlain.items.every((m) => !('sender' in m) || m.sender === undefined)).toBe(true);
    expect(bobWithSender.items.map((m) => m.sender?.username)).toEqual(['shared_bob', 'shared_ann', 'shared_ann', 'shared_ann']);
    // Settings are the owner's only: Ann sees her own on her messages, Bob never sees them.
    expect(annWithSender.items.filter((m) => m.sender?.username === 'shared_ann').every((m) => m.sender?.settings !== null)).toBe(true);
    expect(bobWithSender.items.every((m) => m.sender?.settings === null || m.sender?.username === 'shared_bob')).toBe(true);
    // Unread counts are each viewer's own: Ann sent the last three (never unread for her); Bob read up to his own.
    expect(annWithSender.items.at(-1)!.unread).toBe(1);
    expect(bobWithSender.items.at(-1)!.unread).toBe(3);
  });

  it('delivers every message once and in order to subscribers that join, resume and go live while messages flow', async () => {
    const base = await ann.client.data(Send, { conversationId: cid, content: 'base' });
    const sending = (async () => {
      for (let i = 0; i < 40; i += 1) await ann.client.data(Send, { conversationId: cid, content: `flow ${i}` });
    })();
    // Subscribers arrive while the flow runs: each replays from `base`, catches up, then shares live executions.
    const late: Collector<Seen>[] = [];
    for (let i = 0; i < 6; i += 1) {
      late.push(watch(i % 2 ? bob : ann, { after: base.sendMessage.cursor, withSender: i % 3 === 0 }));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await sending;
    const expected = Array.from({ length: 40 }, (_, i) => `flow ${i}`);
    for (const collector of late) {
      await collector.until((items) => items.length >= 40, 'forty messages', 20_000);
      expect(collector.items.map((m) => m.content)).toEqual(expected);
    }
  });
});
