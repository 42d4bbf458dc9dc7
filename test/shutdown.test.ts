import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Queue } from 'bullmq';
import { parse, print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signAccessToken } from '../src/auth/sign.ts';
import { QUEUE_NAME } from '../src/jobs/definitions.ts';
import { TEST_JWT_SECRET } from './helpers/api.ts';
import { createMigratedDatabase, type TestDatabase } from './helpers/database.ts';
import { spawnApi, waitForOutput, type SpawnedApi } from './helpers/processes.ts';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.ts';
import { spawnWorker, type SpawnedWorker } from './helpers/worker-processes.ts';
import { subscribe } from './helpers/ws.ts';
import { deleteRedisKeys } from './helpers/redis-keys.ts';

// SIGTERM under load, to real processes. The API (`src/main.ts`): requests in flight when it comes get their results,
// open graphql-ws sockets are closed with 1001 (Going Away, which clients retry elsewhere), nothing new is accepted from
// that moment, and the process exits 0. A job worker (`src/jobs/worker-main.ts`; test/worker-faults.test.ts covers the
// job in hand being finished): the jobs still queued are left for another worker, which runs each of them once.

type Json = Record<string, unknown>;
const doc = <R, V>(source: string) => parse(source) as TypedDocumentNode<R, V>;

interface Sent {
  id: string;
  content: string;
  cursor: string;
}

const Me = doc<{ me: { id: string } }, Json>(`query ShutdownMe { me { id } }`);
const CreateGroup = doc<{ createConversation: { id: string } }, { members: string[] }>(`
  mutation ShutdownCreateGroup($members: [ID!]!) {
    createConversation(input: { type: GROUP, name: "Shutdown", memberIds: $members }) { id }
  }
`);
const Send = doc<{ sendMessage: Sent }, { conversationId: string; content: string; clientMessageId?: string }>(`
  mutation ShutdownSend($conversationId: ID!, $content: String!, $clientMessageId: String) {
    sendMessage(input: { conversationId: $conversationId, content: $content, clientMessageId: $clientMessageId }) {
      id content cursor
    }
  }
`);
const MessageAdded = doc<{ messageAdded: Sent }, { conversationId: string }>(`
  subscription ShutdownMessageAdded($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) { id content cursor }
  }
`);
const Submit = doc<{ submitJob: { id: string; status: string } }, { input: Json }>(`
  mutation ShutdownSubmit($input: JSON!) { submitJob(input: { type: "ai-chat", input: $input }) { id status } }
`);

interface Answer<R> {
  status: number;
  text: string;
  data?: R | null;
  errors?: unknown[];
}

async function post<R, V>(url: string, document: TypedDocumentNode<R, V>, variables: V, token: string): Promise<Answer<R>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: R | null; errors?: unknown[] };
  return { status: response.status, text, data: body.data, errors: body.errors };
}

async function signIn(url: string, username: string) {
  const token = await signAccessToken({ secret: TEST_JWT_SECRET, username });
  const answer = await post(url, Me, {}, token);
  if (!answer.data?.me) throw new Error(`could not sign in ${username}: ${answer.text}`);
  return { id: answer.data.me.id, token };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something; fails after timeoutMs, saying what it waited for. */
async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what()} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Resolves with the error code of a TCP connection attempt ('connected' when the port accepted it). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

