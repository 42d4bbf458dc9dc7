import { randomBytes, randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import type { SubmitJobInput } from './gql/graphql.ts';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';
import { Collector } from './helpers/collector.ts';
import { startFakeOpenAi, tokensOf, type FakeOpenAi } from './helpers/fake-openai.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';
import { deleteRedisKeys } from './helpers/redis-keys.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

const CreateGroup = graphql(`
  mutation JobsCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Ask the agent", memberIds: $members }) {
      id
    }
  }
`);

const Send = graphql(`
  mutation JobsSend($conversationId: ID!, $content: String!) {
    sendMessage(input: { conversationId: $conversationId, content: $content }) {
      id
      cursor
      createdAt
    }
  }
`);

const Leave = graphql(`
  mutation JobsLeave($conversationId: ID!) {
    leaveConversation(conversationId: $conversationId)
  }
`);

const Submit = graphql(`
  mutation JobsSubmit($input: SubmitJobInput!) {
    submitJob(input: $input) {
      id
      type
      status
      input
      attempts
      maxAttempts
      priority
      createdAt
      startedAt
      completedAt
    }
  }
`);

const GetJob = graphql(`
  query JobsGet($id: ID!) {
    job(id: $id) {
      id
      type
      status
      input
      output
      error
      progress
      attempts
      maxAttempts
      priority
      createdAt
      startedAt
      completedAt
    }
  }
`);

const ListJobs = graphql(`
  query JobsList($first: Int, $after: String, $status: JobStatus) {
    jobs(first: $first, after: $after, status: $status) {
      edges {
        cursor
        node {
          id
          type
          status
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      totalCount
    }
  }
`);

const Cancel = graphql(`
  mutation JobsCancel($id: ID!) {
    cancelJob(id: $id) {
      id
      status
      output
      error
      attempts
      startedAt
      completedAt
    }
  }
`);

const JobUpdated = graphql(`
  subscription JobsUpdated($id: ID!) {
    jobUpdated(id: $id) {
      id
      status
      output
      error
      attempts
      progress
    }
  }
`);

const AiResponse = graphql(`
  subscription JobsAiResponse($conversationId: ID!) {
    aiResponse(conversationId: $conversationId) {
      jobId
      delta
      text
      done
      job {
        id
        status
      }
      agent {
        username
        type
      }
      conversation {
        id
      }
      message {
        id
        content
        type
        sender {
          username
          type
        }
      }
    }
  }
`);

const MessageAdded = graphql(`
  subscription JobsMessageAdded($conversationId: ID!, $after: String) {
    messageAdded(conversationId: $conversationId, after: $after) {
      id
      content
      type
      sender {
        username
        type
      }
    }
  }
`);

const Messages = graphql(`
  query JobsMessages($conversationId: ID!) {
    messages(conversationId: $conversationId, last: 100) {
      totalCount
      edges {
        node {
          id
          content
          type
          createdAt
          sender {
            username
            type
          }
        }
      }
    }
  }
`);

const MyStats = graphql(`
  query JobsMyStats {
    me {
      id
      stats {
        messagesSent
        conversations
        activeDays
        lastActiveAt
        computedAt
      }
    }
  }
`);

const ProfileStats = graphql(`
  query JobsProfileStats($id: ID!) {
    profile(id: $id) {
      id
      stats {
        messagesSent
      }
    }
  }
`);

const Notifications = graphql(`
  subscription JobsNotifications {
    notifications {
      type
      message {
        id
      }
    }
  }
`);

type JobView = { id: string; status: string; output?: unknown; error?: string | null; attempts: number };
type AiEvent = {
  jobId: string;
  delta: string;
  text: string;
  done: boolean;
  job?: { id: string; status: string } | null;
  agent: { username: string; type: string };
  conversation: { id: string };
  message?: { id: string; content: string; type: string; sender: { username: string; type: string } } | null;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every result until the server completes the subscription (bounded by the test's timeout). */
async function drain<T>(sub: Subscription<unknown>, pick: (data: Record<string, unknown>) => T): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    try {
      const result = await sub.next();
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      items.push(pick(result.data as Record<string, unknown>));
    } catch (error) {
      if (error instanceof Error && error.message === 'subscription completed') return items;
      throw error;
    }
  }
}

for (const mode of ['embedded queue', 'bullmq'] as const) {
  describe(`jobs (${mode})`, () => {
    const bull = mode === 'bullmq';
    const redisPrefix = `test-jobs-${randomBytes(4).toString('hex')}:`;
    /** Each API gets its own queue: workers of one must never take the jobs of another (other database). */
    const queueEnv = (name: string): Record<string, string> =>
      bull ? { REDIS_URL, REDIS_PREFIX: `${redisPrefix}${name}:` } : {};
    const aiEnv = (fake: FakeOpenAi, timeoutMs: number) => ({
      AI_BASE_URL: fake.baseUrl,
      AI_API_KEY: 'test',
      AI_MODEL: 'fake-1',
      AI_TIMEOUT_MS: String(timeoutMs),
    });

    let fake: FakeOpenAi;
    const apis: TestApi[] = [];
    const clients: Client[] = [];
    const subscriptions: Subscription<unknown>[] = [];

    const start = async (env: Record<string, string>) => {
      const api = await startApi({ env });
      apis.push(api);
      return api;
    };
    const socket = (api: TestApi, user: TestUser | undefined) => {
      const client = wsClient(api.url, user?.token);
      clients.push(client);
      return client;
    };
    const open = <R, V>(api: TestApi, user: TestUser | undefined, document: TypedDocumentNode<R, V>, variables: V) => {
      const sub = subscribe(socket(api, user), document, variables);
      subscriptions.push(sub);
      return sub;
    };

    const submit = async (user: TestUser, input: SubmitJobInput) => (await user.client.data(Submit, { input })).submitJob;
    const getJob = async (user: TestUser, id: string) => (await user.client.data(GetJob, { id })).job!;
    /** Polls job(id) until `until` holds (bounded). */
    const waitForJob = async (
      user: TestUser,
      id: string,
      until: (job: Awaited<ReturnType<typeof getJob>>) => boolean,
      what: string,
      timeoutMs = 20_000,
    ) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await getJob(user, id);
        if (until(job)) return job;
        if (Date.now() > deadline) throw new Error(`job ${id}: still waiting for ${what}; it is ${JSON.stringify(job)}`);
        await sleep(50);
      }
    };
    const finished = (job: { status: string }) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status);
    const agentReplies = async (user: TestUser, conversationId: string) =>
      (await user.client.data(Messages, { conversationId })).messages.edges
        .map((edge) => edge.node)
        .filter((node) => node.sender.type === 'AGENT');
    const newConversation = async (owner: TestUser, members: TestUser[]) =>
      (await owner.client.data(CreateGroup, { members: members.map((m) => m.id) })).createConversation.id;

    /**
     * aiResponse is live only and graphql-ws has no "subscribed" signal: ask the agent (as `asker`) until every watcher
     * has seen something, so that the next job's events are surely all delivered.
     */
    const watchAi = async (api: TestApi, watchers: TestUser[], asker: TestUser, conversationId: string) => {
      const collectors = watchers.map(
        (user) =>
          new Collector<AiEvent>(
            `aiResponse of ${user.username}`,
            open(api, user, AiResponse, { conversationId }),
            (data) => data.aiResponse as AiEvent,
          ),
      );
      for (let round = 0; collectors.some((c) => c.items.length === 0); round += 1) {
        if (round === 20) throw new Error('aiResponse watchers never saw a warm-up reply');
        const warmUp = await submit(asker, { type: 'ai-chat', input: { conversationId, prompt: 'warm-up' } });
        await waitForJob(asker, warmUp.id, finished, 'the warm-up to finish');
        await Promise.all(collectors.map((c) => c.within((items) => items.some((e) => e.done), 2_000)));
      }
      return collectors;
    };

    let api: TestApi;
    let alice: TestUser;
    let bob: TestUser;
    let carol: TestUser;
    let mallory: TestUser;

    beforeAll(async () => {
      fake = await startFakeOpenAi({ model: 'fake-1' });
      api = await start({ ...queueEnv('main'), ...aiEnv(fake, 10_000) });
      [alice, bob, carol, mallory] = (await Promise.all(
        ['alice', 'bob', 'carol', 'mallory'].map((u) => api.user(u)),
      )) as [TestUser, TestUser, TestUser, TestUser];
    });

    afterEach(() => fake.reset());

    afterAll(async () => {
      await Promise.allSettled(subscriptions.map((s) => s.close()));
      await Promise.allSettled(clients.map((c) => c.dispose()));
      // The model first: a request still open on it would otherwise keep a job (and so its API) from stopping.
      await fake?.close();
      const stopped = await Promise.allSettled(apis.map((each) => each.stop()));
      if (bull) expect(await deleteRedisKeys(REDIS_URL, redisPrefix)).toEqual([]);
      for (const result of stopped) if (result.status === 'rejected') throw result.reason;
    });

    it('streams an ai-chat reply to everyone watching the conversation, then saves it as the agent’s message', async () => {
      const conversationId = await newConversation(alice, [bob, carol]);
      const [aliceAi, bobAi] = (await watchAi(api, [alice, bob], alice, conversationId)) as [
        Collector<AiEvent>,
        Collector<AiEvent>,
      ];
      const question = (await alice.client.data(Send, { conversationId, content: 'What is the capital of France?' }))
        .sendMessage;
      const carolMessages = new Collector(
        'messageAdded of carol',
        open(api, carol, MessageAdded, { conversationId, after: question.cursor }),
        (data) => data.messageAdded as { id: string; content: string; type: string; sender: { username: string; type: string } },
      );
      const reply = 'The capital of France is Paris, on the Seine.';
      fake.reply(reply);
      const requestsBefore = fake.requests.length;

      const submitted = await submit(alice, {
        type: 'ai-chat',
        input: { conversationId, prompt: 'Answer in one sentence.' },
        priority: 'HIGH',
      });
      expect(submitted).toMatchObject({ type: 'ai-chat', status: 'QUEUED', attempts: 0, maxAttempts: 3, priority: 'HIGH' });
      expect(submitted.input).toEqual({ conversationId, prompt: 'Answer in one sentence.' });

      // bob (not the submitter) sees every token as it arrives, then the saved message.
      await bobAi.until((items) => items.some((e) => e.jobId === submitted.id && e.done), 'the done event');
      const events = bobAi.items.filter((e) => e.jobId === submitted.id);
      const deltas = events.filter((e) => !e.done);
      expect(deltas.map((e) => e.delta)).toEqual(tokensOf(reply));
      let text = '';
      for (const event of deltas) {
        text += event.delta;
        expect(event.text).toBe(text);
        expect(event.message).toBeNull();
      }
      const done = events.at(-1)!;
      expect(events.filter((e) => e.done)).toHaveLength(1);
      expect(done).toMatchObject({
        done: true,
        delta: '',
        text: reply,
        job: null,
        agent: { type: 'AGENT' },
        conversation: { id: conversationId },
        message: { content: reply, type: 'AI', sender: { type: 'AGENT' } },
      });
      expect(done.message!.sender.username).toBe(done.agent.username);
      // The submitter sees the same stream, and its job.
      await aliceAi.until((items) => items.some((e) => e.jobId === submitted.id && e.done), 'the done event');
      const aliceDone = aliceAi.items.find((e) => e.jobId === submitted.id && e.done)!;
      expect(aliceDone.job?.id).toBe(submitted.id);
      expect(aliceDone.message?.id).toBe(done.message!.id);

      // The reply reaches messageAdded like any message.
      await carolMessages.until((items) => items.some((m) => m.id === done.message!.id), 'the agent’s reply');
      expect(carolMessages.items.find((m) => m.id === done.message!.id)).toMatchObject({
        content: reply,
        type: 'AI',
        sender: { type: 'AGENT' },
      });

      const job = await waitForJob(alice, submitted.id, finished, 'the end');
      expect(job).toMatchObject({ status: 'COMPLETED', attempts: 1, error: null, progress: 1 });
      expect(job.startedAt).toBeTruthy();
      expect(job.completedAt).toBeTruthy();
      const output = job.output as {
        response: string;
        model: string;
        messageId: string;
        usage: { promptTokens: number; completionTokens: number; totalTokens: number };
      };
      expect(output).toMatchObject({ response: reply, model: 'fake-1', messageId: done.message!.id });
      expect(output.usage.completionTokens).toBe(tokensOf(reply).length);
      expect(output.usage.promptTokens).toBeGreaterThan(0);
      expect(output.usage.totalTokens).toBe(output.usage.promptTokens + output.usage.completionTokens);

      // One request to the model, streamed, with the conversation as context and the prompt last.
      expect(fake.requests.length).toBe(requestsBefore + 1);
      const request = fake.requests.at(-1)!;
      expect(request.authorization).toBe('Bearer test');
      expect(request.body).toMatchObject({ model: 'fake-1', stream: true });
      const sent = request.body.messages!;
      expect(sent[0]!.role).toBe('system');
      expect(sent).toContainEqual({ role: 'user', content: 'alice: What is the capital of France?' });
      expect(sent.at(-1)).toEqual({ role: 'user', content: 'Answer in one sentence.' });

      const replies = await agentReplies(bob, conversationId);
      expect(replies.filter((m) => m.content === reply)).toHaveLength(1);
    });

    it('jobUpdated gives the job as it is, its partial output as the reply grows, then the final state, and completes', async () => {
      const conversationId = await newConversation(alice, [bob]);
      const reply = 'Partial output grows token by token.';
      fake.reply(reply);
      fake.hold();
      const requestsBefore = fake.requests.length;
      const submitted = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'Stream please' } });
      // The model has the request and says nothing yet: the job is ACTIVE while we subscribe.
      await fake.waitForRequests(requestsBefore + 1);
      const sub = open(api, alice, JobUpdated, { id: submitted.id });
      const first = await sub.next();
      expect(first.data?.jobUpdated).toMatchObject({ id: submitted.id, status: 'ACTIVE', attempts: 1 });
      fake.release();
      const updates = [first.data!.jobUpdated as JobView, ...(await drain(sub, (d) => d.jobUpdated as JobView))];

      const last = updates.at(-1)!;
      expect(last).toMatchObject({ status: 'COMPLETED', attempts: 1, progress: 1 });
      expect((last.output as { response: string }).response).toBe(reply);
      const partial = updates.slice(0, -1);
      expect(partial.every((u) => u.status === 'ACTIVE')).toBe(true);
      const texts = partial.map((u) => (u.output as { response?: string } | null)?.response).filter((t) => t !== undefined);
      expect(texts.length).toBeGreaterThan(1);
      for (const [i, t] of texts.entries()) {
        expect(reply.startsWith(t)).toBe(true);
        if (i > 0) expect(t.length).toBeGreaterThan(texts[i - 1]!.length);
      }

      // A finished job: its final state at once, then the subscription completes.
      const again = await drain(open(api, alice, JobUpdated, { id: submitted.id }), (d) => d.jobUpdated as JobView);
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ id: submitted.id, status: 'COMPLETED' });
    });

    it('retries a failing model with backoff: two failures, then one reply, not three', { timeout: 60_000 }, async () => {
      const conversationId = await newConversation(alice, [bob]);
      await alice.client.data(Send, { conversationId, content: 'Are you there?' });
      const reply = 'Third time lucky.';
      fake.reply(reply);
      fake.failNext(2);
      fake.hold();
      const requestsBefore = fake.requests.length;
      const submitted = await submit(alice, { type: 'ai-chat', input: { conversationId } });
      await fake.waitForRequests(requestsBefore + 1);
      const watcher = new Collector(
        'jobUpdated',
        open(api, alice, JobUpdated, { id: submitted.id }),
        (data) => data.jobUpdated as JobView,
      );
      // Each attempt waits at the model until its subscriber has seen it ACTIVE, so that no state goes unseen.
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await fake.waitForRequests(requestsBefore + attempt);
        await watcher.until((items) => items.some((u) => u.status === 'ACTIVE' && u.attempts === attempt), `attempt ${attempt}`);
        fake.release();
        if (attempt < 3) fake.hold();
      }
      await watcher.until((items) => items.at(-1)?.status === 'COMPLETED', 'the end');
      await expect(watcher.until(() => false, 'the subscription to complete')).rejects.toThrow(/completed while waiting/);
      const updates = watcher.items;

      // ACTIVE (1), back to QUEUED with the error, ACTIVE (2), QUEUED, ACTIVE (3) ... COMPLETED.
      const transitions = updates
        .map((u) => `${u.status}:${u.attempts}`)
        .filter((step, i, all) => i === 0 || step !== all[i - 1]);
      expect(transitions).toEqual(['ACTIVE:1', 'QUEUED:1', 'ACTIVE:2', 'QUEUED:2', 'ACTIVE:3', 'COMPLETED:3']);
      const retried = updates.filter((u) => u.status === 'QUEUED');
      expect(retried.every((u) => typeof u.error === 'string' && u.error.length > 0)).toBe(true);

      const job = await getJob(alice, submitted.id);
      expect(job).toMatchObject({ status: 'COMPLETED', attempts: 3, error: null });
      expect((job.output as { response: string; model: string }).response).toBe(reply);
      expect((job.output as { model: string }).model).toBe('fake-1');
      expect(fake.requests.length).toBe(requestsBefore + 3);
      const replies = await agentReplies(alice, conversationId);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ content: reply, type: 'AI', id: (job.output as { messageId: string }).messageId });
      // The conversation holds the question and the one reply, nothing else.
      expect((await alice.client.data(Messages, { conversationId })).messages.totalCount).toBe(2);
    });

    it('does not take a reply cut off before its end for a whole one: it retries', async () => {
      const conversationId = await newConversation(alice, [bob]);
      const reply = 'The whole reply, this time.';
      fake.reply(reply);
      fake.cutNext(1);
      const requestsBefore = fake.requests.length;
      const submitted = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'Tell me all of it' } });
      const job = await waitForJob(alice, submitted.id, finished, 'the end');
      expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2, error: null });
      expect((job.output as { response: string }).response).toBe(reply);
      expect(fake.requests.length).toBe(requestsBefore + 2);
      expect((await agentReplies(alice, conversationId)).map((m) => m.content)).toEqual([reply]);
    });

    it('refuses bad submissions with BAD_USER_INPUT, and writes nothing for them', async () => {
      const conversationId = await newConversation(alice, [bob]);
      const before = (await alice.client.data(ListJobs, { first: 1 })).jobs.totalCount;
      const requestsBefore = fake.requests.length;
      const bad: [string, SubmitJobInput][] = [
        ['unknown type', { type: 'send-email', input: {} }],
        ['message-notification is not submittable', { type: 'message-notification', input: { messageId: randomUUID() } }],
        ['missing conversationId', { type: 'ai-chat', input: { prompt: 'hi' } }],
        ['no input at all', { type: 'ai-chat' }],
        ['input not an object', { type: 'ai-chat', input: 'hello' }],
        ['extra keys', { type: 'ai-chat', input: { conversationId, prompt: 'hi', model: 'gpt-5' } }],
        ['conversationId not a UUID', { type: 'ai-chat', input: { conversationId: 'abc' } }],
        ['prompt too long', { type: 'ai-chat', input: { conversationId, prompt: 'x'.repeat(4001) } }],
        ['blank prompt', { type: 'ai-chat', input: { conversationId, prompt: '   ' } }],
        ['extra keys for user-analytics', { type: 'user-analytics', input: { everyone: true } }],
        ['negative delay', { type: 'user-analytics', input: {}, delayMs: -1 }],
        ['delay over 7 days', { type: 'user-analytics', input: {}, delayMs: SEVEN_DAYS_MS + 1 }],
      ];
      for (const [what, input] of bad) {
        const error = await alice.client.error(Submit, { input });
        expect({ what, code: error.code }).toEqual({ what, code: 'BAD_USER_INPUT' });
      }
      const missing = await alice.client.error(Submit, { input: { type: 'ai-chat', input: { prompt: 'hi' } } });
      expect(missing.message).toMatch(/conversationId/);
      expect(missing.extensions?.field).toBe('input.input.conversationId');

      // The bounds themselves are accepted.
      const longest = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'x'.repeat(4000) }, delayMs: SEVEN_DAYS_MS });
      expect(longest.status).toBe('QUEUED');
      expect((await alice.client.data(Cancel, { id: longest.id })).cancelJob.status).toBe('CANCELLED');

      expect((await alice.client.data(ListJobs, { first: 1 })).jobs.totalCount).toBe(before + 1);
      expect(fake.requests.length).toBe(requestsBefore);
    });

    it('keeps jobs to their owner: NOT_FOUND for others, UNAUTHENTICATED without a token', async () => {
      const conversationId = await newConversation(alice, [bob]);
      const notMine = await mallory.client.error(Submit, { input: { type: 'ai-chat', input: { conversationId } } });
      expect(notMine.code).toBe('NOT_FOUND');
      const nowhere = await alice.client.error(Submit, { input: { type: 'ai-chat', input: { conversationId: randomUUID() } } });
      expect(nowhere.code).toBe('NOT_FOUND');

      const job = await submit(alice, { type: 'user-analytics', delayMs: 3_600_000 });
      expect((await mallory.client.error(GetJob, { id: job.id })).code).toBe('NOT_FOUND');
      expect((await bob.client.error(GetJob, { id: job.id })).code).toBe('NOT_FOUND');
      expect((await mallory.client.error(GetJob, { id: randomUUID() })).code).toBe('NOT_FOUND');
      expect((await mallory.client.error(Cancel, { id: job.id })).code).toBe('NOT_FOUND');
      const spying = await open(api, mallory, JobUpdated, { id: job.id }).next();
      expect(spying.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const eavesdrop = await open(api, mallory, AiResponse, { conversationId }).next();
      expect(eavesdrop.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // Still queued: mallory's attempt changed nothing.
      expect((await getJob(alice, job.id)).status).toBe('QUEUED');

      for (const [what, result] of [
        ['submitJob', api.anonymous.error(Submit, { input: { type: 'user-analytics' } })],
        ['job', api.anonymous.error(GetJob, { id: job.id })],
        ['jobs', api.anonymous.error(ListJobs, { first: 5 })],
        ['cancelJob', api.anonymous.error(Cancel, { id: job.id })],
      ] as const) {
        expect({ what, code: (await result).code }).toEqual({ what, code: 'UNAUTHENTICATED' });
      }
      expect((await alice.client.data(Cancel, { id: job.id })).cancelJob.status).toBe('CANCELLED');
    });

    it('pages the viewer’s own jobs, newest first, optionally by status', async () => {
      const pager = await api.user(`pager_${bull ? 'bull' : 'mem'}`);
      const other = await api.user(`other_${bull ? 'bull' : 'mem'}`);
      await submit(other, { type: 'user-analytics' });
      const done: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const job = await submit(pager, { type: 'user-analytics', priority: 'LOW' });
        await waitForJob(pager, job.id, finished, 'completion');
        done.push(job.id);
      }
      const cancelled: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        const job = await submit(pager, { type: 'user-analytics', delayMs: 3_600_000 });
        await pager.client.data(Cancel, { id: job.id });
        cancelled.push(job.id);
      }
      const newestFirst = [...done, ...cancelled].reverse();

      const seen: string[] = [];
      let after: string | null | undefined;
      let pages = 0;
      for (;;) {
        const page = (await pager.client.data(ListJobs, { first: 2, after })).jobs;
        pages += 1;
        expect(page.totalCount).toBe(5);
        expect(page.pageInfo.hasPreviousPage).toBe(after != null);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(newestFirst);

      const onlyCancelled = (await pager.client.data(ListJobs, { first: 10, status: 'CANCELLED' })).jobs;
      expect(onlyCancelled.edges.map((e) => e.node.id)).toEqual([...cancelled].reverse());
      expect(onlyCancelled.totalCount).toBe(2);
      const onlyDone = (await pager.client.data(ListJobs, { first: 10, status: 'COMPLETED' })).jobs;
      expect(onlyDone.edges.map((e) => e.node.id)).toEqual([...done].reverse());
      expect(onlyDone.edges.every((e) => e.node.type === 'user-analytics' && e.node.status === 'COMPLETED')).toBe(true);
      expect((await pager.client.data(ListJobs, { first: 10, status: 'FAILED' })).jobs.totalCount).toBe(0);

      const bogus = await pager.client.error(ListJobs, { first: 2, after: 'not-a-cursor' });
      expect(bogus.code).toBe('BAD_USER_INPUT');
      expect((await pager.client.error(ListJobs, { first: 101 })).code).toBe('BAD_USER_INPUT');
    });

    it('cancels a delayed job: CANCELLED at once, for its subscribers too, and it never runs', async () => {
      const conversationId = await newConversation(alice, [bob]);
      const requestsBefore = fake.requests.length;
      const delayed = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'later' }, delayMs: 60_000 });
      const sub = open(api, alice, JobUpdated, { id: delayed.id });
      const first = await sub.next();
      expect(first.data?.jobUpdated).toMatchObject({ status: 'QUEUED', attempts: 0 });
      const cancelled = (await alice.client.data(Cancel, { id: delayed.id })).cancelJob;
      expect(cancelled).toMatchObject({ id: delayed.id, status: 'CANCELLED', attempts: 0, startedAt: null });
      expect(cancelled.completedAt).toBeTruthy();
      const rest = await drain(sub, (d) => d.jobUpdated as JobView);
      expect(rest.at(-1)).toMatchObject({ status: 'CANCELLED' });

      // Due soon, cancelled; a second job due a little later runs. When it has, the first would have run before it.
      fake.reply('Only the sentinel answers.');
      const soon = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'soon' }, delayMs: 500 });
      await alice.client.data(Cancel, { id: soon.id });
      const sentinel = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'sentinel' }, delayMs: 1_500 });
      expect((await waitForJob(alice, sentinel.id, finished, 'the sentinel')).status).toBe('COMPLETED');
      expect(await getJob(alice, soon.id)).toMatchObject({ status: 'CANCELLED', attempts: 0, startedAt: null, output: null });
      expect(await getJob(alice, delayed.id)).toMatchObject({ status: 'CANCELLED', attempts: 0, startedAt: null });
      expect(fake.requests.length).toBe(requestsBefore + 1);
      expect(fake.requests.at(-1)!.body.messages!.at(-1)).toEqual({ role: 'user', content: 'sentinel' });
      expect(await agentReplies(alice, conversationId)).toHaveLength(1);

      // Cancelling what has ended changes nothing.
      const finishedJob = await getJob(alice, sentinel.id);
      const again = (await alice.client.data(Cancel, { id: sentinel.id })).cancelJob;
      expect(again).toEqual({
        id: sentinel.id,
        status: 'COMPLETED',
        output: finishedJob.output,
        error: null,
        attempts: finishedJob.attempts,
        startedAt: finishedJob.startedAt,
        completedAt: finishedJob.completedAt,
      });
      const twice = (await alice.client.data(Cancel, { id: soon.id })).cancelJob;
      expect(twice.status).toBe('CANCELLED');
    });

    it('cancels a running ai-chat: the call is stopped, no reply is saved, and watchers are told', async () => {
      const conversationId = await newConversation(alice, [bob]);
      const [bobAi] = (await watchAi(api, [bob], alice, conversationId)) as [Collector<AiEvent>];
      const repliesBefore = (await agentReplies(alice, conversationId)).length;
      fake.reply('This reply is never finished.');
      fake.hold();
      const requestsBefore = fake.requests.length;
      const submitted = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'never mind' } });
      await fake.waitForRequests(requestsBefore + 1);
      const sub = open(api, alice, JobUpdated, { id: submitted.id });
      expect((await sub.next()).data?.jobUpdated).toMatchObject({ status: 'ACTIVE', attempts: 1 });
      const cancelled = (await alice.client.data(Cancel, { id: submitted.id })).cancelJob;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', attempts: 1 });
      expect((await drain(sub, (d) => d.jobUpdated as JobView)).at(-1)).toMatchObject({ status: 'CANCELLED' });
      // The attempt is stopped: its watchers get the end of the stream, with no message.
      await bobAi.until((items) => items.some((e) => e.jobId === submitted.id && e.done), 'the end of the stream');
      expect(bobAi.items.filter((e) => e.jobId === submitted.id)).toEqual([
        expect.objectContaining({ done: true, text: '', message: null }),
      ]);
      fake.release();
      expect(await getJob(alice, submitted.id)).toMatchObject({ status: 'CANCELLED', attempts: 1, output: null });
      expect(await agentReplies(alice, conversationId)).toHaveLength(repliesBefore);
      expect(fake.requests.length).toBe(requestsBefore + 1);
    });

    it('computes user-analytics on demand: the owner’s stats match what they did; others see null', async () => {
      const suffix = bull ? 'bull' : 'mem';
      const stats = await api.user(`stats_${suffix}`);
      const friend = await api.user(`friend_${suffix}`);
      expect((await stats.client.data(MyStats)).me.stats).toBeNull();

      const first = await newConversation(stats, [friend]);
      const second = await newConversation(stats, [alice]);
      await newConversation(friend, [stats]); // a member, without a word
      const sent = [];
      for (const [conversationId, content] of [
        [first, 'one'],
        [first, 'two'],
        [second, 'three'],
      ] as const) {
        sent.push((await stats.client.data(Send, { conversationId, content })).sendMessage);
      }
      await friend.client.data(Send, { conversationId: first, content: 'not theirs' });

      const job = await submit(stats, { type: 'user-analytics', input: { userId: friend.id } });
      // Always the viewer's own figures, whatever the input says.
      expect(job.input).toEqual({ userId: stats.id });
      const ended = await waitForJob(stats, job.id, finished, 'completion');
      expect(ended).toMatchObject({ status: 'COMPLETED', output: { users: 1 } });

      const mine = (await stats.client.data(MyStats)).me.stats!;
      const days = new Set(sent.map((m) => m.createdAt.slice(0, 10)));
      expect(mine).toMatchObject({ messagesSent: 3, conversations: 3, activeDays: days.size });
      expect(mine.lastActiveAt).toBe(sent.at(-1)!.createdAt);
      expect(mine.computedAt).toBeTruthy();
      expect((await alice.client.data(ProfileStats, { id: stats.id })).profile?.stats).toBeNull();
      expect((await stats.client.data(ProfileStats, { id: stats.id })).profile?.stats?.messagesSent).toBe(3);
      // The friend was not computed by it.
      expect((await friend.client.data(MyStats)).me.stats).toBeNull();
    });

    it('stores a notification for a member who is offline, not for one who is online', async () => {
      const suffix = bull ? 'bull' : 'mem';
      const online = await api.user(`online_${suffix}`);
      const offline = await api.user(`offline_${suffix}`);
      const conversationId = await newConversation(alice, [online, offline]);
      // online has a socket (and a notifications subscription); offline has none.
      const live = new Collector(
        'notifications of online',
        open(api, online, Notifications, {}),
        (data) => data.notifications as { type: string; message: { id: string } | null },
      );
      for (let round = 0; live.items.length === 0; round += 1) {
        if (round === 50) throw new Error('notifications never arrived');
        await alice.client.data(Send, { conversationId, content: `ping ${round}` });
        await live.within((items) => items.length > 0, 200);
      }
      const message = (await alice.client.data(Send, { conversationId, content: 'are you there?' })).sendMessage;
      await live.until((items) => items.some((n) => n.message?.id === message.id), 'the live notification');

      // No query reads stored notifications yet: the rows are checked in the database (read only).
      const sql = postgres(api.databaseUrl!, { max: 1, onnotice: () => {} });
      try {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const [job] = await sql<{ status: string }[]>`
            select status from jobs where type = 'message-notification' and input->>'messageId' = ${message.id}`;
          if (job?.status === 'completed') break;
          if (Date.now() > deadline) throw new Error(`notification job not completed: ${JSON.stringify(job)}`);
          await sleep(50);
        }
        const rows = await sql<{ user_id: string; conversation_id: string; type: string }[]>`
          select user_id, conversation_id, type from notifications where message_id = ${message.id}`;
        expect(rows).toEqual([{ user_id: offline.id, conversation_id: conversationId, type: 'new_message' }]);
      } finally {
        await sql.end();
      }
    });

    it('ends a member’s aiResponse stream when they leave the conversation', async () => {
      const conversationId = await newConversation(alice, [bob, carol]);
      const [carolAi] = (await watchAi(api, [carol], alice, conversationId)) as [Collector<AiEvent>];
      const seen = carolAi.items.length;
      await carol.client.data(Leave, { conversationId });
      // The stream ends with FORBIDDEN instead of carrying the conversation to someone who left.
      await expect(carolAi.until(() => false, 'the end', 10_000)).rejects.toThrow(/FORBIDDEN/);
      fake.reply('Carol should not read this.');
      const job = await submit(alice, { type: 'ai-chat', input: { conversationId, prompt: 'secret' } });
      await waitForJob(alice, job.id, finished, 'completion');
      expect(carolAi.items).toHaveLength(seen);
    });

    // Only the BullMQ mode has Redis channels to count; the embedded mode defines no such test (rather than skipping one).
    if (bull) it('lets go of its Redis channels when a subscriber completes or is ended', async () => {
      const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      const subscribers = async (channel: string) =>
        Number(((await redis.pubsub('NUMSUB', `${redisPrefix}main:${channel}`)) as [string, number])[1]);
      const settle = async (channel: string, wanted: (n: number) => boolean, what: string) => {
        const deadline = Date.now() + 10_000;
        let n = await subscribers(channel);
        while (!wanted(n)) {
          if (Date.now() > deadline) throw new Error(`${channel}: ${n} subscribers, still waiting for ${what}`);
          await sleep(25);
          n = await subscribers(channel);
        }
      };
      try {
        const conversationId = await newConversation(alice, [bob]);
        const delayed = await submit(alice, { type: 'user-analytics', delayMs: 3_600_000 });
        const jobSub = open(api, alice, JobUpdated, { id: delayed.id });
        expect((await jobSub.next()).data?.jobUpdated.status).toBe('QUEUED');
        const aiSub = open(api, bob, AiResponse, { conversationId });
        await settle(`ai:${conversationId}`, (n) => n > 0, 'the aiResponse subscription');
        await settle(`conversation:${conversationId}`, (n) => n > 0, 'the aiResponse membership watch');
        await settle(`job:${delayed.id}`, (n) => n > 0, 'the jobUpdated subscription');
        await Promise.all([aiSub.close(), jobSub.close()]);
        await settle(`ai:${conversationId}`, (n) => n === 0, 'aiResponse to let go');
        await settle(`conversation:${conversationId}`, (n) => n === 0, 'aiResponse to let go of the conversation');
        await settle(`job:${delayed.id}`, (n) => n === 0, 'jobUpdated to let go');

        // Ended by the server: a member who leaves.
        const ended = open(api, bob, AiResponse, { conversationId });
        const last = ended.next();
        await settle(`ai:${conversationId}`, (n) => n > 0, 'the second aiResponse subscription');
        await bob.client.data(Leave, { conversationId });
        expect((await last).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        await settle(`ai:${conversationId}`, (n) => n === 0, 'the ended aiResponse to let go');
        await settle(`conversation:${conversationId}`, (n) => n === 0, 'the ended aiResponse to let go of the conversation');
        await alice.client.data(Cancel, { id: delayed.id });
      } finally {
        redis.disconnect();
      }
    });

    describe('with a model that stalls (AI_TIMEOUT_MS=1000)', () => {
      let stallApi: TestApi;
      let dana: TestUser;
      let erin: TestUser;

      beforeAll(async () => {
        stallApi = await start({ ...queueEnv('stall'), ...aiEnv(fake, 1_000) });
        [dana, erin] = (await Promise.all(['dana', 'erin'].map((u) => stallApi.user(u)))) as [TestUser, TestUser];
      });

      it('times each attempt out and fails the job after its attempts, with no reply', { timeout: 60_000 }, async () => {
        const conversationId = await newConversation(dana, [erin]);
        fake.reply('warm');
        const [erinAi] = (await watchAi(stallApi, [erin], dana, conversationId)) as [Collector<AiEvent>];
        const repliesBefore = (await agentReplies(dana, conversationId)).length;
        fake.stallNext(3, 'no-response');
        const requestsBefore = fake.requests.length;
        const submitted = await submit(dana, { type: 'ai-chat', input: { conversationId, prompt: 'hello?' } });
        const job = await waitForJob(dana, submitted.id, finished, 'the end', 30_000);
        expect(job).toMatchObject({ status: 'FAILED', attempts: 3, output: null });
        expect(job.error).toMatch(/timed out/i);
        expect(fake.requests.length).toBe(requestsBefore + 3);
        expect(await agentReplies(dana, conversationId)).toHaveLength(repliesBefore);
        // Watchers are told that no reply is coming.
        await erinAi.until((items) => items.some((e) => e.jobId === submitted.id && e.done), 'the end of the stream');
        const mine = erinAi.items.filter((e) => e.jobId === submitted.id);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ done: true, text: '', delta: '', message: null });
      });

      it('times out a stream that stops in the middle, and the retry saves the whole reply once', { timeout: 60_000 }, async () => {
        const conversationId = await newConversation(dana, [erin]);
        const [erinAi] = (await watchAi(stallApi, [erin], dana, conversationId)) as [Collector<AiEvent>];
        const reply = 'A complete answer on the second attempt.';
        fake.reply(reply);
        fake.stallNext(1, 'mid-stream');
        const requestsBefore = fake.requests.length;
        const submitted = await submit(dana, { type: 'ai-chat', input: { conversationId, prompt: 'go' } });
        const job = await waitForJob(dana, submitted.id, finished, 'the end', 30_000);
        expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2, error: null });
        expect((job.output as { response: string }).response).toBe(reply);
        expect(fake.requests.length).toBe(requestsBefore + 2);
        const replies = (await agentReplies(dana, conversationId)).filter((m) => m.content !== 'Hello from the fake model.');
        expect(replies.map((m) => m.content)).toEqual([reply]);

        // Watchers saw the first attempt's word, then the text start over, then the whole reply and its message.
        await erinAi.until((items) => items.some((e) => e.jobId === submitted.id && e.done), 'the done event');
        const mine = erinAi.items.filter((e) => e.jobId === submitted.id);
        expect(mine[0]).toMatchObject({ delta: 'Thinking', text: 'Thinking', done: false });
        expect(mine[1]).toMatchObject({ delta: '', text: '', done: false, message: null });
        expect(mine.slice(2, -1).map((e) => e.delta).join('')).toBe(reply);
        expect(mine.at(-1)).toMatchObject({ done: true, text: reply, message: { content: reply } });
      });
    });

    describe('without AI_BASE_URL', () => {
      it('answers with the built-in local provider, which says it is one', async () => {
        const localApi = await start(queueEnv('local'));
        const [frank, gina] = (await Promise.all(['frank', 'gina'].map((u) => localApi.user(u)))) as [TestUser, TestUser];
        const conversationId = await newConversation(frank, [gina]);
        await frank.client.data(Send, { conversationId, content: 'Anyone home?' });
        const requestsBefore = fake.requests.length;
        const submitted = await submit(frank, { type: 'ai-chat', input: { conversationId, prompt: 'Who are you?' } });
        const job = await waitForJob(frank, submitted.id, finished, 'the end');
        expect(job.status).toBe('COMPLETED');
        const output = job.output as { response: string; model: string; messageId: string };
        expect(output.model).toBe('uvian-local');
        expect(output.response).toMatch(/built-in local assistant/);
        expect(output.response).toMatch(/no AI model is configured/);
        expect(output.response).toContain('Who are you?');
        const replies = await agentReplies(gina, conversationId);
        expect(replies).toEqual([expect.objectContaining({ id: output.messageId, content: output.response, type: 'AI' })]);
        expect(fake.requests.length).toBe(requestsBefore);
      });
    });
  });
}
