/**
 * The soak scenario, shared by `npm run soak` (bench/soak.ts: minutes, memory figures) and test/soak.test.ts (seconds,
 * correctness only).
 *
 * Two real API processes (`src/main.ts`) on a fresh Postgres database and one Redis. Every client is a user who is a
 * member of a few conversations; it keeps one graphql-ws socket (on one process at a time) with one subscription per
 * conversation (`messageAdded` for even clients, `conversationEvents` for odd ones) and sends messages over HTTP to
 * either process at a steady rate, each with a clientMessageId (now and then sent twice, as a retry would, and now and
 * then followed by a read receipt). Every so often a client drops its socket (completing its subscriptions, closing the
 * socket, or killing the TCP connection outright), stays away a moment while the others keep sending, and comes back on
 * the other process, resuming every subscription with `after: <last cursor it saw>`.
 *
 * At the end: every acknowledged send is stored exactly once (counted by clientMessageId in Postgres), and every
 * subscription chain (one client's subscriptions to one conversation, across its reconnects) received exactly the
 * conversation's log after its start, in sequence order: no duplicate, no gap. The API processes' RSS is sampled
 * throughout, and through the inspector (`--inspect` on 127.0.0.1) their V8 heap and open TCP sockets, and now and then
 * the heap right after a full garbage collection: the live heap, the figure that shows a leak.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signAccessToken } from '../../src/auth/sign.ts';
import { createTestDatabase, migrateDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { spawnApi, type SpawnedApi } from '../../test/helpers/processes.ts';
import { deleteRedisKeys } from '../../test/helpers/redis-keys.ts';
import { Inspector } from './inspector.ts';

export interface SoakOptions {
  /** How long clients send and reconnect (the load phase). */
  durationMs: number;
  clients: number;
  conversations: number;
  /** Conversations each client is a member of (at most `conversations`). */
  membershipsPerClient: number;
  /** Mean pause between one client's sends (each pause is 50–150% of it). */
  sendIntervalMs: number;
  /** Mean time a client stays connected before it drops its socket (50–150% of it). */
  reconnectIntervalMs: number;
  /** How long a dropped client stays away: uniform in [min, max]. */
  offlineMs: [number, number];
  /** Share of sends repeated with the same clientMessageId, as a client retrying after a lost response would. */
  retryShare: number;
  /** Share of sends followed by markConversationRead (a ReadReceipt event for conversationEvents subscribers). */
  readShare: number;
  /** Memory sampling period. */
  sampleIntervalMs: number;
  /** Also read the V8 heap and open sockets through the inspector (`--inspect=127.0.0.1:0`); RSS is always read. */
  heapSamples: boolean;
  /** How often, with heapSamples, a sample first forces a full garbage collection (heapAfterGcMb). */
  gcSampleIntervalMs: number;
  /** How long to wait, after the last send, for every subscriber to catch up. */
  drainTimeoutMs: number;
  /** How long after the clients left to take the last memory sample (0: none). */
  idleMs: number;
  nodeEnv: 'production' | 'test';
  /** DATABASE_POOL_SIZE of each API process (the Postgres is shared with other work: modest by default). */
  databasePoolSize: number;
  redisUrl: string;
  log: (line: string) => void;
}

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  durationMs: 3 * 60_000,
  clients: 50,
  conversations: 10,
  membershipsPerClient: 3,
  sendIntervalMs: 2_500,
  reconnectIntervalMs: 30_000,
  offlineMs: [200, 3_000],
  retryShare: 0.05,
  readShare: 0.05,
  sampleIntervalMs: 5_000,
  heapSamples: true,
  gcSampleIntervalMs: 15_000,
  drainTimeoutMs: 60_000,
  idleMs: 5_000,
  nodeEnv: 'production',
  databasePoolSize: 5,
  redisUrl: 'redis://127.0.0.1:6379',
  log: () => {},
};

export type Phase = 'load' | 'drained' | 'idle';

export interface MemorySample {
  /** Since the start of the load phase. */
  tMs: number;
  phase: Phase;
  process: 'A' | 'B';
  rssMb: number;
  /** V8 heap in use as it happens to be (garbage included). */
  heapUsedMb?: number;
  /** V8 heap in use right after a forced full garbage collection (only in some samples). */
  heapAfterGcMb?: number;
  /** Open TCP sockets (libuv TCPSocketWrap): HTTP and WebSocket connections, Postgres and Redis connections. */
  tcpSockets?: number;
}

