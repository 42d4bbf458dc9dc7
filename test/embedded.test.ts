import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { graphqlClient, type GraphQLClient } from './helpers/api.ts';

// `npm start` on a fresh machine: no DATABASE_URL, no auth settings. The real process, its printed URL and token.

const Inbox = graphql(`
  query EmbeddedInbox {
    me {
      username
    }
    conversations(first: 10) {
      totalCount
      edges {
        node {
          id
          name
          type
          unreadCount
          lastMessage {
            content
          }
        }
      }
    }
  }
`);

const Page = graphql(`
  query EmbeddedPage($conversationId: ID!) {
    messages(conversationId: $conversationId, last: 50) {
      edges {
        node {
          id
          content
        }
      }
    }
  }
`);

const Send = graphql(`
  mutation EmbeddedSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      content
    }
  }
`);

const Edit = graphql(`
  mutation EmbeddedEdit($id: ID!, $content: String!) {
    editMessage(input: { id: $id, content: $content }) {
      content
      editedAt
    }
  }
`);

const Remove = graphql(`
  mutation EmbeddedDelete($id: ID!) {
    deleteMessage(id: $id) {
      isDeleted
    }
  }
`);

const Read = graphql(`
  mutation EmbeddedRead($conversationId: ID!, $messageId: ID!) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      unreadCount
    }
  }
`);

const NewSpaceAndGroup = graphql(`
  mutation EmbeddedSpace($name: String!) {
    createSpace(input: { name: $name }) {
      id
      viewerRole
    }
  }
`);

const NewGroup = graphql(`
  mutation EmbeddedGroup($spaceId: ID!) {
    createConversation(input: { type: GROUP, name: "Planning", spaceId: $spaceId, memberIds: [] }) {
      id
      space {
        name
      }
    }
  }
`);

interface Started {
  process: ChildProcess;
  url: string;
  token: string;
  output: () => string;
}

function startMain(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'development', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start banner:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /GraphiQL:\s+(http:\/\/\S+)\/graphql/.exec(output)?.[1];
      const token = /"Bearer ([\w.-]+)"/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ process: child, url, token, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('embedded default (PGlite, no configuration)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'uvian-embedded-'));
  let started: Started;
  let client: GraphQLClient;

  beforeAll(async () => {
    started = await startMain(dataDir);
    client = graphqlClient(started.url, started.token);
  }, 60_000);

  afterAll(async () => {
    if (started?.process.exitCode === null) await stop(started.process);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a working dev token for the seeded demo user and serves the demo data', async () => {
    const inbox = await client.data(Inbox);
    expect(inbox.me.username).toBe('alice');
    expect(inbox.conversations.totalCount).toBe(3);
    expect(inbox.conversations.edges.map((e) => e.node.name)).toContain('general');
  });

  it('runs the first-use flows: page, send, edit, delete, mark read, create a space and a group', async () => {
    const inbox = await client.data(Inbox);
    const general = inbox.conversations.edges.find((e) => e.node.name === 'general')!.node;
    expect(general.unreadCount).toBeGreaterThan(0);

    const sent = (await client.data(Send, { conversationId: general.id, content: 'hello from the test' })).sendMessage;
    const page = await client.data(Page, { conversationId: general.id });
    expect(page.messages.edges.at(-1)?.node.content).toBe('hello from the test');

    expect((await client.data(Edit, { id: sent.id, content: 'edited' })).editMessage.content).toBe('edited');
    const lastOther = page.messages.edges.at(-2)!.node;
    expect((await client.data(Read, { conversationId: general.id, messageId: lastOther.id })).markConversationRead)
      .toEqual({ unreadCount: 0 });
    const extra = (await client.data(Send, { conversationId: general.id, content: 'to delete' })).sendMessage;
    expect((await client.data(Remove, { id: extra.id })).deleteMessage.isDeleted).toBe(true);

    const space = (await client.data(NewSpaceAndGroup, { name: 'Side project' })).createSpace;
    expect(space.viewerRole).toBe('OWNER');
    const group = (await client.data(NewGroup, { spaceId: space.id })).createConversation;
    expect(group.space?.name).toBe('Side project');
  });

  it('stops gracefully on SIGTERM and keeps everything across a restart, without seeding twice', async () => {
    expect(await stop(started.process)).toBe(0);
    started = await startMain(dataDir);
    client = graphqlClient(started.url, started.token);
    const inbox = await client.data(Inbox);
    expect(inbox.conversations.totalCount).toBe(4);
    const general = inbox.conversations.edges.find((e) => e.node.name === 'general')!.node;
    const contents = (await client.data(Page, { conversationId: general.id })).messages.edges.map((e) => e.node.content);
    expect(contents).toContain('edited');
    expect(contents.filter((c) => c.startsWith('Welcome to Uvian HQ'))).toHaveLength(1);
    expect(started.output()).not.toMatch(/demo data seeded/);
  }, 60_000);
});
