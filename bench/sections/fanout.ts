/**
 * Fan-out section of the benchmark suite: one sender, N watchers of one conversation, for three systems one after
 * another in the same run on the same machine, Postgres and Redis:
 *
 *   - ours: two API processes (src/main.ts, production mode), watchers on graphql-ws `messageAdded`, split over both;
 *   - Socket.IO: two bench/peers/socketio-server.ts processes with the Redis adapter, watchers joined to the room;
 *   - bare ws: one bench/peers/bare-ws-server.ts process broadcasting the received bytes (the floor).
 *
 * Sender and watchers live in this (load) process, so latency send -> receive is on one clock. All clients are raw
 * `ws` sockets without compression speaking each protocol by hand (graphql-transport-ws, Engine.IO 4 / Socket.IO 5),
 * which keeps the load generator light and equal for all three.
 *
 * Also runnable on its own (npm run bench:fanout):
 *   tsx bench/sections/fanout.ts [--sizes 1000,5000,10000] [--messages 30] [--interval 100] [--pace delivered|accepted]
 *                                [--systems ours,socketio,ws]
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signAccessToken } from '../../src/auth/sign.ts';
import {
  BENCH_JWT_SECRET,
  nodeArgsFor,
  ROOT,
  freshRedisPrefix,
  rssMb,
  startApi,
  startProcess,
  startWorker,
  stopAll,
  type ApiProcess,
} from '../lib/api-process.ts';
import { cleanupAll, installSignalCleanup } from '../lib/cleanup.ts';
import { startHeapProfiles } from '../lib/heap-profiles.ts';
import { INSPECT_FLAG } from '../lib/inspector.ts';
import { createBenchDatabase } from '../lib/database.ts';
import { seqCursor } from '../lib/graphql-ws.ts';
import { describeMachine, renderMarkdown, type RunReport } from '../lib/report.ts';
import { percentile, sleep } from '../lib/stats.ts';
import type { BenchContext, BenchSection, BenchTarget } from '../lib/types.ts';

export type SystemName = 'ours' | 'socketio' | 'ws';

export interface FanoutOptions {
  sizes: number[];
  messages: number;
  intervalMs: number;
  /**
   * When the next message goes: `delivered` (default), intervalMs after the previous one reached every watcher and was
   * accepted; `accepted`, intervalMs after the system accepted it (mutation response, ack; bare ws: written), so
   * overlapping fan-outs queue up, and a system that answers later is offered fewer messages per second.
   */
  pace?: 'delivered' | 'accepted';
  /** Idle time after the last watcher is ready, before the memory reading (default 2,000 ms). */
  settleMs?: number;
  systems: SystemName[];
  redisUrl: string;
  log(line: string): void;
}

export interface FanoutResult {
  watchers: number;
  system: SystemName;
  processes: number;
  messages: number;
  expected: number;
  delivered: number;
  deliveredRatio: number;
  /** Watchers that did not receive every message exactly once. */
  incompleteWatchers: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Per measured message, in send order: its first and its last delivery (ms after the send). A tail shows which. */
  perMessageMs: Array<{ first: number; last: number }>;
  deliveriesPerSecond: number;
  /** Messages sent per second over the send phase (the pace is the sender's, see FanoutOptions.pace). */
  messagesPerSecond: number;
  /**
   * Server RSS growth from before the watchers connected to after, over N (summed over the system's processes), both
   * readings taken after a full garbage collection in every server process: what idle subscribed connections hold.
   */
  memoryPerConnectionKb: number;
  /** The same growth read before that collection, 2 s after the last watcher was ready (garbage of the connects included). */
  memoryBeforeGcPerConnectionKb: number;
  /** Size of one delivered message frame as the watcher receives it. */
  frameBytes: number;
  connectSeconds: number;
  /** Watcher connections that failed and were retried (see CONNECT_ATTEMPTS); the error is logged. */
  connectRetries: number;
  /** The load process during the send phase: event-loop utilisation, CPU share of one core, CPU per delivery. */
  load: { elu: number; cpu: number; cpuPerDeliveryUs: number; loopDelayP99Ms: number; framesPerDelivery: number };
  /** CPU seconds the system's server processes used during the send phase. */
  serverCpuSeconds: number;
  /** The same per server process, by its label (api-0, api-1, worker; socketio-0, …). */
  serverCpuByProcess: Record<string, number>;
  /** The machine's 1-minute load average when the send phase began (other work on the host shows here). */
  hostLoadAverage: number;
  /** Seconds per phase (seed, start, connect, idle, warm-up, send, drain). */
  phases: Record<string, number>;
}

/** A measurement that could not be completed (the run goes on with the next one). */
export interface FanoutFailure {
  watchers: number;
  system: SystemName;
  error: string;
}

