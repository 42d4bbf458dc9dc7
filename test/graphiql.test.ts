import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

// GraphiQL as an operator uses it: yoga's page (its scripts served by the API, not a CDN) in a real Chromium, a
// messageAdded subscription typed into the editor, the token in the Headers tab, and a message sent by another client
// showing up in the result pane. Yoga's GraphiQL runs subscriptions over GraphQL over SSE on the same endpoint.

const CHROMIUM = '/usr/bin/chromium';

const CreateGroup = graphql(`
  mutation GraphiqlCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "GraphiQL", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation GraphiqlSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
    }
  }
`);

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

describe('GraphiQL in headless Chromium', () => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let browser: Browser | undefined;
  const seen: Seen[] = [];

  beforeAll(async () => {
    api = await startApi();
    [alice, bob] = (await Promise.all(['alice', 'bob'].map((u) => api.user(u)))) as [TestUser, TestUser];
  });

  /** Launched inside the test, so that a machine without Chromium fails it (a failing beforeAll would skip it). */
  const launch = async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    return browser;
  };

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** The text of a Monaco editor, as rendered (Monaco draws spaces as no-break spaces). */
  const editorText = (page: Page, selector: string) =>
    page
      .locator(`${selector} .view-lines`)
      .first()
      .innerText()
      .then((text) => text.replace(/\u00a0/g, ' '));

  /** Replaces the content of the Monaco editor under `selector` as a user would: click, select all, type. */
  const replaceEditorText = async (page: Page, selector: string, text: string) => {
    await page.locator(`${selector} .view-lines`).first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText types the whole string as one input, so Monaco's auto-closing of brackets and quotes stays out of it.
    await page.keyboard.insertText(text);
  };

  it('runs messageAdded over SSE and shows a message another client sends through a mutation', { timeout: 90_000 }, async () => {
    const conversationId = (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;
    const first = (await alice.client.data(Send, { conversationId, content: 'before-graphiql' })).sendMessage;
    await alice.client.data(Send, { conversationId, content: 'replayed-in-graphiql' });

    const context = await (await launch()).newContext({ viewport: { width: 1400, height: 900 } });
    const record = (request: Request) => {
      seen.push({ url: request.url(), method: request.method(), headers: request.headers(), body: request.postData() });
    };
    context.on('request', record);
    const page = await context.newPage();
    page.on('websocket', (socket) => seen.push({ url: socket.url(), method: 'WEBSOCKET', headers: {}, body: null }));

    try {
      await page.goto(`${api.url}/graphql`);
      // GraphiQL is up once the schema is loaded and the query editor is drawn.
      await page.locator('.graphiql-container .graphiql-query-editor .view-lines').first().waitFor();

      const subscription =
        `subscription GraphiQLWatch { messageAdded(conversationId: "${conversationId}", after: "${first.cursor}") ` +
        `{ id content sender { username } } }`;
      await replaceEditorText(page, '.graphiql-query-editor', subscription);
      expect(await editorText(page, '.graphiql-query-editor')).toBe(subscription);

      await page.getByRole('tab', { name: 'Headers' }).or(page.getByRole('button', { name: 'Headers' })).first().click();
      const headers = JSON.stringify({ Authorization: `Bearer ${bob.token}` });
      await replaceEditorText(page, '.graphiql-editor-tool .graphiql-editor:visible', headers);
      expect(await editorText(page, '.graphiql-editor-tool .graphiql-editor:visible')).toBe(headers);
      // Prettify spreads the subscription over lines, so that the screenshot shows all of it.
      await page.getByRole('button', { name: /prettify/i }).click();
      await page.locator('.graphiql-query-editor .view-line').nth(3).waitFor();

      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response .view-lines');
      // The replay comes first: once it shows, the subscription is live.
      await response.filter({ hasText: 'replayed-in-graphiql' }).waitFor();

      const live = (await alice.client.data(Send, { conversationId, content: 'sent-by-alice-over-http' })).sendMessage;
      await response.filter({ hasText: 'sent-by-alice-over-http' }).waitFor();
      const shown = (await response.innerText()).replace(/\u00a0/g, ' ');
      expect(shown).toContain(`"id": "${live.id}"`);
      expect(shown).toContain('"username": "alice"');

      await page.screenshot({ path: '/tmp/graphiql-subscription.png' });

      // The subscription went to our endpoint as GraphQL over SSE, with the token from the Headers tab.
      const sse = seen.filter(
        (request) =>
          request.url.startsWith(`${api.url}/graphql`) &&
          request.headers['accept']?.includes('text/event-stream') &&
          (request.body ?? decodeURIComponent(request.url)).includes('messageAdded'),
      );
      expect(sse).toHaveLength(1);
      expect(sse[0]!.headers['authorization']).toBe(`Bearer ${bob.token}`);
      expect(seen.some((request) => request.method === 'WEBSOCKET')).toBe(false);

      // Stop the subscription the way a user does (the run button turned into a stop button).
      await page.locator('.graphiql-execute-button').click();
    } catch (error) {
      // What the page showed and asked for, to tell a GraphiQL change from an API one.
      await page.screenshot({ path: '/tmp/graphiql-failure.png' }).catch(() => {});
      const pane = await page.locator('.graphiql-response').innerText({ timeout: 1_000 }).catch(() => '(no result pane)');
      const requests = seen.map((request) => `${request.method} ${request.url} accept=${request.headers['accept'] ?? ''}`);
      throw new Error(`${(error as Error).message}\nresult pane: ${pane}\nrequests:\n${requests.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }

    // Nothing left the machine: the page, its scripts, styles, editor workers and every operation came from the API.
    const pageRequests = seen.map((request) => request.url);
    expect(pageRequests.length).toBeGreaterThan(0);
    const remote = pageRequests.filter((url) => {
      if (url.startsWith('blob:') || url.startsWith('data:')) return false;
      return new URL(url).hostname !== '127.0.0.1';
    });
    expect(remote).toEqual([]);
  });
});