describe('API process: SIGTERM with requests in flight and sockets open', () => {
  let database: TestDatabase | undefined;
  let api: SpawnedApi | undefined;
  let dataDir: string | undefined;
  let sql: postgres.Sql | undefined;
  const clients: Client[] = [];
  const raw: { destroy(): void }[] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase();
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    dataDir = mkdtempSync(join(tmpdir(), 'uvian-shutdown-'));
    api = await spawnApi({
      DATABASE_URL: database.url,
      REDIS_URL: '',
      DATA_DIR: dataDir,
      SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
    });
  }, 120_000);

  afterAll(async () => {
    for (const socket of raw) socket.destroy();
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await api?.stop();
    await sql?.end({ timeout: 1 });
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes what is in flight, closes sockets with 1001, refuses new connections at once, and exits 0', async () => {
    const url = api!.url;
    const port = Number(new URL(url).port);
    const alice = await signIn(url, 'alice');
    const bob = await signIn(url, 'bob');
    const conversationId = (await post(url, CreateGroup, { members: [bob.id] }, alice.token)).data!.createConversation.id;

    // Three live graphql-ws subscriptions, each on its own socket; each socket's close code is recorded.
    const closes: { code: number; reason: string }[][] = [];
    const received: Sent[][] = [];
    for (let i = 0; i < 3; i += 1) {
      const socketCloses: { code: number; reason: string }[] = [];
      closes.push(socketCloses);
      const client = createClient({
        url: `${url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${bob.token}` },
        retryAttempts: 0,
        lazy: true,
        on: {
          closed: (event) => {
            const { code, reason } = event as { code: number; reason: string };
            socketCloses.push({ code, reason: String(reason) });
          },
        },
      });
      clients.push(client);
      const items: Sent[] = [];
      received.push(items);
      const subscription = subscribe(client, MessageAdded, { conversationId });
      void (async () => {
        try {
          for (;;) items.push((await subscription.next()).data!.messageAdded);
        } catch {
          // the socket closed: what matters is how (socketCloses)
        }
      })();
    }
    // Subscribed (the server's stream in place) once a message sent now reaches all three: until then, probe again.
    for (let attempt = 0; ; attempt += 1) {
      const probe = (await post(url, Send, { conversationId, content: `probe ${attempt}` }, alice.token)).data!.sendMessage;
      const all = () => (received.every((items) => items.some((m) => m.id === probe.id)) ? true : undefined);
      if (await eventually(all, () => 'a probe', 1_000).catch(() => false)) break;
      if (attempt >= 30) throw new Error(`the subscriptions never went live: ${JSON.stringify(received)}`);
    }

    // A client on a bad network: its WebSocket is open, but it never answers the close handshake.
    const stuck = tcpConnect(port, '127.0.0.1');
    raw.push(stuck);
    let stuckClosed = false;
    stuck.on('close', () => (stuckClosed = true));
    stuck.on('error', () => {});
    let handshake = '';
    stuck.on('data', (chunk: Buffer) => (handshake += chunk.toString('latin1')));
    await new Promise((resolve) => stuck.once('connect', resolve));
    stuck.write(
      [
        'GET /graphql HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: graphql-transport-ws',
        '',
        '',
      ].join('\r\n'),
    );
    await eventually(() => (handshake.startsWith('HTTP/1.1 101') ? true : undefined), () => `the upgrade (${handshake})`, 10_000);

    // Requests in flight: four sends that wait on the conversation's row, which this test holds locked.
    const blocker = await sql!.reserve();
    await blocker`begin`;
    await blocker`select id from conversations where id = ${conversationId} for update`;
    const inFlight = [0, 1, 2, 3].map((i) =>
      post(url, Send, { conversationId, content: `in flight ${i}`, clientMessageId: `in-flight-${i}` }, alice.token),
    );
    try {
      await eventually(
        async () => {
          const [row] = await sql!<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity
            where datname = current_database() and application_name = 'uvian-api' and wait_event_type = 'Lock'`;
          return row!.waiting >= 4 ? true : undefined;
        },
        () => 'the four sends to wait on the lock',
        20_000,
      );

      api!.process.kill('SIGTERM');
      await waitForOutput(api!, (output) => (output.includes('"shutting down"') ? true : undefined), 10_000);

      // From now on nothing new gets in, neither a connection (HTTP or WebSocket) nor a request: the port closes first
      // thing, before any socket is cut (the stuck one is held for 3 s). The log line is written just before, and this
      // process may see it first, so a connection may still get in at the very start.
      const refused = await eventually(
        async () => {
          const stuckOpenBefore = !stuckClosed;
          const outcome = await tryConnect(port);
          return outcome === 'connected' ? undefined : { outcome, stuckOpenBefore };
        },
        () => 'the port to refuse connections',
        20_000,
      );
      expect(refused).toEqual({ outcome: 'ECONNREFUSED', stuckOpenBefore: true });
      const late = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
      const lateOutcome = await new Promise<string>((resolve) => {
        late.once('open', () => resolve('open'));
        late.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
      });
      late.terminate();
      expect(lateOutcome).toBe('ECONNREFUSED');

      // Every open socket is told to go away with 1001 (the stuck one too, which is then cut).
      await eventually(
        () => (closes.every((c) => c.length > 0) ? true : undefined),
        () => `every subscriber's socket to close: ${JSON.stringify(closes)}`,
        10_000,
      );
      expect(closes.map((c) => c[0]!.code)).toEqual([1001, 1001, 1001]);
      expect(api!.process.exitCode).toBeNull();
    } finally {
      // The requests in flight may go on now.
      await blocker`commit`.catch(() => {});
      blocker.release();
    }

    // Each of them completes with its result.
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(200);
      expect(answer.errors, answer.text).toBeUndefined();
    }
    const sent = answers.map((a) => a.data!.sendMessage);
    expect(sent.map((m) => m.content).sort()).toEqual(['in flight 0', 'in flight 1', 'in flight 2', 'in flight 3']);
    const stored = await sql!<{ id: string }[]>`
      select id from messages where conversation_id = ${conversationId} and client_message_id like 'in-flight-%'`;
    expect(stored.map((r) => r.id).sort()).toEqual(sent.map((m) => m.id).sort());

    // And then the process ends, cleanly.
    const exit = await Promise.race([
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        if (api!.process.exitCode !== null || api!.process.signalCode !== null) {
          resolve({ code: api!.process.exitCode, signal: api!.process.signalCode });
        } else api!.process.once('exit', (code, signal) => resolve({ code, signal }));
      }),
      sleep(30_000).then(() => ({ code: -1, signal: null })),
    ]);
    expect(exit, api!.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(stuckClosed || stuck.destroyed || stuck.readableEnded).toBe(true);
  }, 120_000);
});