const SYSTEM_LABEL: Record<SystemName, string> = {
  ours: 'ours (graphql-ws, 2 processes)',
  socketio: 'Socket.IO + Redis adapter (2 processes)',
  ws: 'bare ws (1 process, floor)',
};

export const CONVERSATION = 'b0000000-0000-4000-8000-000000000001';
const START_MESSAGE = 'c0000000-0000-4000-8000-000000000001';
const CONNECT_BATCH = 200;
/** Postgres connections per server process, ours and Socket.IO alike (the API's default). */
const POOL_SIZE = 10;
/** Attempts per watcher connection; retries are counted and reported (a shared Postgres may refuse connections). */
const CONNECT_ATTEMPTS = 3;
const WARMUP = 'warm-up';
export const userId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

// ---------------------------------------------------------------------------------------------------------------
// Server processes

/** utime + stime of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// ---------------------------------------------------------------------------------------------------------------
// Clients: one per watcher, each protocol by hand on a raw ws socket

type OnReceive = (content: string, at: number, bytes: number, watcher: number) => void;

/**
 * The message content of a delivery frame without parsing the whole frame (the same cost for every protocol: the load
 * generator should measure the servers, not JSON.parse). Contents here never contain quotes or escapes.
 */
function contentOf(text: string): string | undefined {
  const at = text.indexOf('"content":"');
  if (at === -1) return undefined;
  return text.slice(at + 11, text.indexOf('"', at + 11));
}

/** Every frame any watcher received (deliveries, pings, anything else), to check frames per delivery. */
let framesReceived = 0;

function openSocket(url: string, protocol?: string): WebSocket {
  return new WebSocket(url, protocol, { perMessageDeflate: false });
}

/** graphql-transport-ws with one messageAdded subscription; ready once the replay of the start message arrived. */
export function watchOurs(url: string, token: string, index: number, onReceive: OnReceive): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = openSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      framesReceived += 1;
      const text = data.toString();
      const content = contentOf(text);
      if (content !== undefined) {
        if (content === 'start') resolve(socket);
        else onReceive(content, at, data.length, index);
        return;
      }
      const message = JSON.parse(text);
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: {
              query: `subscription($c: ID!, $a: String) { messageAdded(conversationId: $c, after: $a) { id content type createdAt } }`,
              variables: { c: CONVERSATION, a: seqCursor(0) },
            },
          }),
        );
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'error' || message.type === 'next') {
        reject(new Error(`subscription error: ${text}`));
      }
    });
    socket.on('error', reject);
    socket.on('close', (code) => reject(new Error(`socket closed before ready (${code})`)));
  });
}

interface AckResponse {
  ok?: boolean;
  id?: string;
  error?: string;
}

/**
 * Engine.IO 4 / Socket.IO 5 over a websocket: "0{open}" from the server, "40{auth}" to connect to the main namespace,
 * "42[event,data]" events, "42<id>[...]" with an ack answered by "43<id>[...]", "2" pings answered with "3".
 */
class SocketIoClient {
  private acks = new Map<number, (value: AckResponse) => void>();
  private nextAck = 0;
  private constructor(readonly socket: WebSocket) {}

  static connect(url: string, token: string, onMessage?: (content: string, at: number, bytes: number) => void) {
    return new Promise<SocketIoClient>((resolve, reject) => {
      const socket = openSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
      const client = new SocketIoClient(socket);
      socket.on('message', (data: Buffer) => {
        const at = performance.now();
        framesReceived += 1;
        const text = data.toString();
        if (text.startsWith('42["new_message"')) {
          onMessage?.(contentOf(text)!, at, data.length);
        } else if (text === '2') {
          socket.send('3');
        } else if (text.startsWith('43')) {
          const bracket = text.indexOf('[');
          const id = Number(text.slice(2, bracket));
          const [response] = JSON.parse(text.slice(bracket));
          client.acks.get(id)?.(response);
          client.acks.delete(id);
        } else if (text.startsWith('0')) {
          socket.send(`40${JSON.stringify({ token })}`);
        } else if (text.startsWith('40')) {
          resolve(client);
        } else if (text.startsWith('44')) {
          reject(new Error(`Socket.IO connect refused: ${text.slice(2)}`));
        }
      });
      socket.on('error', reject);
      socket.on('close', (code) => reject(new Error(`socket closed before connect (${code})`)));
    });
  }

  emitWithAck(event: string, data: unknown): Promise<AckResponse> {
    const id = this.nextAck++;
    return new Promise((resolve) => {
      this.acks.set(id, resolve);
      this.socket.send(`42${id}${JSON.stringify([event, data])}`);
    });
  }
}