export interface ProcessMemory {
  process: 'A' | 'B';
  pid: number;
  rssMb: { start: number; middle: number; end: number; afterIdle: number | null };
  /** RSS read right after the forced collections: the sawtooth between them left out. */
  rssAfterGcMb: { start: number; middle: number; end: number; afterIdle: number | null; slopeSecondHalfMbPerMin: number } | null;
  /** Lowest and highest RSS of any sample in the second half of the load phase. */
  rssRangeSecondHalfMb: { min: number; max: number };
  heapAfterGcMb: { start: number; middle: number; end: number; afterIdle: number | null } | null;
  tcpSockets: { start: number; end: number; afterIdle: number | null } | null;
  /** Least-squares slope over the second half of the load phase, MB per minute. */
  rssSlopeSecondHalfMbPerMin: number;
  heapAfterGcSlopeSecondHalfMbPerMin: number | null;
}

export interface SoakCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SoakResult {
  options: Omit<SoakOptions, 'log'>;
  startedAt: string;
  loadMs: number;
  drainMs: number;
  counts: {
    sendsAcknowledged: number;
    /** Sends repeated with the same clientMessageId on purpose. */
    deliberateRetries: number;
    /** Sends repeated because a request failed. */
    errorRetries: number;
    readReceipts: number;
    storedMessages: number;
    subscriptionChains: number;
    reconnects: number;
    reconnectsByKind: Record<DisconnectKind, number>;
    /** Subscribes made (initial ones and resumes). */
    subscribes: number;
    /** Items every chain should have received, summed. */
    expectedDeliveries: number;
    deliveries: number;
    messageDeliveries: number;
    messagesPerSecond: number;
    /** sendMessage round trips that succeeded (the first send of each message), ms. */
    sendLatencyMs: { p50: number; p95: number; max: number };
  };
  checks: SoakCheck[];
  /** Unexpected errors the clients saw (the first 50). */
  errors: string[];
  apiLog: Record<'A' | 'B', { errorLines: number; warnLines: number; firstErrors: string[] }>;
  memory: ProcessMemory[];
  samples: MemorySample[];
  ok: boolean;
}

type DisconnectKind = 'complete' | 'close' | 'terminate';
type Via = 'A' | 'B';
type SubscriptionKind = 'messageAdded' | 'conversationEvents';

interface Chain {
  client: number;
  conversation: number;
  kind: SubscriptionKind;
  /** messageAdded: message ids; conversationEvents: `seq:MessageAdded:<message id>` and the like. */
  items: string[];
  cursor: string;
}

interface Conversation {
  id: string;
  startSeq: number;
  startCursor: string;
}

interface SoakClient {
  index: number;
  userId: string;
  token: string;
  kind: SubscriptionKind;
  conversations: number[];
  via: Via;
  connection: Connection | null;
  chains: Chain[];
  sent: number;
}

interface Connection {
  via: Via;
  client: Client;
  socket: WebSocket | null;
  closed: boolean;
  unsubscribes: (() => void)[];
}

const ME = 'query SoakMe { me { id } }';
const CREATE = `mutation SoakCreate($name: String!, $members: [ID!]!) {
  createConversation(input: { type: GROUP, name: $name, memberIds: $members }) { id }
}`;
const SEND = `mutation SoakSend($conversationId: ID!, $content: String!, $clientMessageId: String) {
  sendMessage(input: { conversationId: $conversationId, content: $content, clientMessageId: $clientMessageId }) {
    id cursor clientMessageId
  }
}`;
const READ = `mutation SoakRead($conversationId: ID!, $messageId: ID!) {
  markConversationRead(conversationId: $conversationId, messageId: $messageId) { id }
}`;
const MESSAGE_ADDED = `subscription SoakMessageAdded($conversationId: ID!, $after: String) {
  messageAdded(conversationId: $conversationId, after: $after) { id cursor clientMessageId }
}`;
const CONVERSATION_EVENTS = `subscription SoakEvents($conversationId: ID!, $after: String) {
  conversationEvents(conversationId: $conversationId, after: $after) {
    __typename seq cursor
    ... on MessageAdded { message { id } }
    ... on ReadReceipt { message { id } user { id } }
  }
}`;

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const jitter = (mean: number) => mean * (0.5 + Math.random());
const round1 = (n: number) => Math.round(n * 10) / 10;

function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