describe('job worker: SIGTERM with jobs still queued', () => {
  const REDIS_URL = 'redis://127.0.0.1:6379';
  const prefix = `test-shutdown-${randomBytes(4).toString('hex')}:`;
  let database: TestDatabase | undefined;
  let api: SpawnedApi | undefined;
  let ai: FakeOpenAi | undefined;
  let sql: postgres.Sql | undefined;
  let queueConnection: Redis | undefined;
  let queue: Queue | undefined;
  const workers: SpawnedWorker[] = [];
  let env: Record<string, string>;

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
      RUN_WORKERS: 'false',
      // A job left behind by a dead worker would be taken for stalled within seconds (and show it in BullMQ).
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'info',
    };
    api = await spawnApi(env);
    queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: `${prefix}bull` });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.kill()));
    await api?.stop();
    await queue?.close().catch(() => {});
    queueConnection?.disconnect();
    await ai?.close();
    await sql?.end({ timeout: 1 });
    await database?.drop();
    await deleteRedisKeys(REDIS_URL, prefix);
  });

  const row = async (id: string) => {
    const [found] = await sql!<{ status: string; attempts: number; started_at: Date | null; output: Json | null }[]>`
      select status, attempts, started_at, output from jobs where id = ${id}`;
    return found!;
  };

  it('finishes the job in hand, leaves the queued ones for the next worker, and each runs once', async () => {
    const url = api!.url;
    const alice = await signIn(url, 'alice');
    const bob = await signIn(url, 'bob');
    const conversationId = (await post(url, CreateGroup, { members: [bob.id] }, alice.token)).data!.createConversation.id;
    const reply = Array.from({ length: 15 }, (_, i) => `word${i + 1}`).join(' ') + '.';
    ai!.reply(reply, { tokenDelayMs: 150 });
    const tag = randomBytes(3).toString('hex');
    const submit = async (prompt: string) => {
      const answer = await post(url, Submit, { input: { conversationId, prompt } }, alice.token);
      expect(answer.data?.submitJob.status, answer.text).toBe('QUEUED');
      return answer.data!.submitJob.id;
    };

    // One job at a time: the first is in hand, the next two wait in the queue behind it.
    const first = await spawnWorker({ ...env, WORKER_CONCURRENCY: '1' }, { onSpawn: (w) => workers.push(w) });
    const inHand = await submit(`in hand ${tag}`);
    await ai!.waitFor((r) => r.prompt === `in hand ${tag}` && r.tokensSent >= 2, 'the first job streaming', 30_000);
    const queued = [await submit(`queued A ${tag}`), await submit(`queued B ${tag}`)];

    first.process.kill('SIGTERM');
    const exit = await Promise.race([
      first.exited,
      sleep(45_000).then(() => {
        throw new Error(`worker still running 45 s after SIGTERM:\n${first.output()}`);
      }),
    ]);
    expect(exit, first.output()).toEqual({ code: 0, signal: null });

    // It finished the one in hand, and did not start (or take and drop) the queued ones.
    expect((await row(inHand)).status).toBe('completed');
    for (const id of queued) {
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0, started_at: null });
      const bull = await queue!.getJob(id);
      expect(['waiting', 'prioritized']).toContain(await bull!.getState());
    }
    expect(ai!.requests.filter((r) => r.prompt.startsWith('queued') && r.prompt.endsWith(tag))).toEqual([]);

    // The next worker runs them, each once, without any of them having been taken for stalled.
    await spawnWorker({ ...env, WORKER_CONCURRENCY: '2' }, { onSpawn: (w) => workers.push(w) });
    for (const id of queued) {
      const done = await eventually(
        async () => {
          const current = await row(id);
          return ['queued', 'active'].includes(current.status) ? undefined : current;
        },
        () => `job ${id} to finish`,
        60_000,
      );
      expect(done).toMatchObject({ status: 'completed', attempts: 1, output: expect.objectContaining({ response: reply }) });
      // BullMQ marks the job completed once the processor has returned, a moment after the row was.
      const bull = await eventually(
        async () => {
          const job = await queue!.getJob(id);
          return (await job?.getState()) === 'completed' ? job : undefined;
        },
        () => `BullMQ to mark job ${id} completed`,
        10_000,
      );
      expect(bull.attemptsStarted).toBe(1);
      expect(bull.stalledCounter).toBe(0);
    }
    for (const prompt of [`in hand ${tag}`, `queued A ${tag}`, `queued B ${tag}`]) {
      expect(ai!.requests.filter((r) => r.prompt === prompt).map((r) => r.outcome)).toEqual(['completed']);
    }
    const [replies] = await sql!<{ n: number }[]>`
      select count(*)::int as n from messages where conversation_id = ${conversationId} and client_message_id like 'job:%'`;
    expect(replies!.n).toBe(3);
  }, 180_000);
});
