/**
 * sendMessage throughput and delivery latency: K senders posting over HTTP to two API processes (one Postgres, one
 * Redis), each message watched by a graphql-ws subscriber on the other process.
 */
import postgres from 'postgres';
import { signAccessToken } from '../../src/auth/sign.ts';
import { BENCH_JWT_SECRET, freshRedisPrefix, startApi, stopAll, type ApiProcess } from '../lib/api-process.ts';
import { benchDataset } from '../lib/dataset.ts';
import { seqCursor, subscribe, type Subscription } from '../lib/graphql-ws.ts';
import { percentile, postGraphQL, round, sleep } from '../lib/stats.ts';
import type { BenchContext, BenchSection } from '../lib/types.ts';

interface Scenario {
  senders: number;
  /** All senders in one conversation (contending for its row lock) instead of one conversation each. */
  shared: boolean;
}

const SETTINGS = {
  quick: {
    dataset: 'quick',
    warmup: 1,
    duration: 2,
    scenarios: [
      { senders: 8, shared: false },
      { senders: 8, shared: true },
    ],
  },
  full: {
    dataset: 'large',
    warmup: 3,
    duration: 15,
    scenarios: [
      { senders: 1, shared: false },
      { senders: 8, shared: false },
      { senders: 32, shared: false },
      { senders: 32, shared: true },
    ],
  },
} as const satisfies Record<string, { dataset: string; warmup: number; duration: number; scenarios: readonly Scenario[] }>;

const SEND = `mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id seq: cursor } }`;
const WATCH = `subscription Watch($c: ID!, $after: String) { messageAdded(conversationId: $c, after: $after) { id clientMessageId } }`;

interface Target {
  conversationId: string;
  lastMessageSeq: number;
  senders: Array<{ id: string; username: string }>;
  watcher: { id: string; username: string };
}

/** Conversations with messages and enough human members: groups (one per sender) or one channel (shared). */
async function pickTargets(databaseUrl: string, scenario: Scenario, offset: number): Promise<Target[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const need = scenario.shared ? scenario.senders + 1 : 2;
    const rows = await sql<Array<{ id: string; last_message_seq: number; members: string[] }>>`
      select c.id, (select max(seq)::int from messages m where m.conversation_id = c.id) as last_message_seq,
        array(
          select p.id || ':' || p.username from conversation_members cm join profiles p on p.id = cm.user_id
          where cm.conversation_id = c.id and p.type = 'human' order by p.id limit ${need}
        ) as members
      from conversations c
      where c.type = ${scenario.shared ? 'channel' : 'group'}
        and exists (select 1 from messages m where m.conversation_id = c.id)
        and (select count(*) from conversation_members cm join profiles p on p.id = cm.user_id
             where cm.conversation_id = c.id and p.type = 'human') >= ${need}
      order by c.id offset ${offset} limit ${scenario.shared ? 1 : scenario.senders}`;
    if (rows.length < (scenario.shared ? 1 : scenario.senders)) throw new Error('not enough conversations for the send benchmark');
    return rows.map((row) => {
      const members = row.members.map((member) => {
        const [id, username] = member.split(':') as [string, string];
        return { id, username };
      });
      return {
        conversationId: row.id,
        lastMessageSeq: row.last_message_seq,
        senders: scenario.shared ? members.slice(0, scenario.senders) : [members[0]!],
        watcher: members.at(-1)!,
      };
    });
  } finally {
    await sql.end();
  }
}

const token = (user: { id: string; username: string }) =>
  signAccessToken({ secret: BENCH_JWT_SECRET, username: user.username, sub: user.id, expiresIn: '2h' });

interface Measured {
  commitsPerSecond: number;
  mutationP50: number;
  mutationP99: number;
  deliveryP50: number;
  deliveryP95: number;
  deliveryP99: number;
  delivered: number;
  expected: number;
  errors: number;
}