export async function runSoak(partial: Partial<SoakOptions> = {}): Promise<SoakResult> {
  const options: SoakOptions = { ...DEFAULT_SOAK_OPTIONS, ...partial };
  const { log } = options;
  const memberships = Math.min(options.membershipsPerClient, options.conversations);
  const runId = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('hex');
  const prefix = `soak-${runId}:`;
  const startedAt = new Date().toISOString();

  let database: TestDatabase | undefined;
  let checker: postgres.Sql | undefined;
  const apis: Partial<Record<Via, SpawnedApi>> = {};
  const clients: SoakClient[] = [];
  const errors: string[] = [];
  const recordError = (message: string) => {
    if (errors.length < 50) errors.push(message);
    else if (errors.length === 50) errors.push('… (more errors left out)');
  };
  const samples: MemorySample[] = [];
  let loadStart = 0;

  const request = async <T>(via: Via, token: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${apis[via]!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    if (body.errors?.length || !body.data) {
      throw new Error(`${via} ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  };

  // ---- memory sampling --------------------------------------------------------------------------------------------

  const inspectors: Partial<Record<Via, Inspector>> = {};
  let lastGc = -Infinity;

  const sample = async (phase: Phase, forceGc = false) => {
    const gc = options.heapSamples && (forceGc || Date.now() - lastGc >= options.gcSampleIntervalMs - 100);
    if (gc) lastGc = Date.now();
    for (const via of ['A', 'B'] as const) {
      const pid = apis[via]?.process.pid;
      if (!pid) continue;
      const entry: MemorySample = { tMs: Date.now() - loadStart, phase, process: via, rssMb: 0 };
      const inspector = inspectors[via];
      try {
        if (inspector) {
          const now = await inspector.state();
          entry.heapUsedMb = round1(now.heapUsed / 2 ** 20);
          entry.tcpSockets = now.sockets;
          if (gc) {
            await inspector.call('HeapProfiler.collectGarbage');
            entry.heapAfterGcMb = round1((await inspector.state()).heapUsed / 2 ** 20);
          }
        }
      } catch (error) {
        log(`memory sample of ${via} incomplete: ${describeError(error)}`);
      }
      // RSS last, so that it reflects the collection when there was one.
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      entry.rssMb = round1(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      samples.push(entry);
    }
  };

  // ---- subscriptions ----------------------------------------------------------------------------------------------

  const conversations: Conversation[] = [];
  let subscribes = 0;
  const reconnectsByKind: Record<DisconnectKind, number> = { complete: 0, close: 0, terminate: 0 };

  const connectClient = (client: SoakClient, via: Via) => {
    // A client has one connection at a time: a second one would deliver everything twice.
    disconnectClient(client, 'close');
    let socket: WebSocket | null = null;
    class CapturingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        socket = this;
      }
    }
    const connection: Connection = {
      via,
      client: createClient({
        url: `${apis[via]!.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: CapturingWebSocket,
        connectionParams: { authorization: `Bearer ${client.token}` },
        retryAttempts: 0,
        lazy: true,
      }),
      get socket() {
        return socket;
      },
      closed: false,
      unsubscribes: [],
    };
    client.via = via;
    client.connection = connection;
    let failed = false;
    // Something ended this socket's subscriptions that the client did not ask for: noted, then resumed like a drop.
    const unexpected = (chain: Chain, what: string) => {
      if (connection.closed) return;
      recordError(`client ${client.index} on ${via}, conversation ${chain.conversation}: ${what}`);
      if (failed) return;
      failed = true;
      void (async () => {
        disconnectClient(client, 'close');
        await sleep(500);
        if (client.connection === null) connectClient(client, via);
      })();
    };
    for (const chain of client.chains) {
      const conversation = conversations[chain.conversation]!;
      subscribes += 1;
      const unsubscribe = connection.client.subscribe<Record<string, unknown>>(
        {
          query: chain.kind === 'messageAdded' ? MESSAGE_ADDED : CONVERSATION_EVENTS,
          variables: { conversationId: conversation.id, after: chain.cursor },
        },
        {
          next: (result) => {
            // Whatever a socket we gave up on still delivers does not count: the resume starts from what was recorded.
            if (connection.closed) return;
            if (result.errors?.length || !result.data) {
              unexpected(chain, `errors ${JSON.stringify(result.errors)}`);
              return;
            }
            if (chain.kind === 'messageAdded') {
              const message = result.data.messageAdded as { id: string; cursor: string };
              chain.items.push(message.id);
              chain.cursor = message.cursor;
            } else {
              const event = result.data.conversationEvents as {
                __typename: string;
                seq: number;
                cursor: string;
                message?: { id: string };
              };
              chain.items.push(`${event.seq}:${event.__typename}:${event.message?.id ?? ''}`);
              chain.cursor = event.cursor;
            }
          },
          error: (error) => unexpected(chain, `error ${describeError(error)}`),
          complete: () => unexpected(chain, 'completed by the server'),
        },
      );
      connection.unsubscribes.push(unsubscribe);
    }
  };

  const disconnectClient = (client: SoakClient, kind: DisconnectKind) => {
    const connection = client.connection;
    if (!connection) return;
    connection.closed = true;
    client.connection = null;
    if (kind === 'complete') for (const unsubscribe of connection.unsubscribes) unsubscribe();
    if (kind === 'terminate') connection.socket?.terminate();
    void connection.client.dispose();
  };

  // ---- the run ----------------------------------------------------------------------------------------------------

  let stopping = false;
  let sendsAcknowledged = 0;
  let deliberateRetries = 0;
  let errorRetries = 0;
  let readReceipts = 0;
  const sendLatencies: number[] = [];
  /** clientMessageId -> the message id the API answered with. */
  const acknowledged = new Map<string, { id: string; conversation: number }>();
  let loadMs = 0;
  const checks: SoakCheck[] = [];
  const apiLog = {} as SoakResult['apiLog'];

  try {
    database = await createTestDatabase('uvian_soak');
    // The connection the checks read through, taken now: a shared Postgres may have none left at the end.
    checker = postgres(database.url, { max: 1, onnotice: () => {} });
    await checker`select 1`;
    await migrateDatabase(database.url);
    const env = {
      NODE_ENV: options.nodeEnv,
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(options.databasePoolSize),
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: prefix,
      SUPABASE_JWT_SECRET: secret,
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'info',
      ...(options.heapSamples && { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim() }),
    };
    // One at a time, so that each is tracked (and stopped at the end) even when the other fails to start.
    for (const via of ['A', 'B'] as const) apis[via] = await spawnApi(env);
    if (options.heapSamples) {
      for (const via of ['A', 'B'] as const) {
        const url = /Debugger listening on (ws:\/\/\S+)/.exec(apis[via]!.output())?.[1];
        if (!url) throw new Error(`no inspector URL in the output of ${via}:\n${apis[via]!.output()}`);
        inspectors[via] = await Inspector.open(url);
      }
    }
    log(`API processes: A ${apis.A!.url} (pid ${apis.A!.process.pid}), B ${apis.B!.url} (pid ${apis.B!.process.pid})`);

    // Users (profiles are created on first sight, on either process), then conversations with their start messages.
    for (let index = 0; index < options.clients; index += 1) {
      const token = await signAccessToken({ secret, username: `soak_${runId}_${index}` });
      const via: Via = Math.floor(index / 2) % 2 === 0 ? 'A' : 'B';
      const { me } = await request<{ me: { id: string } }>(via, token, ME, {});
      const member = Array.from({ length: memberships }, (_, j) => (index + j) % options.conversations);
      clients.push({
        index,
        userId: me.id,
        token,
        kind: index % 2 === 0 ? 'messageAdded' : 'conversationEvents',
        conversations: member,
        via,
        connection: null,
        chains: [],
        sent: 0,
      });
    }
    for (let k = 0; k < options.conversations; k += 1) {
      const members = clients.filter((c) => c.conversations.includes(k));
      const [creator, ...others] = members;
      if (!creator) throw new Error(`conversation ${k} has no member: use more clients or memberships`);
      const { createConversation } = await request<{ createConversation: { id: string } }>('A', creator.token, CREATE, {
        name: `Soak ${k}`,
        members: others.map((c) => c.userId),
      });
      const { sendMessage } = await request<{ sendMessage: { id: string; cursor: string } }>('B', creator.token, SEND, {
        conversationId: createConversation.id,
        content: `start of soak conversation ${k}`,
        clientMessageId: `start-${runId}-${k}`,
      });
      conversations.push({ id: createConversation.id, startSeq: -1, startCursor: sendMessage.cursor });
    }
    for (const client of clients) {
      client.chains = client.conversations.map((k) => ({
        client: client.index,
        conversation: k,
        kind: client.kind,
        items: [],
        cursor: conversations[k]!.startCursor,
      }));
      connectClient(client, client.via);
    }
    log(
      `${options.clients} clients, ${options.conversations} conversations, ${clients.reduce((n, c) => n + c.chains.length, 0)} subscriptions; ` +
        `load for ${Math.round(options.durationMs / 1000)} s`,
    );

    // ---- load ---------------------------------------------------------------------------------------------------
    loadStart = Date.now();
    let sampling = true;
    const sampler = (async () => {
      for (let first = true; sampling; first = false) {
        const next = Date.now() + options.sampleIntervalMs;
        await sample('load', first);
        await sleep(Math.max(0, next - Date.now()));
      }
    })();
    const progress = setInterval(() => {
      const deliveries = clients.reduce((n, c) => n + c.chains.reduce((m, ch) => m + ch.items.length, 0), 0);
      const last = samples.slice(-2).map((s) => `${s.process} ${s.rssMb} MB`).join(', ');
      log(
        `  ${Math.round((Date.now() - loadStart) / 1000)} s: ${sendsAcknowledged} sent, ${deliveries} received, ` +
          `${Object.values(reconnectsByKind).reduce((a, b) => a + b, 0)} reconnects, ${errors.length} errors; RSS ${last}`,
      );
    }, 15_000);

    const sendOne = async (client: SoakClient, conversation: number, clientMessageId: string, content: string) => {
      for (let attempt = 1; ; attempt += 1) {
        const via: Via = Math.random() < 0.5 ? 'A' : 'B';
        const started = performance.now();
        try {
          const { sendMessage } = await request<{ sendMessage: { id: string; clientMessageId: string | null } }>(
            via,
            client.token,
            SEND,
            { conversationId: conversations[conversation]!.id, content, clientMessageId },
          );
          sendLatencies.push(performance.now() - started);
          return sendMessage.id;
        } catch (error) {
          recordError(`client ${client.index} sendMessage ${clientMessageId} via ${via} (attempt ${attempt}): ${describeError(error)}`);
          if (attempt >= 5) return undefined;
          errorRetries += 1;
          await sleep(500 * attempt);
        }
      }
    };

    const sender = async (client: SoakClient) => {
      // Spread the first sends over one interval so that the clients do not send in lockstep.
      await sleep(Math.random() * options.sendIntervalMs);
      while (!stopping) {
        const conversation = client.conversations[Math.floor(Math.random() * client.conversations.length)]!;
        const clientMessageId = `soak-${runId}-${client.index}-${client.sent}`;
        client.sent += 1;
        const content = `message ${client.sent} from client ${client.index} to conversation ${conversation}: ${randomBytes(24).toString('base64')}`;
        const id = await sendOne(client, conversation, clientMessageId, content);
        if (id) {
          sendsAcknowledged += 1;
          acknowledged.set(clientMessageId, { id, conversation });
          if (Math.random() < options.retryShare) {
            deliberateRetries += 1;
            const again = await sendOne(client, conversation, clientMessageId, content);
            if (again && again !== id) {
              recordError(`client ${client.index}: retry of ${clientMessageId} returned ${again}, not ${id}`);
            }
          }
          if (Math.random() < options.readShare) {
            try {
              await request(Math.random() < 0.5 ? 'A' : 'B', client.token, READ, {
                conversationId: conversations[conversation]!.id,
                messageId: id,
              });
              readReceipts += 1;
            } catch (error) {
              recordError(`client ${client.index} markConversationRead: ${describeError(error)}`);
            }
          }
        }
        await sleep(jitter(options.sendIntervalMs));
      }
    };

    const kinds: DisconnectKind[] = ['complete', 'close', 'terminate'];
    const reconnector = async (client: SoakClient) => {
      let turn = client.index % kinds.length;
      for (;;) {
        // Sleep in steps so that the end of the load phase is not held up by a long pause.
        const until = Date.now() + jitter(options.reconnectIntervalMs);
        while (!stopping && Date.now() < until) await sleep(Math.min(250, until - Date.now()));
        if (stopping) return;
        const kind = kinds[turn % kinds.length]!;
        turn += 1;
        disconnectClient(client, kind);
        reconnectsByKind[kind] += 1;
        const [min, max] = options.offlineMs;
        await sleep(min + Math.random() * (max - min));
        // Always back, even when the load phase ended meanwhile: the drain needs everyone subscribed.
        connectClient(client, client.via === 'A' ? 'B' : 'A');
      }
    };

    const senders = clients.map((c) => sender(c));
    const reconnectors = clients.map((c) => reconnector(c));
    await sleep(options.durationMs);
    stopping = true;
    await Promise.all([...senders, ...reconnectors]);
    loadMs = Date.now() - loadStart;
    clearInterval(progress);
    sampling = false;
    await sampler;
    // The end of the load phase, with a collection: the last load sample.
    await sample('load', true);
    log(`load done after ${Math.round(loadMs / 1000)} s: ${sendsAcknowledged} sends acknowledged; draining`);

    // ---- drain: everything committed, every chain catches up to its conversation's last event -----------------------
    const admin = checker;
    try {
      const expected: { messages: string[]; events: string[] }[] = [];
      for (const conversation of conversations) {
        const start = await admin<{ seq: number }[]>`
          select seq::int as seq from messages where conversation_id = ${conversation.id}
            and client_message_id = ${`start-${runId}-${conversations.indexOf(conversation)}`}`;
        conversation.startSeq = start[0]!.seq;
        const events = await admin<{ seq: number; type: string; message_id: string | null }[]>`
          select seq::int as seq, type, message_id::text as message_id from conversation_events
          where conversation_id = ${conversation.id} and seq > ${conversation.startSeq} order by seq`;
        const messages = await admin<{ id: string }[]>`
          select id::text as id from messages
          where conversation_id = ${conversation.id} and seq > ${conversation.startSeq} order by seq`;
        expected.push({
          messages: messages.map((m) => m.id),
          events: events.map((e) => `${e.seq}:${EVENT_TYPE_NAMES[e.type] ?? e.type}:${e.message_id ?? ''}`),
        });
      }
      const want = (chain: Chain) =>
        chain.kind === 'messageAdded' ? expected[chain.conversation]!.messages : expected[chain.conversation]!.events;
      const chains = clients.flatMap((c) => c.chains);
      const caughtUp = (chain: Chain) => {
        const list = want(chain);
        return list.length === 0 || chain.items.at(-1) === list.at(-1);
      };
      const drainStart = Date.now();
      while (!chains.every(caughtUp) && Date.now() - drainStart < options.drainTimeoutMs) await sleep(200);
      // A moment more, for anything that would arrive twice after the last item.
      await sleep(1_000);
      const drainMs = Date.now() - drainStart;
      await sample('drained', true);
      for (const client of clients) disconnectClient(client, 'close');
      log(`drained in ${Math.round(drainMs / 1000)} s; clients disconnected`);

      // ---- checks ----------------------------------------------------------------------------------------------
      // 1. Every acknowledged send stored exactly once, as the message the API answered with.
      const stored = await admin<{ client_message_id: string; n: number; ids: string[] }[]>`
        select client_message_id, count(*)::int as n, array_agg(id::text) as ids from messages
        where client_message_id like ${`soak-${runId}-%`} group by client_message_id`;
      const storedById = new Map(stored.map((row) => [row.client_message_id, row]));
      const missing: string[] = [];
      const duplicated: string[] = [];
      const mismatched: string[] = [];
      for (const [clientMessageId, { id }] of acknowledged) {
        const row = storedById.get(clientMessageId);
        if (!row) missing.push(clientMessageId);
        else if (row.n !== 1) duplicated.push(`${clientMessageId} x${row.n}`);
        else if (row.ids[0] !== id) mismatched.push(`${clientMessageId}: stored ${row.ids[0]}, answered ${id}`);
      }
      const unacknowledged = stored.filter((row) => !acknowledged.has(row.client_message_id));
      const storedMessages = stored.reduce((n, row) => n + row.n, 0);
      checks.push({
        name: 'every acknowledged send stored exactly once',
        ok: missing.length + duplicated.length + mismatched.length === 0 && acknowledged.size > 0,
        detail:
          `${acknowledged.size} acknowledged, ${storedMessages} stored (${stored.length} clientMessageIds); ` +
          `missing ${missing.length}, duplicated ${duplicated.length}, other id ${mismatched.length}, ` +
          `stored but never acknowledged ${unacknowledged.length}` +
          listSome(' — ', [...missing, ...duplicated, ...mismatched]),
      });

      // 2. Every chain: exactly the conversation's log after its start, in order.
      let chainFailures = 0;
      const chainProblems: string[] = [];
      let expectedDeliveries = 0;
      for (const chain of chains) {
        const list = want(chain);
        expectedDeliveries += list.length;
        if (sameList(chain.items, list)) continue;
        chainFailures += 1;
        const seen = new Set<string>();
        const duplicates = chain.items.filter((item) => (seen.has(item) ? true : (seen.add(item), false)));
        const expectedSet = new Set(list);
        const gaps = list.filter((item) => !seen.has(item));
        const extra = [...seen].filter((item) => !expectedSet.has(item));
        const firstDiff = chain.items.findIndex((item, i) => item !== list[i]);
        if (chainProblems.length < 20) {
          chainProblems.push(
            `client ${chain.client} (${chain.kind}) conversation ${chain.conversation}: received ${chain.items.length}, ` +
              `expected ${list.length}; duplicates ${duplicates.length}${listSome(' ', duplicates)}, ` +
              `missing ${gaps.length}${listSome(' ', gaps)}, unexpected ${extra.length}${listSome(' ', extra)}, ` +
              `first difference at ${firstDiff}`,
          );
        }
      }
      checks.push({
        name: 'every subscriber received its conversation exactly once, in sequence order, across resumes',
        ok: chainFailures === 0,
        detail: `${chains.length} chains, ${chainFailures} wrong` + (chainProblems.length ? `: ${chainProblems.join('; ')}` : ''),
      });
      checks.push({
        name: 'no unexpected error (sends, subscriptions, sockets)',
        ok: errors.length === 0,
        detail: errors.length === 0 ? 'none' : `${errors.length}: ${errors.slice(0, 5).join(' | ')}`,
      });

      // ---- after the clients left ------------------------------------------------------------------------------
      if (options.idleMs > 0) {
        await sleep(options.idleMs);
        await sample('idle', true);
      }

      for (const via of ['A', 'B'] as const) {
        const lines = apis[via]!.output().split('\n');
        const levelOf = (line: string) => Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
        const errorLines = lines.filter((line) => levelOf(line) >= 50);
        apiLog[via] = {
          errorLines: errorLines.length,
          warnLines: lines.filter((line) => levelOf(line) === 40).length,
          firstErrors: errorLines.slice(0, 5),
        };
      }
      checks.push({
        name: 'no error logged by the API processes',
        ok: apiLog.A.errorLines + apiLog.B.errorLines === 0,
        detail: `A ${apiLog.A.errorLines}, B ${apiLog.B.errorLines}` + listSome(' — ', [...apiLog.A.firstErrors, ...apiLog.B.firstErrors]),
      });

      // Nobody watches a conversation any more: no process still holds its Redis channel (a subscription left behind
      // would). The last sockets' cleanup is asynchronous, so this waits a little for it.
      const held = await conversationChannels(options.redisUrl, prefix, conversations.map((c) => c.id), 10_000);
      checks.push({
        name: 'every conversation channel released once the clients left',
        ok: held.length === 0,
        detail: held.length === 0 ? 'none held' : `${held.length} still subscribed: ${held.join(', ')}`,
      });

      const deliveries = chains.reduce((n, c) => n + c.items.length, 0);
      const messageDeliveries = chains.reduce(
        (n, c) => n + (c.kind === 'messageAdded' ? c.items.length : c.items.filter((i) => i.includes(':MessageAdded:')).length),
        0,
      );
      const memory = (['A', 'B'] as const).map((via) => summarise(via, apis[via]!.process.pid!, samples, loadMs));
      const counts: SoakResult['counts'] = {
        sendsAcknowledged,
        deliberateRetries,
        errorRetries,
        readReceipts,
        storedMessages,
        subscriptionChains: chains.length,
        reconnects: Object.values(reconnectsByKind).reduce((a, b) => a + b, 0),
        reconnectsByKind,
        subscribes,
        expectedDeliveries,
        deliveries,
        messageDeliveries,
        messagesPerSecond: round1(sendsAcknowledged / (loadMs / 1000)),
        sendLatencyMs: percentiles(sendLatencies),
      };
      const recorded = Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'log')) as Omit<SoakOptions, 'log'>;
      return {
        options: recorded,
        startedAt,
        loadMs,
        drainMs,
        counts,
        checks,
        errors,
        apiLog,
        memory,
        samples,
        ok: checks.every((c) => c.ok),
      };
    } finally {
      await admin.end();
    }
  } catch (error) {
    // The run broke off (an API process failed a setup request, say): what the processes logged as errors says why.
    for (const [via, api] of Object.entries(apis)) {
      const errorLines = api.output().split('\n').filter((line) => Number(/"level":(\d+)/.exec(line)?.[1] ?? 0) >= 50);
      for (const line of errorLines.slice(0, 10)) log(`API ${via} logged: ${line}`);
    }
    throw error;
  } finally {
    stopping = true;
    for (const client of clients) disconnectClient(client, 'close');
    for (const inspector of Object.values(inspectors)) inspector.close();
    await checker?.end();
    await Promise.allSettled(Object.values(apis).map((api) => api.stop()));
    await database?.drop().catch((error: unknown) => log(`could not drop ${database?.name}: ${describeError(error)}`));
    await deleteRedisKeys(options.redisUrl, prefix).catch((error: unknown) => log(`Redis cleanup failed: ${describeError(error)}`));
  }
}