async function watchSocketIo(url: string, token: string, index: number, onReceive: OnReceive): Promise<WebSocket> {
  const client = await SocketIoClient.connect(url, token, (content, at, bytes) => onReceive(content, at, bytes, index));
  const joined = await client.emitWithAck('join', CONVERSATION);
  if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined)}`);
  return client.socket;
}

function watchBare(url: string, index: number, onReceive: OnReceive): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = openSocket(url.replace('http', 'ws'));
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      framesReceived += 1;
      const text = data.toString();
      if (text === 'ready') return resolve(socket);
      onReceive(contentOf(text)!, at, data.length, index);
    });
    socket.on('error', reject);
    socket.on('close', (code) => reject(new Error(`socket closed before ready (${code})`)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Systems

interface Running {
  services: ApiProcess[];
  watch(index: number, onReceive: OnReceive): Promise<WebSocket>;
  /** Sends message m (resolves once the system accepted it: mutation response, ack, or written). */
  sender(): Promise<{ send(m: number, content: string): Promise<void>; close(): void }>;
}

interface RunShared {
  databaseUrl: string;
  redisUrl: string;
  tokens: string[];
  senderToken: string;
}

const peer = (file: string) => [process.execPath, ...nodeArgsFor({ nodeArgs: [INSPECT_FLAG] }), '--import', 'tsx', `bench/peers/${file}`];

async function startSystem(system: SystemName, shared: RunShared, prefix: string): Promise<Running> {
  if (system === 'ours') {
    // As README's "Running in production" says: API processes without workers, and a worker process beside them
    // (it sends each message's notifications to the members).
    const services = await Promise.all([
      ...[0, 1].map((i) =>
        startApi({
          databaseUrl: shared.databaseUrl,
          redisUrl: shared.redisUrl,
          redisPrefix: prefix,
          poolSize: POOL_SIZE,
          env: { RUN_WORKERS: 'false' },
          label: `api-${i}`,
          nodeArgs: [INSPECT_FLAG],
        }),
      ),
      startWorker({
        databaseUrl: shared.databaseUrl,
        redisUrl: shared.redisUrl,
        redisPrefix: prefix,
        poolSize: POOL_SIZE,
        label: 'worker',
        nodeArgs: [INSPECT_FLAG],
      }),
    ]);
    return {
      services,
      watch: (i, onReceive) => watchOurs(services[i % 2]!.url, shared.tokens[i]!, i, onReceive),
      sender: async () => ({
        async send(m, content) {
          const response = await fetch(`${services[(m + 2) % 2]!.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${shared.senderToken}` },
            body: JSON.stringify({
              query: `mutation($c: ID!, $t: String!) { sendMessage(input: { conversationId: $c, content: $t }) { id } }`,
              variables: { c: CONVERSATION, t: content },
            }),
          });
          const body = (await response.json()) as { errors?: unknown };
          if (!response.ok || body.errors) throw new Error(`sendMessage failed: ${response.status} ${JSON.stringify(body)}`);
        },
        close() {},
      }),
    };
  }
  if (system === 'socketio') {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: shared.databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_URL: shared.redisUrl,
      REDIS_PREFIX: prefix,
      JWT_SECRET: BENCH_JWT_SECRET,
    };
    const services = await Promise.all(
      [0, 1].map((i) => startProcess(peer('socketio-server.ts'), env, `socketio-${i}`)),
    );
    return {
      services,
      watch: (i, onReceive) => watchSocketIo(services[i % 2]!.url, shared.tokens[i]!, i, onReceive),
      sender: async () => {
        const clients = await Promise.all(services.map((service) => SocketIoClient.connect(service.url, shared.senderToken)));
        return {
          async send(m, content) {
            const response = await clients[(m + 2) % 2]!.emitWithAck('send', { conversationId: CONVERSATION, content });
            if (!response.id) throw new Error(`Socket.IO send failed: ${JSON.stringify(response)}`);
          },
          close: () => clients.forEach((client) => client.socket.terminate()),
        };
      },
    };
  }
  const services = [await startProcess(peer('bare-ws-server.ts'), { ...process.env, PORT: '0', HOST: '127.0.0.1' }, 'bare-ws')];
  return {
    services,
    watch: (i, onReceive) => watchBare(services[0]!.url, i, onReceive),
    sender: async () => {
      const socket = await watchBare(services[0]!.url, -1, () => {});
      return {
        async send(m, content) {
          // The same shape and size as the Socket.IO peer's broadcast row.
          socket.send(
            JSON.stringify({
              id: randomUUID(),
              conversationId: CONVERSATION,
              senderId: userId(0),
              content,
              type: 'text',
              seq: m + 3,
              createdAt: new Date().toISOString(),
            }),
          );
        },
        close: () => socket.terminate(),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Data

export async function seed(databaseUrl: string, watchers: number) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`
      truncate profiles, conversations cascade;
      insert into profiles (id, username)
        select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'user_' || i
        from generate_series(0, ${watchers}) as i;
      insert into conversations (id, name, type, creator_id, last_seq, message_count)
        values ('${CONVERSATION}', 'fanout', 'channel', '${userId(0)}', 1, 1);
      insert into conversation_members (conversation_id, user_id, role)
        select '${CONVERSATION}', id, case when username = 'user_0' then 'owner' else 'member' end from profiles;
      insert into messages (id, conversation_id, sender_id, content, seq, ordinal)
        values ('${START_MESSAGE}', '${CONVERSATION}', '${userId(0)}', 'start', 1, 1);
      insert into conversation_events (conversation_id, seq, type, message_id)
        values ('${CONVERSATION}', 1, 'message_added', '${START_MESSAGE}');
    `);
  } finally {
    await sql.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One measurement

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function measure(
  system: SystemName,
  watchers: number,
  shared: RunShared,
  options: FanoutOptions,
): Promise<FanoutResult> {
  const pace = options.pace ?? 'delivered';
  const phases: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Number(((now - phaseStart) / 1000).toFixed(1));
    phaseStart = now;
  };
  if (system !== 'ws') await seed(shared.databaseUrl, watchers);
  phase('seed');
  const prefix = freshRedisPrefix();
  const running = await startSystem(system, shared, prefix);
  phase('start');
  const sockets: WebSocket[] = [];
  let sender: Awaited<ReturnType<Running['sender']>> | undefined;
  try {
    await sleep(500);
    const pids = running.services.map((service) => service.pid);
    const rss = () => pids.reduce((sum, pid) => sum + rssMb(pid) * 1024, 0);
    const collectGarbage = async () => {
      await Promise.all(running.services.map((service) => service.collectGarbage()));
      await sleep(500);
    };
    await collectGarbage();
    const baselineKb = rss();

    const expected = watchers * options.messages;
    const latencies = new Float64Array(expected);
    const perWatcher = new Uint16Array(watchers);
    let delivered = 0;
    let frameBytes = 0;
    let warmedUp = 0;
    const sentAt = new Map<string, { at: number; index: number }>();
    const perMessage = Array.from({ length: options.messages }, () => ({ first: Infinity, last: 0 }));
    const onReceive: OnReceive = (content, at, bytes, watcher) => {
      if (watcher < 0) return;
      if (content === WARMUP) warmedUp += 1;
      const sent = sentAt.get(content);
      if (sent === undefined) return;
      const latency = at - sent.at;
      const message = perMessage[sent.index]!;
      message.first = Math.min(message.first, latency);
      message.last = Math.max(message.last, latency);
      if (delivered < expected) latencies[delivered] = latency;
      delivered += 1;
      perWatcher[watcher]! += 1;
      frameBytes = bytes;
    };

    let connectRetries = 0;
    let lastConnectError = '';
    const connectWatcher = async (index: number): Promise<WebSocket> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await running.watch(index, onReceive);
        } catch (error) {
          if (attempt >= CONNECT_ATTEMPTS) throw error;
          connectRetries += 1;
          lastConnectError = String(error);
          await sleep(1_000);
        }
      }
    };

    phase('settle');
    const connectStarted = performance.now();
    for (let i = 0; i < watchers; i += CONNECT_BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(watchers, i + CONNECT_BATCH); j += 1) batch.push(connectWatcher(j));
      sockets.push(...(await withTimeout(Promise.all(batch), 120_000, `connecting watchers ${i}-${i + batch.length - 1}`)));
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    if (connectRetries > 0) {
      options.log(`fanout: ${watchers} ${system}: ${connectRetries} watcher connections retried (last: ${lastConnectError})`);
    }
    phase('connect');
    await sleep(options.settleMs ?? 2_000);
    const subscribedBeforeGcKb = rss();
    // Every system's servers start the send phase from a collected heap, and the reading is what the connections hold.
    await collectGarbage();
    const subscribedKb = rss();
    sender = await running.sender();
    phase('idle');
    // Messages not measured, one through each process the sender alternates between, so that no system pays for its
    // first-use costs (JIT, lazy modules, a first transaction or queued job) in the figures.
    for (const m of [-1, -2]) {
      warmedUp = 0;
      await sender.send(m, WARMUP);
      const warmupDeadline = Date.now() + 30_000;
      while (warmedUp < watchers && Date.now() < warmupDeadline) await sleep(50);
      if (warmedUp < watchers) options.log(`fanout: ${watchers} ${system}: warm-up reached only ${warmedUp} watchers`);
      await sleep(options.intervalMs);
    }

    // Started before the send phase's baselines are read, so that attaching the profilers is not counted in them.
    const heapProfiles = await startHeapProfiles(running.services);
    const serverCpuBeforeEach = pids.map((pid) => cpuSeconds(pid));
    const serverCpuBefore = serverCpuBeforeEach.reduce((sum, each) => sum + each, 0);
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const eluBefore = performance.eventLoopUtilization();
    const cpuBefore = process.cpuUsage();
    const framesBefore = framesReceived;
    phase('warmup');
    const hostLoadAverage = Number(loadavg()[0]!.toFixed(1));
    const sendStarted = performance.now();
    for (let m = 0; m < options.messages; m += 1) {
      const content = `m${m}-${'x'.repeat(180)}`;
      sentAt.set(content, { at: performance.now(), index: m });
      await sender.send(m, content);
      if (pace === 'delivered') {
        // Every system gets each message from the same state: the previous one fully delivered (or 10 s passed).
        const until = Date.now() + 10_000;
        while (delivered < (m + 1) * watchers && Date.now() < until) await sleep(2);
      }
      await sleep(options.intervalMs);
    }
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    await heapProfiles?.write(`${system}-${watchers}`);
    phase('send');
    // Wait for every delivery; give up after 10 s without progress (or 60 s in all).
    const deadline = Date.now() + 60_000;
    let lastCount = -1;
    let lastProgress = Date.now();
    while (delivered < expected && Date.now() < deadline && Date.now() - lastProgress < 10_000) {
      if (delivered !== lastCount) [lastCount, lastProgress] = [delivered, Date.now()];
      await sleep(50);
    }
    await sleep(200); // late duplicates, if any
    const elapsed = (performance.now() - sendStarted) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const elu = performance.eventLoopUtilization(eluBefore);
    loopDelay.disable();
    phase('drain');
    options.log(`fanout: ${watchers} ${system}: phases (s) ${JSON.stringify(phases)}, Redis prefix ${prefix}`);
    const cpuAfter = pids.map((pid) => cpuSeconds(pid));
    const serverCpuSeconds = cpuAfter.reduce((sum, each) => sum + each, 0) - serverCpuBefore;
    const serverCpuByProcess = Object.fromEntries(
      running.services.map((service, i) => [service.label, Number((cpuAfter[i]! - serverCpuBeforeEach[i]!).toFixed(2))]),
    );
    const loadCpuSeconds = (cpu.user + cpu.system) / 1e6;

    const sorted = Array.from(latencies.slice(0, Math.min(delivered, expected)).sort());
    const incompleteWatchers = perWatcher.reduce((n, count) => n + (count === options.messages ? 0 : 1), 0);
    return {
      watchers,
      system,
      processes: running.services.length,
      messages: options.messages,
      expected,
      delivered,
      deliveredRatio: delivered / expected,
      incompleteWatchers,
      perMessageMs: perMessage.map(({ first, last }) => ({ first: Math.round(first), last: Math.round(last) })),
      latencyMs: {
        p50: Math.round(percentile(sorted, 50)),
        p95: Math.round(percentile(sorted, 95)),
        p99: Math.round(percentile(sorted, 99)),
        max: Math.round(sorted.at(-1) ?? NaN),
      },
      deliveriesPerSecond: Math.round(delivered / elapsed),
      messagesPerSecond: Number((options.messages / sendSeconds).toFixed(2)),
      memoryPerConnectionKb: Math.round((subscribedKb - baselineKb) / watchers),
      memoryBeforeGcPerConnectionKb: Math.round((subscribedBeforeGcKb - baselineKb) / watchers),
      frameBytes,
      connectSeconds: Number(connectSeconds.toFixed(1)),
      connectRetries,
      load: {
        elu: Number(elu.utilization.toFixed(3)),
        cpu: Number((loadCpuSeconds / elapsed).toFixed(3)),
        cpuPerDeliveryUs: delivered > 0 ? Number(((loadCpuSeconds / delivered) * 1e6).toFixed(1)) : NaN,
        loopDelayP99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
        framesPerDelivery: Number(((framesReceived - framesBefore) / Math.max(1, delivered)).toFixed(3)),
      },
      serverCpuSeconds: Number(serverCpuSeconds.toFixed(2)),
      serverCpuByProcess,
      hostLoadAverage,
      phases,
    };
  } finally {
    sender?.close();
    for (const socket of sockets) socket.terminate();
    await stopAll(running.services, options.redisUrl);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The section

/** The section, with every measurement's details (phases, load process, server CPU) under `results`. */
export async function runFanout(
  options: FanoutOptions,
): Promise<BenchSection & { results: FanoutResult[]; failures: FanoutFailure[] }> {
  const database = await createBenchDatabase();
  const results: FanoutResult[] = [];
  const failures: FanoutFailure[] = [];
  try {
    for (const watchers of options.sizes) {
      const needsTokens = options.systems.some((system) => system !== 'ws');
      const tokens = needsTokens
        ? await Promise.all(
            Array.from({ length: watchers }, (_, i) =>
              signAccessToken({ secret: BENCH_JWT_SECRET, username: `user_${i + 1}`, sub: userId(i + 1), expiresIn: '2h' }),
            ),
          )
        : [];
      const senderToken = await signAccessToken({
        secret: BENCH_JWT_SECRET,
        username: 'user_0',
        sub: userId(0),
        expiresIn: '2h',
      });
      const shared: RunShared = { databaseUrl: database.url, redisUrl: options.redisUrl, tokens, senderToken };
      for (const system of options.systems) {
        options.log(`fanout: ${watchers} watchers, ${SYSTEM_LABEL[system]}...`);
        let result: FanoutResult;
        try {
          result = await measure(system, watchers, shared, options);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          options.log(`fanout: ${watchers} ${system}: FAILED: ${message}`);
          failures.push({ watchers, system, error: message.split('\n')[0]!.slice(0, 300) });
          continue;
        }
        options.log(
          `fanout: ${watchers} ${system}: p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
            `delivered ${result.delivered}/${result.expected}, ${result.memoryPerConnectionKb} KB/conn, ` +
            `load ELU ${result.load.elu}, load CPU ${result.load.cpuPerDeliveryUs} µs/delivery; server CPU (s) ` +
            `${JSON.stringify(result.serverCpuByProcess)}; last delivery per message ` +
            `(ms): ${result.perMessageMs.map((each) => each.last).join(' ')}`,
        );
        results.push(result);
      }
    }
  } finally {
    await database.drop();
  }
  if (results.length === 0 && failures.length > 0) throw new Error(`every measurement failed: ${failures[0]!.error}`);
  return { ...toSection(results, failures, options), results, failures };
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(ratio === 1 ? 0 : 2)}%`;
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

function toSection(results: FanoutResult[], failures: FanoutFailure[], options: FanoutOptions): BenchSection {
  const find = (watchers: number, system: SystemName) =>
    results.find((result) => result.watchers === watchers && result.system === system);
  const rows: Array<Record<string, string | number>> = results.map((result) => {
    const socketio = find(result.watchers, 'socketio');
    const bare = find(result.watchers, 'ws');
    const ours = result.system === 'ours';
    return {
      watchers: result.watchers,
      system: SYSTEM_LABEL[result.system],
      'p50 (ms)': result.latencyMs.p50,
      'p95 (ms)': result.latencyMs.p95,
      'p99 (ms)': result.latencyMs.p99,
      'max (ms)': result.latencyMs.max,
      delivered: result.deliveredRatio === 1 && result.incompleteWatchers === 0
        ? '100%'
        : `${pct(result.deliveredRatio)} (${result.delivered}/${result.expected}, ${result.incompleteWatchers} watchers incomplete) ⚠`,
      'memory/conn (KB)': result.memoryPerConnectionKb,
      'memory/conn before GC (KB)': result.memoryBeforeGcPerConnectionKb,
      'p99 ÷ Socket.IO': ours && socketio ? ratio(result.latencyMs.p99, socketio.latencyMs.p99).toFixed(2) : '',
      'p99 ÷ bare ws': ours && bare ? ratio(result.latencyMs.p99, bare.latencyMs.p99).toFixed(2) : '',
      'frame (B)': result.frameBytes,
      'messages/s': result.messagesPerSecond,
      'server CPU (s)': result.serverCpuSeconds,
      'load CPU (µs/delivery)': result.load.cpuPerDeliveryUs,
      'load ELU': result.load.elu,
    };
  });

  for (const failure of failures) {
    rows.push({ watchers: failure.watchers, system: SYSTEM_LABEL[failure.system], delivered: `failed ⚠` });
  }
  const order = (row: Record<string, string | number>) =>
    Number(row.watchers) * 10 + Object.values(SYSTEM_LABEL).indexOf(String(row.system));
  rows.sort((a, b) => order(a) - order(b));

  const largest = Math.max(...options.sizes);
  const size = largest.toLocaleString('en');
  const ours = find(largest, 'ours');
  const socketio = find(largest, 'socketio');
  const bare = find(largest, 'ws');
  const targets: BenchTarget[] = [];
  const missing = (...systems: SystemName[]) =>
    `not measured (${systems
      .filter((system) => !find(largest, system))
      .map((system) => `${system}: ${failures.find((f) => f.watchers === largest && f.system === system)?.error ?? 'not run'}`)
      .join('; ')})`;
  {
    const r = ours && socketio ? ratio(ours.latencyMs.p99, socketio.latencyMs.p99) : NaN;
    targets.push({
      target: `fan-out p99 at ${size} watchers ≤ Socket.IO's (ratio ≤ 1.0)`,
      measured: ours && socketio ? `${r.toFixed(2)} (${ours.latencyMs.p99} ms vs ${socketio.latencyMs.p99} ms)` : missing('ours', 'socketio'),
      met: r <= 1,
    });
  }
  {
    const r = ours && bare ? ratio(ours.latencyMs.p99, bare.latencyMs.p99) : NaN;
    targets.push({
      target: `fan-out p99 at ${size} watchers within 2x of the bare ws floor`,
      measured: ours && bare ? `${r.toFixed(2)} (${ours.latencyMs.p99} ms vs ${bare.latencyMs.p99} ms)` : missing('ours', 'ws'),
      met: r <= 2,
    });
  }
  targets.push({
    target: `memory per idle subscribed connection ≤ Socket.IO's (${size} watchers)`,
    measured: ours && socketio ? `${ours.memoryPerConnectionKb} KB vs ${socketio.memoryPerConnectionKb} KB` : missing('ours', 'socketio'),
    met: !!ours && !!socketio && ours.memoryPerConnectionKb <= socketio.memoryPerConnectionKb,
  });
  const short = results.filter((result) => result.deliveredRatio !== 1 || result.incompleteWatchers > 0);
  const problems = [
    ...short.map((r) => `${r.system} at ${r.watchers}: ${pct(r.deliveredRatio)}`),
    ...failures.map((f) => `${f.system} at ${f.watchers}: failed`),
  ];
  targets.push({
    target: 'delivered/expected 100% for every system and size',
    measured: problems.length === 0 ? '100% everywhere' : problems.join('; '),
    met: problems.length === 0,
  });

  const notes = [
    'Ratios compare systems measured one after another in this run; the machine is noisy, so compare within a run.',
    ...results
      .filter((result) => result.deliveredRatio !== 1 || result.incompleteWatchers > 0)
      .map(
        (result) =>
          `⚠ ${SYSTEM_LABEL[result.system]} at ${result.watchers} watchers delivered ${result.delivered} of ` +
          `${result.expected} (${pct(result.deliveredRatio)}); ${result.incompleteWatchers} watchers did not get every ` +
          'message exactly once. Latency percentiles cover the delivered messages only.',
      ),
    ...failures.map((f) => `⚠ ${SYSTEM_LABEL[f.system]} at ${f.watchers} watchers failed: ${f.error}`),
    ...results
      .filter((result) => result.connectRetries > 0)
      .map((r) => `${SYSTEM_LABEL[r.system]} at ${r.watchers}: ${r.connectRetries} watcher connections failed once and were retried.`),
    loadNote(results),
  ];
  return {
    name: 'fanout',
    title: 'Fan-out: one sender, N watchers, vs Socket.IO and a bare ws floor',
    method:
      `One conversation with N+1 members in a fresh database; for each N the three systems run one after another on ` +
      `the same machine, Postgres and Redis. **Ours**: two API processes (\`src/main.ts\`, \`NODE_ENV=production\`, \`RUN_WORKERS=false\`) and one worker process sending each message's notifications (its CPU counts in server CPU), ` +
      `each watcher a graphql-ws connection (JWT in connection_init) with one \`messageAdded(conversationId, after)\` ` +
      `subscription selecting \`id content type createdAt\`, ready when the replay of the first message arrived; the ` +
      `sender calls \`sendMessage\` over HTTP, alternating between the processes. **Socket.IO**: two ` +
      `\`bench/peers/socketio-server.ts\` processes (Socket.IO 4, @socket.io/redis-adapter on the same Redis), as the ` +
      `earlier version did: JWT verified per connection (jose HS256), "join" checks conversation_members in Postgres, ` +
      `"send" stores the message (next seq, message row and conversation_events row in one transaction) and then ` +
      `broadcasts the row to the room; the sender emits "send" alternating between the processes and waits for the ack. ` +
      `Both use ${POOL_SIZE} Postgres connections per process. ` +
      `**Bare ws**: one \`bench/peers/bare-ws-server.ts\` process writing each received frame to every other ` +
      `connection (no auth, no database): the floor. Watchers are split evenly over a system's processes; all clients ` +
      `are raw \`ws\` sockets without permessage-deflate in this load process, so latency is from just before the ` +
      `send to each receipt on one clock. ${options.messages} messages of ~200 bytes (185 characters of content), each ` +
      ((options.pace ?? 'delivered') === 'delivered'
        ? `${options.intervalMs} ms after the previous one had reached every watcher and been accepted (mutation ` +
          `response, ack), so every system takes each message from the same state and the latency is one fan-out's, ` +
          `not a queue's (messages/s shows the pace each system allowed). `
        : `${options.intervalMs} ms after the previous one was accepted (mutation response, ack; written, for bare ` +
          `ws): fan-outs may overlap and queue. `) +
      `A frame's content is found with indexOf for every protocol, so parsing costs the load generator the same. Memory per connection: growth of the system's server processes' RSS (summed) ` +
      `from before the watchers connected to ${(options.settleMs ?? 2_000) / 1000} s after the last one was ready, divided by N, ` +
      `each reading taken after a full garbage collection in every server process (through its inspector, the same for ` +
      `every system), so it shows what idle subscribed connections hold; "before GC" is the same growth without that ` +
      `collection (garbage of the connects included). The send phase then starts from a collected heap for every system. ` +
      `Two warm-up messages, not measured, one through each process the sender alternates between, precede the measured ones for every system. The load process's CPU ` +
      `per delivery (the sender's own work included: HTTP for ours) and event-loop utilisation during the send phase ` +
      `show whether the load generator limits the result.`,
    columns: [
      'watchers',
      'system',
      'p50 (ms)',
      'p95 (ms)',
      'p99 (ms)',
      'max (ms)',
      'delivered',
      'memory/conn (KB)',
      'memory/conn before GC (KB)',
      'p99 ÷ Socket.IO',
      'p99 ÷ bare ws',
      'frame (B)',
      'messages/s',
      'server CPU (s)',
      'load CPU (µs/delivery)',
      'load ELU',
    ],
    rows,
    notes,
    targets,
  };
}