async function runScenario(
  ctx: BenchContext,
  apis: [ApiProcess, ApiProcess],
  targets: Target[],
  settings: { warmup: number; duration: number },
): Promise<Measured> {
  // Each sent message: when its mutation started, and from which process (the watcher on the other one times it).
  const sent = new Map<string, { at: number; process: number; counted: boolean }>();
  const deliveries: number[] = [];
  let measuring = false;
  let subscriptionErrors = 0;
  const subscriptions: Subscription[] = [];
  try {
    // Two watchers per conversation, one on each process; each counts as ready when its replay of the newest message
    // arrived.
    await Promise.all(
      targets.flatMap((target) =>
        [0, 1].map(async (process) => {
          let ready: () => void;
          const replayed = new Promise<void>((resolve) => (ready = resolve));
          const subscription = await subscribe({
            url: apis[process]!.url,
            token: await token(target.watcher),
            query: WATCH,
            variables: { c: target.conversationId, after: seqCursor(target.lastMessageSeq - 1) },
            onNext: (data, at) => {
              const message = data.messageAdded as { clientMessageId: string | null };
              const origin = message.clientMessageId ? sent.get(message.clientMessageId) : undefined;
              if (!origin) return ready();
              if (origin.counted && origin.process !== process) deliveries.push(at - origin.at);
            },
            onError: (error) => {
              subscriptionErrors += 1;
              ctx.log(`send: ${String(error)}`);
            },
          });
          subscriptions.push(subscription);
          await Promise.race([
            replayed,
            sleep(10_000).then(() => {
              throw new Error('send: a watcher did not get its replay within 10 s');
            }),
          ]);
        }),
      ),
    );

    const senders = await Promise.all(
      targets.flatMap((target) => target.senders.map(async (user) => ({ target, auth: `Bearer ${await token(user)}` }))),
    );
    let running = true;
    let errors = 0;
    let committed = 0;
    const mutationMs: number[] = [];
    let expected = 0;
    const loops = senders.map(async ({ target, auth }, k) => {
      const process = k % 2;
      for (let n = 0; running; n += 1) {
        const clientMessageId = `bench-${k}-${n}`;
        const started = performance.now();
        // Measured: the mutations that start inside the window (and their deliveries, whenever they arrive).
        const counted = measuring;
        sent.set(clientMessageId, { at: started, process, counted });
        let ok = false;
        try {
          const response = await postGraphQL(
            `${apis[process]!.url}/graphql`,
            JSON.stringify({
              query: SEND,
              variables: {
                input: { conversationId: target.conversationId, clientMessageId, content: `${clientMessageId} ${'x'.repeat(180)}` },
              },
            }),
            { authorization: auth },
          );
          ok = response.status === 200 && !response.json.errors;
          if (!ok && errors === 0) ctx.log(`send: first error: ${response.status} ${response.body.slice(0, 300)}`);
        } catch (error) {
          if (errors === 0) ctx.log(`send: first error: ${String(error)}`);
        }
        if (counted) {
          if (ok) {
            committed += 1;
            expected += 1;
            mutationMs.push(performance.now() - started);
          } else {
            errors += 1;
          }
        }
      }
    });
    await sleep(settings.warmup * 1000);
    measuring = true;
    const windowStart = performance.now();
    await sleep(settings.duration * 1000);
    measuring = false;
    const windowSeconds = (performance.now() - windowStart) / 1000;
    running = false;
    await Promise.all(loops);
    // Deliveries of the last messages may still be on their way.
    const deadline = Date.now() + 10_000;
    while (deliveries.length < expected && Date.now() < deadline) await sleep(50);
    mutationMs.sort((a, b) => a - b);
    deliveries.sort((a, b) => a - b);
    return {
      commitsPerSecond: round(committed / windowSeconds, 1),
      mutationP50: round(percentile(mutationMs, 50), 1),
      mutationP99: round(percentile(mutationMs, 99), 1),
      deliveryP50: round(percentile(deliveries, 50), 1),
      deliveryP95: round(percentile(deliveries, 95), 1),
      deliveryP99: round(percentile(deliveries, 99), 1),
      delivered: deliveries.length,
      expected,
      errors: errors + subscriptionErrors,
    };
  } finally {
    for (const subscription of subscriptions) subscription.close();
  }
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const settings = SETTINGS[ctx.preset];
  const dataset = await benchDataset(settings.dataset, ctx.log);
  const prefix = freshRedisPrefix();
  const apis: [ApiProcess, ApiProcess] = await Promise.all([
    startApi({ databaseUrl: dataset.url, redisUrl: ctx.redisUrl, redisPrefix: prefix, label: 'api-1' }),
    startApi({ databaseUrl: dataset.url, redisUrl: ctx.redisUrl, redisPrefix: prefix, label: 'api-2' }),
  ]);
  try {
    const rows: BenchSection['rows'] = [];
    const details: Record<string, unknown> = {};
    let offset = 0;
    for (const scenario of settings.scenarios) {
      const targets = await pickTargets(dataset.url, scenario, offset);
      offset += targets.length;
      const m = await runScenario(ctx, apis, targets, settings);
      const label = scenario.shared ? `${scenario.senders} senders, one channel` : `${scenario.senders} senders, one group each`;
      ctx.log(`send ${label}: ${m.commitsPerSecond} commits/s, delivery p99 ${m.deliveryP99} ms, ${m.delivered}/${m.expected} delivered, ${m.errors} errors`);
      details[label] = { ...m, conversations: targets.map((target) => target.conversationId) };
      rows.push({
        scenario: label,
        'commits/s': m.commitsPerSecond,
        'mutation p50 ms': m.mutationP50,
        'mutation p99 ms': m.mutationP99,
        'delivery p50 ms': m.deliveryP50,
        'delivery p95 ms': m.deliveryP95,
        'delivery p99 ms': m.deliveryP99,
        'delivered/expected': `${m.delivered}/${m.expected}`,
        errors: m.errors,
      });
    }
    return {
      name: 'send',
      title: 'sendMessage throughput and delivery to another process',
      method: [
        `Data set "${settings.dataset}" (after the query section). Two Uvian API processes (\`NODE_ENV=production\`,`,
        `\`RATE_LIMITS=off\`, pool 10 each, job workers on as in production: each message also enqueues its`,
        `notification job) on one Postgres and one Redis. Each sender is a member posting \`sendMessage\` over HTTP`,
        `(~200-byte content, a clientMessageId) in a closed loop, senders alternating between the processes; per`,
        `conversation a member watches \`messageAdded\` over graphql-ws on each process. ${settings.warmup} s warm-up, then`,
        `${settings.duration} s measured: commits/s are the successful mutations started in the window per second of it;`,
        `mutation latency is the`,
        `HTTP round trip; delivery latency is from just before the mutation to the watcher on the other process receiving`,
        `the message (one clock: senders and watchers are in the orchestrator process). "one group each": every sender`,
        `has its own group conversation; "one channel": all senders post to one channel and contend for its row lock.`,
      ].join(' '),
      columns: [
        'scenario',
        'commits/s',
        'mutation p50 ms',
        'mutation p99 ms',
        'delivery p50 ms',
        'delivery p95 ms',
        'delivery p99 ms',
        'delivered/expected',
        'errors',
      ],
      rows,
      notes: [],
      details,
    };
  } finally {
    await stopAll(apis, ctx.redisUrl);
  }
}