const EVENT_TYPE_NAMES: Record<string, string> = {
  message_added: 'MessageAdded',
  message_edited: 'MessageEdited',
  message_deleted: 'MessageDeleted',
  read_receipt: 'ReadReceipt',
  member_joined: 'MemberJoined',
  member_left: 'MemberLeft',
};

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1) ?? 0) };
}

function sameList(a: string[], b: string[]) {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function listSome(lead: string, items: string[], max = 5) {
  if (items.length === 0) return '';
  return `${lead}[${items.slice(0, max).join(', ')}${items.length > max ? ', …' : ''}]`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  // graphql-ws passes CloseEvents and GraphQL error arrays.
  if (error && typeof error === 'object' && 'code' in error) {
    const close = error as { code: number; reason?: string };
    return `socket closed ${close.code} ${close.reason ?? ''}`.trim();
  }
  return JSON.stringify(error);
}

export function summarise(via: Via, pid: number, samples: MemorySample[], loadMs: number): ProcessMemory {
  const load = samples.filter((s) => s.process === via && s.phase === 'load');
  const idle = samples.find((s) => s.process === via && s.phase === 'idle') ?? null;
  const nearest = (list: MemorySample[], t: number) =>
    list.reduce((best, s) => (Math.abs(s.tMs - t) < Math.abs(best.tMs - t) ? s : best), list[0]!);
  const perMinute = (list: MemorySample[], pick: (s: MemorySample) => number) =>
    Math.round(slope(list.filter((s) => s.tMs >= loadMs / 2).map((s) => ({ x: s.tMs / 60_000, y: pick(s) }))) * 100) / 100;
  const collected = load.filter((s) => s.heapAfterGcMb !== undefined);
  const sockets = load.filter((s) => s.tcpSockets !== undefined);
  return {
    process: via,
    pid,
    rssMb: {
      start: load[0]!.rssMb,
      middle: nearest(load, loadMs / 2).rssMb,
      end: load.at(-1)!.rssMb,
      afterIdle: idle?.rssMb ?? null,
    },
    rssAfterGcMb:
      collected.length > 0
        ? {
            start: collected[0]!.rssMb,
            middle: nearest(collected, loadMs / 2).rssMb,
            end: collected.at(-1)!.rssMb,
            afterIdle: idle?.heapAfterGcMb !== undefined ? idle.rssMb : null,
            slopeSecondHalfMbPerMin: perMinute(collected, (s) => s.rssMb),
          }
        : null,
    rssRangeSecondHalfMb: {
      min: Math.min(...load.filter((s) => s.tMs >= loadMs / 2).map((s) => s.rssMb)),
      max: Math.max(...load.filter((s) => s.tMs >= loadMs / 2).map((s) => s.rssMb)),
    },
    heapAfterGcMb:
      collected.length > 0
        ? {
            start: collected[0]!.heapAfterGcMb!,
            middle: nearest(collected, loadMs / 2).heapAfterGcMb!,
            end: collected.at(-1)!.heapAfterGcMb!,
            afterIdle: idle?.heapAfterGcMb ?? null,
          }
        : null,
    tcpSockets:
      sockets.length > 0
        ? { start: sockets[0]!.tcpSockets!, end: sockets.at(-1)!.tcpSockets!, afterIdle: idle?.tcpSockets ?? null }
        : null,
    rssSlopeSecondHalfMbPerMin: perMinute(load, (s) => s.rssMb),
    heapAfterGcSlopeSecondHalfMbPerMin: collected.length > 1 ? perMinute(collected, (s) => s.heapAfterGcMb!) : null,
  };
}

/** The Redis channels (under `prefix`) of these conversations that some process still subscribes to, once that is none or the time is up. */
async function conversationChannels(url: string, prefix: string, conversationIds: string[], timeoutMs: number) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const channels = (await redis.pubsub('CHANNELS', `${prefix}*`)) as string[];
      const held = channels.filter((channel) => conversationIds.some((id) => channel.includes(id)));
      if (held.length === 0 || Date.now() > deadline) return held;
      await sleep(250);
    }
  } finally {
    redis.disconnect();
  }
}

