/**
 * Fan-out benchmark (not a test): one sender, N watchers of one conversation spread over two API processes sharing one
 * Postgres and one Redis. Measures delivery latency (send -> receive on one clock: sender and watchers live in this
 * process), deliveries per second, and the API processes' memory per idle subscribed connection.
 *
 *   npm run bench:fanout                      # 1,000 / 5,000 / 10,000 watchers
 *   npm run bench:fanout -- --sizes 1000 --messages 20
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signAccessToken } from '../src/auth/sign.ts';
import { connect } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { withSession } from '../src/db/session.ts';
import { createTestDatabase } from '../test/helpers/database.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    messages: { type: 'string', default: '30' },
    interval: { type: 'string', default: '100' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const messageCount = Number(values.messages);
const intervalMs = Number(values.interval);
const SECRET = randomBytes(32).toString('hex');
const CONVERSATION = 'b0000000-0000-4000-8000-000000000001';

function startApi(databaseUrl: string, prefix: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: values.redis,
      REDIS_PREFIX: prefix,
      SUPABASE_JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      RATE_LIMITS: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output)?.[1];
      if (url) resolve({ process: child, url });
    });
    child.once('exit', (code) => reject(new Error(`API exited (${code}): ${output}`)));
  });
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function seed(databaseUrl: string, watchers: number) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`
    truncate profiles, conversations cascade;
    insert into profiles (id, username)
      select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'user_' || i
      from generate_series(0, ${watchers}) as i;
    insert into conversations (id, name, type, creator_id, last_seq)
      values ('${CONVERSATION}', 'fanout', 'channel', '00000000-0000-4000-8000-000000000000', 1);
    insert into conversation_members (conversation_id, user_id, role)
      select '${CONVERSATION}', id, case when username = 'user_0' then 'owner' else 'member' end from profiles;
    insert into messages (id, conversation_id, sender_id, content, seq)
      values ('c0000000-0000-4000-8000-000000000001', '${CONVERSATION}', '00000000-0000-4000-8000-000000000000', 'start', 1);
    insert into conversation_events (conversation_id, seq, type, message_id)
      values ('${CONVERSATION}', 1, 'message_added', 'c0000000-0000-4000-8000-000000000001');
  `);
  await sql.end();
}

const userId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const START_CURSOR = Buffer.from(JSON.stringify(['seq', 0])).toString('base64url');

interface Watcher {
  socket: WebSocket;
  received: number;
}

/** A raw graphql-ws client (the protocol by hand keeps the load generator light); resolves once the replay arrived. */
function watch(url: string, token: string, onMessage: (content: string, at: number) => void): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const watcher: Watcher = { socket, received: 0 };
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: {
              query: `subscription($c: ID!, $a: String) { messageAdded(conversationId: $c, after: $a) { content } }`,
              variables: { c: CONVERSATION, a: START_CURSOR },
            },
          }),
        );
      } else if (message.type === 'next') {
        const content = message.payload.data?.messageAdded?.content;
        if (content === 'start') return resolve(watcher);
        watcher.received += 1;
        onMessage(content, performance.now());
      } else if (message.type === 'error') {
        reject(new Error(JSON.stringify(message.payload)));
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.on('error', reject);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(watchers: number, databaseUrl: string) {
  await seed(databaseUrl, watchers);
  const prefix = `bench-${randomBytes(4).toString('hex')}:`;
  const apis = await Promise.all([startApi(databaseUrl, prefix), startApi(databaseUrl, prefix)]);
  const baseline = apis.map((api) => rssMb(api.process.pid!));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const onMessage = (content: string, at: number) => {
    const sent = sentAt.get(content);
    if (sent !== undefined) latencies.push(at - sent);
  };
  const tokens = await Promise.all(
    Array.from({ length: watchers }, (_, i) =>
      signAccessToken({ secret: SECRET, username: `user_${i + 1}`, sub: userId(i + 1), expiresIn: '1h' }),
    ),
  );
  const open: Watcher[] = [];
  const connectStarted = performance.now();
  for (let i = 0; i < watchers; i += 200) {
    const batch = tokens.slice(i, i + 200).map((token, j) => watch(apis[(i + j) % 2]!.url, token, onMessage));
    open.push(...(await Promise.all(batch)));
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const subscribed = apis.map((api) => rssMb(api.process.pid!));
  const memoryPerConnectionKb = ((subscribed[0]! + subscribed[1]! - baseline[0]! - baseline[1]!) * 1024) / watchers;

  const senderToken = await signAccessToken({ secret: SECRET, username: 'user_0', sub: userId(0), expiresIn: '1h' });
  const sendStarted = performance.now();
  for (let m = 0; m < messageCount; m += 1) {
    const content = `m${m}-${'x'.repeat(180)}`;
    sentAt.set(content, performance.now());
    const response = await fetch(`${apis[m % 2]!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${senderToken}` },
      body: JSON.stringify({
        query: `mutation($c: ID!, $t: String!) { sendMessage(input: { conversationId: $c, content: $t }) { id } }`,
        variables: { c: CONVERSATION, t: content },
      }),
    });
    if (!response.ok) throw new Error(`send failed: ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const expected = watchers * messageCount;
  const deadline = Date.now() + 60_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const elapsed = (performance.now() - sendStarted) / 1000;
  for (const watcher of open) watcher.socket.terminate();
  for (const api of apis) api.process.kill('SIGTERM');
  await Promise.all(apis.map((api) => new Promise((resolve) => api.process.once('exit', resolve))));

  latencies.sort((a, b) => a - b);
  return {
    watchers,
    processes: 2,
    messages: messageCount,
    delivered: latencies.length,
    expected,
    deliveredRatio: latencies.length / expected,
    latencyMs: {
      p50: Math.round(percentile(latencies, 50)),
      p95: Math.round(percentile(latencies, 95)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(latencies.at(-1) ?? 0),
    },
    deliveriesPerSecond: Math.round(latencies.length / elapsed),
    memoryPerConnectionKb: Math.round(memoryPerConnectionKb),
    connectSeconds: Number(connectSeconds.toFixed(1)),
  };
}

const database = await createTestDatabase('uvian_bench');
try {
  const handle = connect({ databaseUrl: database.url });
  await withSession(handle.session, (session) => migrate(session));
  await handle.close();
  const results = [];
  for (const watchers of sizes) {
    const result = await run(watchers, database.url);
    console.log(JSON.stringify(result));
    results.push(result);
  }
  const report = {
    benchmark: 'fanout',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    method: `one sender over HTTP alternating between 2 API processes, ${messageCount} messages of ~200 bytes every ${intervalMs} ms; N watchers (raw graphql-ws, one subscription each) split evenly over the 2 processes; latency from before the mutation to each receive, one clock`,
    results,
  };
  const file = `bench/results/fanout-${report.date.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written to ${file}`);
} finally {
  await database.drop();
}