function loadNote(results: FanoutResult[]): string {
  const parts = results.map((result) => {
    const drainMs = (result.load.cpuPerDeliveryUs * result.watchers) / 1000;
    return `${result.system} at ${result.watchers}: ${result.load.cpuPerDeliveryUs} µs/delivery (≈ ${Math.round(drainMs)} ms to take in one message's ${result.watchers} frames), ELU ${result.load.elu}, loop delay p99 ${result.load.loopDelayP99Ms} ms`;
  });
  const loads = results.map((result) => result.hostLoadAverage);
  return (
    `Load generator (sender and all watchers in one process, sharing the ${cpus().length} cores with the servers, ` +
    `Postgres and Redis): ${parts.join('; ')}. The time to take in one message's frames is a floor under every ` +
    `system's p99 (CPU per delivery includes the sender's own work, HTTP requests for ours, which dominates at ` +
    `small N). Host 1-minute load average at the start of the send phases: ${Math.min(...loads)}–` +
    `${Math.max(...loads)} (${cpus().length} cores; above that, other work on the host competed for the CPU).`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const quick = ctx.preset === 'quick';
  return runFanout({
    sizes: quick ? [1000] : [1000, 5000, 10000],
    messages: quick ? 10 : 30,
    intervalMs: 100,
    settleMs: quick ? 1_000 : 2_000,
    systems: ['ours', 'socketio', 'ws'],
    redisUrl: ctx.redisUrl,
    log: (line) => ctx.log(line),
  });
}

/** `npm run bench:fanout -- --sizes 1000 --messages 10`: this section alone, any sizes; BENCHMARKS.md is not touched. */
async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,5000,10000' },
      messages: { type: 'string', default: '30' },
      interval: { type: 'string', default: '100' },
      pace: { type: 'string', default: 'delivered' },
      systems: { type: 'string', default: 'ours,socketio,ws' },
      redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    },
  });
  const systems = values.systems.split(',').map((name) => name.trim());
  const bad = systems.filter((name) => !(name in SYSTEM_LABEL));
  if (bad.length > 0) throw new Error(`unknown system(s) ${bad.join(', ')} (known: ${Object.keys(SYSTEM_LABEL).join(', ')})`);
  const started = performance.now();
  installSignalCleanup();
  const section = await runFanout({
    sizes: values.sizes.split(',').map(Number),
    messages: Number(values.messages),
    intervalMs: Number(values.interval),
    pace: values.pace === 'accepted' ? 'accepted' : 'delivered',
    systems: systems as SystemName[],
    redisUrl: values.redis,
    log: (line) => console.error(line),
  }).finally(cleanupAll);
  const date = new Date().toISOString();
  const file = `bench/results/${date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}-fanout.json`;
  const report: RunReport = {
    date,
    preset: `fanout --sizes ${values.sizes} --messages ${values.messages} --interval ${values.interval} --pace ${values.pace}`,
    file,
    seconds: Math.round((performance.now() - started) / 1000),
    machine: await describeMachine(values.redis),
    sections: [section],
  };
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  writeFileSync(`${ROOT}${file}`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(renderMarkdown(report));
  console.error(`written to ${file}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
