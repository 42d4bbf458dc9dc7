import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../src/auth/sign.ts';
import { QUEUE_NAME } from '../src/jobs/definitions.ts';
import { graphql } from './gql/index.ts';
import { graphqlClient, TEST_JWT_SECRET, type GraphQLClient } from './helpers/api.ts';
import { Collector } from './helpers/collector.ts';
import { createMigratedDatabase, type TestDatabase } from './helpers/database.ts';
import { spawnApi, type SpawnedApi } from './helpers/processes.ts';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.ts';
import { spawnWorker, type SpawnedWorker } from './helpers/worker-processes.ts';
import { subscribe, wsClient, type Subscription } from './helpers/ws.ts';
import { deleteRedisKeys } from './helpers/redis-keys.ts';

// Job workers as their own processes (`src/jobs/worker-main.ts`, what `npm run worker` runs) beside an API process that
// runs none, on one Postgres database and one Redis, with a local OpenAI-compatible server that streams slowly or fails
// on demand: a worker killed in the middle of a job, an AI server failing twice, a worker stopped with SIGTERM, a worker
// frozen past its lock (SIGSTOP) that wakes up after its job ran elsewhere, and a job that kills every worker it meets.

const Me = graphql(`
  query WorkerFaultsMe {
    me {
      id
    }
  }
`);

const CreateGroup = graphql(`
  mutation WorkerFaultsCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Worker faults", memberIds: $members }) {
      id
    }
  }
`);

const Submit = graphql(`
  mutation WorkerFaultsSubmit($input: JSON!) {
    submitJob(input: { type: "ai-chat", input: $input }) {
      id
      status
      maxAttempts
    }
  }
`);

const JobQuery = graphql(`
  query WorkerFaultsJob($id: ID!) {
    job(id: $id) {
      id
      status
      attempts
      maxAttempts
      output
      error
      progress
      startedAt
      completedAt
    }
  }
`);

const JobUpdated = graphql(`
  subscription WorkerFaultsJobUpdated($id: ID!) {
    jobUpdated(id: $id) {
      id
      status
      attempts
      output
      error
    }
  }
`);

const Messages = graphql(`
  query WorkerFaultsMessages($conversationId: ID!) {
    messages(conversationId: $conversationId, first: 50) {
      edges {
        node {
          id
          content
          type
          clientMessageId
          sender {
            id
            type
          }
        }
      }
    }
  }
`);

const REDIS_URL = 'redis://127.0.0.1:6379';

interface User {
  id: string;
  token: string;
  client: GraphQLClient;
}

interface Update {
  status: string;
  attempts: number;
  output: { response?: string; messageId?: string } | null;
  error: string | null;
}

interface JobRowSeen {
  status: string;
  attempts: number;
  max_attempts: number;
  started_at: Date | null;
  completed_at: Date | null;
  output: { response?: string; messageId?: string; model?: string | null } | null;
  error: string | null;
  progress: number | null;
}

/** A reply of `count` words, streamed one word at a time. */
const words = (label: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${label}${i + 1}`).join(' ') + '.';

describe('job workers in their own processes: crash, retries, graceful stop, freeze, poison job', () => {
  const prefix = `test-workers-${randomBytes(4).toString('hex')}:`;
  let database: TestDatabase | undefined;
  let api: SpawnedApi | undefined;
  let ai: FakeOpenAi | undefined;
  let sql: postgres.Sql | undefined;
  let queueConnection: Redis | undefined;
  let queue: Queue | undefined;
  const workers: SpawnedWorker[] = [];
  const clients: Client[] = [];
  const subscriptions: Subscription<unknown>[] = [];
  let env: Record<string, string>;
  let alice: User;
  let bob: User;

  const startWorker = () => spawnWorker(env, { onSpawn: (worker) => workers.push(worker) });
  /** The one worker left running by an earlier test, or a new one: exactly one runs afterwards. */
  const oneWorker = async () => {
    const alive = workers.filter((w) => w.running());
    for (const extra of alive.slice(1)) await extra.kill();
    return alive[0] ?? (await startWorker());
  };

  const signIn = async (username: string): Promise<User> => {
    const token = await signAccessToken({ secret: TEST_JWT_SECRET, username });
    const client = graphqlClient(api!.url, token);
    const { me } = await client.data(Me);
    return { id: me.id, token, client };
  };

  const newConversation = async () =>
    (await alice.client.data(CreateGroup, { members: [bob.id] })).createConversation.id;

  const submit = async (conversationId: string, prompt: string) => {
    const job = (await alice.client.data(Submit, { input: { conversationId, prompt } })).submitJob;
    expect(job.status).toBe('QUEUED');
    return job.id;
  };

  /** alice's jobUpdated for the job, read in the background over a real graphql-ws socket. */
  const watchJob = (id: string) => {
    const client = wsClient(api!.url, alice.token);
    clients.push(client);
    const subscription = subscribe(client, JobUpdated, { id }) as Subscription<unknown>;
    subscriptions.push(subscription);
    return new Collector<Update>(`jobUpdated ${id}`, subscription, (data) => data.jobUpdated as Update);
  };

  const row = async (id: string) => {
    const [found] = await sql!<JobRowSeen[]>`
      select status, attempts, max_attempts, started_at, completed_at, output, error, progress from jobs where id = ${id}`;
    return found!;
  };

  /** Waits, with a bound, until the job's row has left queued/active. */
  const finished = async (id: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await row(id);
      if (!['queued', 'active'].includes(current.status)) return current;
      if (Date.now() > deadline) {
        const logs = workers.map((w) => `--- worker ${w.pid}\n${w.output()}`).join('\n');
        throw new Error(`job ${id} still ${current.status} after ${timeoutMs} ms\n${logs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /**
   * The job ended completed exactly once: one agent reply in the conversation (saved under the job's id), and the row,
   * the GraphQL view and BullMQ all agree on it.
   */
  const expectCompletedOnce = async (jobId: string, conversationId: string, reply: string) => {
    const page = await bob.client.data(Messages, { conversationId });
    const agentMessages = page.messages.edges.map((e) => e.node).filter((m) => m.sender.type === 'AGENT');
    expect(agentMessages).toHaveLength(1);
    const message = agentMessages[0]!;
    expect(message).toMatchObject({ type: 'AI', clientMessageId: `job:${jobId}`, content: reply });
    const [count] = await sql!<{ n: number }[]>`
      select count(*)::int as n from messages where client_message_id = ${`job:${jobId}`}`;
    expect(count?.n).toBe(1);

    const saved = await row(jobId);
    expect(saved).toMatchObject({ status: 'completed', error: null, progress: 1 });
    expect(saved.started_at).toBeInstanceOf(Date);
    expect(saved.completed_at).toBeInstanceOf(Date);
    expect(saved.completed_at!.getTime()).toBeGreaterThanOrEqual(saved.started_at!.getTime());
    expect(saved.attempts).toBeGreaterThanOrEqual(1);
    expect(saved.attempts).toBeLessThanOrEqual(saved.max_attempts);
    expect(saved.output).toMatchObject({ response: reply, messageId: message.id, model: ai!.model });

    const { job } = await alice.client.data(JobQuery, { id: jobId });
    expect(job).toMatchObject({ status: 'COMPLETED', error: null, attempts: saved.attempts });
    expect(job?.completedAt).toBeTruthy();
    expect(job?.output).toMatchObject({ response: reply, messageId: message.id });

    // BullMQ finished it once too: completed, not left active or waiting for another run.
    const bull = await queue!.getJob(jobId);
    expect(bull).toBeDefined();
    expect(await bull!.getState()).toBe('completed');
    expect(bull!.returnvalue).toBe('completed');
    // BullMQ counts the attempts that ended (failed or completed; not a stalled run): the row's number is the same.
    expect(bull!.attemptsMade).toBe(saved.attempts);
    return { saved, message, bull: bull! };
  };

  beforeAll(async () => {
    ai = await startFakeOpenAi();
    database = await createMigratedDatabase();
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
      AI_BASE_URL: ai.baseUrl,
      AI_API_KEY: 'test-key',
      AI_MODEL: ai.model,
      // The API process runs no workers: every job here runs in a worker process.
      RUN_WORKERS: 'false',
      // Short, so that a dead worker's job is noticed (and run again) within seconds rather than half a minute.
      JOB_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '2',
      LOG_LEVEL: 'info',
    };
    api = await spawnApi(env);
    queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: `${prefix}bull` });
    alice = await signIn('alice');
    bob = await signIn('bob');
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(subscriptions.map((s) => s.close()));
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await Promise.allSettled(workers.map((w) => w.kill()));
    await api?.stop();
    await queue?.close().catch(() => {});
    queueConnection?.disconnect();
    await ai?.close();
    await sql?.end();
    await database?.drop();
    // Whatever the processes left under this file's prefix (the queue, its jobs, the daily schedule) goes with them.
    await deleteRedisKeys(REDIS_URL, prefix);
  });

  it('runs the job of a worker killed mid-reply again on another worker, and completes it once', async () => {
    const reply = words('crash', 25);
    ai!.reply(reply, { tokenDelayMs: 200 });
    for (const extra of workers.filter((w) => w.running())) await extra.kill();
    const first = await startWorker();
    const conversationId = await newConversation();
    const prompt = `crash test ${randomBytes(3).toString('hex')}`;
    const jobId = await submit(conversationId, prompt);
    const updates = watchJob(jobId);

    // The first worker is streaming the reply: the model has sent some tokens, and subscribers see partial output.
    const started = await ai!.waitFor((r) => r.prompt === prompt && r.tokensSent >= 3, 'tokens streamed to the first worker');
    await updates.until(
      (items) => items.some((u) => u.status === 'ACTIVE' && (u.output?.response ?? '').length > 0),
      'ACTIVE with partial output',
    );
    await first.kill();
    expect(first.running()).toBe(false);
    await ai!.waitFor((r) => r.index === started.index && r.outcome === 'aborted', 'the dead worker’s request to close');
    // Nobody finishes it in the meantime: the row still says the job is running.
    expect((await row(jobId)).status).toBe('active');

    const second = await startWorker();
    const saved = await finished(jobId, 45_000);
    expect(saved.status, second.output()).toBe('completed');
    await updates.until((items) => items.some((u) => u.status === 'COMPLETED'), 'COMPLETED', 10_000);

    const ours = ai!.requests.filter((r) => r.prompt === prompt);
    expect(ours.map((r) => r.outcome)).toEqual(['aborted', 'completed']);
    const { saved: final, bull } = await expectCompletedOnce(jobId, conversationId, reply);
    // Started twice (the dead worker's run, then this one), stalled once, and one attempt made: the one that completed.
    expect(bull.attemptsStarted).toBe(2);
    expect(bull.stalledCounter).toBe(1);
    expect(final.attempts).toBe(1);
    // The stream shows it ending once, with the saved reply.
    const completed = updates.items.filter((u) => u.status === 'COMPLETED');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.output?.response).toBe(reply);
  }, 120_000);

  it('retries when the AI server fails twice, then saves one reply, not three', async () => {
    const reply = words('retry', 6);
    ai!.reply(reply, { tokenDelayMs: 10 });
    ai!.failNext(2);
    await oneWorker();
    const conversationId = await newConversation();
    const prompt = `retry test ${randomBytes(3).toString('hex')}`;
    const jobId = await submit(conversationId, prompt);
    const updates = watchJob(jobId);

    // Two failures with the exponential backoff of ai-chat (2 s, then 4 s) before the third attempt.
    const saved = await finished(jobId, 60_000);
    expect(saved.status).toBe('completed');
    await updates.until((items) => items.some((u) => u.status === 'COMPLETED'), 'COMPLETED', 10_000);

    const ours = ai!.requests.filter((r) => r.prompt === prompt);
    expect(ours.map((r) => r.outcome)).toEqual(['failed', 'failed', 'completed']);
    const { saved: final } = await expectCompletedOnce(jobId, conversationId, reply);
    expect(final.attempts).toBe(3);
    expect(final.max_attempts).toBe(3);
  }, 120_000);

  it('finishes the job in hand when a worker gets SIGTERM, then exits 0', async () => {
    const reply = words('graceful', 15);
    ai!.reply(reply, { tokenDelayMs: 200 });
    const worker = await oneWorker();
    const conversationId = await newConversation();
    const prompt = `graceful test ${randomBytes(3).toString('hex')}`;
    const jobId = await submit(conversationId, prompt);

    await ai!.waitFor((r) => r.prompt === prompt && r.tokensSent >= 2, 'tokens streamed to the worker');
    worker.process.kill('SIGTERM');
    const exit = await Promise.race([
      worker.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`worker still running 40 s after SIGTERM:\n${worker.output()}`)), 40_000),
      ),
    ]);
    expect(exit, worker.output()).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('workers shutting down');

    // It finished the job before it went: no other worker runs, and the job is already done, asked of the model once.
    expect((await row(jobId)).status).toBe('completed');
    const ours = ai!.requests.filter((r) => r.prompt === prompt);
    expect(ours.map((r) => r.outcome)).toEqual(['completed']);
    await expectCompletedOnce(jobId, conversationId, reply);
  }, 120_000);

  it('keeps the row completed when a frozen worker wakes up after its job ran elsewhere and its attempt fails', async () => {
    const reply = words('frozen', 20);
    ai!.reply(reply, { tokenDelayMs: 150 });
    for (const extra of workers.filter((w) => w.running())) await extra.kill();
    const frozen = await startWorker();
    const conversationId = await newConversation();
    const prompt = `frozen test ${randomBytes(3).toString('hex')}`;
    const jobId = await submit(conversationId, prompt);
    const first = await ai!.waitFor((r) => r.prompt === prompt && r.tokensSent >= 2, 'tokens streamed to the first worker');

    // The worker freezes (a long GC pause, a suspended VM): it stops renewing its lock, so the job is taken for stalled
    // and runs on another worker. Its own reply is cut meanwhile, so that its attempt fails when it wakes up.
    frozen.process.kill('SIGSTOP');
    ai!.dropStreams();
    await ai!.waitFor((r) => r.index === first.index && r.outcome === 'aborted', 'the frozen worker’s reply to be cut');
    const second = await startWorker();
    const saved = await finished(jobId, 45_000);
    expect(saved.status, second.output()).toBe('completed');

    // It wakes up, sees its reply cut, and fails its (stale) attempt: that must not undo what the other worker did.
    const logged = frozen.output().length;
    frozen.process.kill('SIGCONT');
    // The runner logs the failed attempt once it has dealt with the row.
    const failedAttempt = () =>
      frozen
        .output()
        .slice(logged)
        .split('\n')
        .some((line) => line.includes(jobId) && line.includes('job attempt failed'));
    const deadline = Date.now() + 20_000;
    while (!failedAttempt()) {
      if (Date.now() > deadline) throw new Error(`the woken worker did not fail its attempt:\n${frozen.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ours = ai!.requests.filter((r) => r.prompt === prompt);
    expect(ours.map((r) => r.outcome)).toEqual(['aborted', 'completed']);
    await expectCompletedOnce(jobId, conversationId, reply);
  }, 120_000);

  // Last: it kills four workers in a row.
  it('gives up on a job that kills its worker more often than allowed, and its row says failed', async () => {
    ai!.reply(words('poison', 40), { tokenDelayMs: 100 });
    for (const extra of workers.filter((w) => w.running())) await extra.kill();
    const conversationId = await newConversation();
    const prompt = `poison test ${randomBytes(3).toString('hex')}`;
    const jobId = await submit(conversationId, prompt);

    // maxStalledCount is 3: the job runs, and its worker dies, four times.
    let last = -1;
    for (let round = 1; round <= 4; round += 1) {
      const worker = await startWorker();
      const request = await ai!.waitFor(
        (r) => r.prompt === prompt && r.index > last && r.tokensSent >= 1,
        `round ${round}: the job streaming on a fresh worker`,
        30_000,
      );
      last = request.index;
      await worker.kill();
    }
    await startWorker();
    const saved = await finished(jobId, 45_000);
    expect(saved).toMatchObject({ status: 'failed', output: null });
    expect(saved.error).toMatch(/stalled/);
    expect(saved.completed_at).toBeInstanceOf(Date);

    const { job } = await alice.client.data(JobQuery, { id: jobId });
    expect(job).toMatchObject({ status: 'FAILED' });
    const bull = await queue!.getJob(jobId);
    expect(await bull!.getState()).toBe('failed');
    // Not run a fifth time, and no reply saved.
    expect(ai!.requests.filter((r) => r.prompt === prompt)).toHaveLength(4);
    const page = await bob.client.data(Messages, { conversationId });
    expect(page.messages.edges.filter((e) => e.node.sender.type === 'AGENT')).toHaveLength(0);
  }, 180_000);
});
