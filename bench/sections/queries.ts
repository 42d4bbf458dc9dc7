/**
 * Queries over HTTP, Uvian API vs PostGraphile 4 on the same database: the viewer's conversation list and a 50-message
 * page, requests per second and latency with autocannon, and SQL statements per request (through a counting proxy).
 */
import autocannon, { type Result } from 'autocannon';
import postgres from 'postgres';
import { signAccessToken } from '../../src/auth/sign.ts';
import { BENCH_JWT_SECRET, startApi, startProcess, stopAll, type ApiProcess } from '../lib/api-process.ts';
import { benchDataset, formatRows } from '../lib/dataset.ts';
import { startStatementCounter, type StatementCounter } from '../lib/pg-counter.ts';
import { fmt, postGraphQL, round, sleep } from '../lib/stats.ts';
import type { BenchContext, BenchSection, BenchTarget } from '../lib/types.ts';

const SETTINGS = {
  quick: { dataset: 'quick', warmup: 1, duration: 3, rounds: 1, connections: 10, countRequests: 5 },
  full: { dataset: 'large', warmup: 5, duration: 20, rounds: 3, connections: 10, countRequests: 20 },
} as const;

/** Database connections of each measured server; the counting instances need few (they take one request at a time). */
const POOL = 10;
const COUNT_POOL = 4;

const LIST_PAGE = 20;
const MESSAGE_PAGE = 50;
const SMALL_PAGE = 5;

const PROFILE = 'id username fullName avatarUrl';

export const ours = {
  list: (first: number) =>
    JSON.stringify({
      query: `query Inbox($first: Int!) { conversations(first: $first) { totalCount edges { cursor node { id name type lastActivityAt unreadCount lastMessage { id content createdAt sender { ${PROFILE} } } members { role joinedAt profile { ${PROFILE} } } } } pageInfo { hasNextPage endCursor } } }`,
      variables: { first },
    }),
  page: (conversationId: string, last: number) =>
    JSON.stringify({
      query: `query Page($c: ID!, $last: Int!) { messages(conversationId: $c, last: $last) { edges { cursor node { id content type createdAt editedAt isDeleted sender { ${PROFILE} } } } pageInfo { hasPreviousPage startCursor } } }`,
      variables: { c: conversationId, last },
    }),
};

export const postgraphile = {
  list: (viewer: string, first: number) =>
    JSON.stringify({
      query: `query Inbox($viewer: UUID!, $first: Int!) { benchViewerConversations(viewer: $viewer, first: $first) { totalCount edges { cursor node { id name type lastActivityAt unreadCount(viewer: $viewer) messagesByConversationId(first: 1, orderBy: SEQ_DESC, condition: { deletedAt: null }) { nodes { id content createdAt profileBySenderId { ${PROFILE} } } } conversationMembersByConversationId(orderBy: JOINED_AT_ASC) { nodes { role joinedAt profileByUserId { ${PROFILE} } } } } } pageInfo { hasNextPage endCursor } } }`,
      variables: { viewer, first },
    }),
  page: (conversationId: string, first: number) =>
    JSON.stringify({
      query: `query Page($c: UUID!, $first: Int!) { conversationById(id: $c) { messagesByConversationId(first: $first, orderBy: SEQ_DESC) { edges { cursor node { id content type createdAt editedAt deletedAt profileBySenderId { ${PROFILE} } } } pageInfo { hasNextPage endCursor } } } }`,
      variables: { c: conversationId, first },
    }),
};

/**
 * What PostGraphile cannot generate from the tables, as its documented extension points (a custom query and a computed
 * column), created in the benchmark database only: the membership join ordered by activity (the API's SQL), and a
 * count of the messages from others after the viewer's read position (the API reads counters instead).
 */
export const POSTGRAPHILE_FUNCTIONS = `
  create or replace function public.bench_viewer_conversations(viewer uuid) returns setof public.conversations
    language sql stable as $$
      select c.* from public.conversations c
      join public.conversation_members cm on cm.conversation_id = c.id and cm.user_id = viewer
      order by c.last_activity_at desc, c.id desc
    $$;
  create or replace function public.conversations_unread_count(c public.conversations, viewer uuid) returns integer
    language sql stable as $$
      select count(*)::int from public.messages m
      join public.conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = viewer
      where m.conversation_id = c.id and m.seq > cm.last_read_seq and m.sender_id <> viewer and m.deleted_at is null
    $$;
`;

interface Subjects {
  viewer: { id: string; username: string; conversations: number };
  conversation: { id: string; messages: number; members: number };
}

/**
 * The viewer: among users with at least 20 conversations, the one with the median number of them. The page: the
 * viewer's conversation with the most messages (at least 50).
 */
export async function pickSubjects(databaseUrl: string): Promise<Subjects> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const candidates = await sql<Array<{ id: string; username: string; conversations: number }>>`
      select p.id, p.username, count(*)::int as conversations
      from conversation_members cm join profiles p on p.id = cm.user_id
      where p.type = 'human'
      group by p.id, p.username
      having count(*) >= ${LIST_PAGE}
        and max((select count(*) from messages m where m.conversation_id = cm.conversation_id)) >= ${MESSAGE_PAGE}
      order by count(*), p.id`;
    const viewer = candidates[Math.floor(candidates.length / 2)];
    if (!viewer) throw new Error(`no user with ${LIST_PAGE} conversations and one of ${MESSAGE_PAGE} messages`);
    const [conversation] = await sql<Array<{ id: string; messages: number; members: number }>>`
      select c.id,
        (select count(*)::int from messages m where m.conversation_id = c.id) as messages,
        (select count(*)::int from conversation_members x where x.conversation_id = c.id) as members
      from conversations c join conversation_members cm on cm.conversation_id = c.id and cm.user_id = ${viewer.id}
      order by 2 desc, c.id limit 1`;
    return { viewer, conversation: conversation! };
  } finally {
    await sql.end();
  }
}

export function startPostGraphile(databaseUrl: string, label: string, poolSize: number): Promise<ApiProcess> {
  return startProcess(
    [process.execPath, 'bench/peers/postgraphile.cjs'],
    { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PG_POOL_SIZE: String(poolSize) },
    label,
  );
}

interface ListNode {
  id: string;
  unreadCount: number;
  lastMessageId: string | null;
  members: string[];
}

interface Ref {
  id: string;
}
interface OursList {
  conversations: {
    totalCount: number;
    edges: Array<{ node: Ref & { unreadCount: number; lastMessage: Ref | null; members: Array<{ profile: Ref }> } }>;
  };
}
interface PostGraphileList {
  benchViewerConversations: {
    totalCount: number;
    edges: Array<{
      node: Ref & {
        unreadCount: number;
        messagesByConversationId: { nodes: Ref[] };
        conversationMembersByConversationId: { nodes: Array<{ profileByUserId: Ref }> };
      };
    }>;
  };
}
interface OursPage {
  messages: { edges: Array<{ node: Ref & { sender: Ref } }> };
}
interface PostGraphilePage {
  conversationById: { messagesByConversationId: { edges: Array<{ node: Ref & { profileBySenderId: Ref } }> } };
}

function oursList(data: unknown): { total: number; nodes: ListNode[] } {
  const connection = (data as OursList).conversations;
  return {
    total: connection.totalCount,
    nodes: connection.edges.map(({ node }) => ({
      id: node.id,
      unreadCount: node.unreadCount,
      lastMessageId: node.lastMessage?.id ?? null,
      members: node.members.map((m) => m.profile.id).sort(),
    })),
  };
}

function postgraphileList(data: unknown): { total: number; nodes: ListNode[] } {
  const connection = (data as PostGraphileList).benchViewerConversations;
  return {
    total: connection.totalCount,
    nodes: connection.edges.map(({ node }) => ({
      id: node.id,
      unreadCount: node.unreadCount,
      lastMessageId: node.messagesByConversationId.nodes[0]?.id ?? null,
      members: node.conversationMembersByConversationId.nodes.map((m) => m.profileByUserId.id).sort(),
    })),
  };
}

const oursPage = (data: unknown) => (data as OursPage).messages.edges.map(({ node }) => `${node.id}:${node.sender.id}`);
const postgraphilePage = (data: unknown) =>
  (data as PostGraphilePage).conversationById.messagesByConversationId.edges
    .map(({ node }) => `${node.id}:${node.profileBySenderId.id}`)
    .reverse();

/** One request that must succeed without GraphQL errors; returns the body (the exact body every later request must match). */
async function fetchOnce(url: string, body: string, headers: Record<string, string>, what: string): Promise<{ body: string; data: unknown }> {
  const response = await postGraphQL(`${url}/graphql`, body, headers);
  if (response.status !== 200 || response.json.errors || !response.json.data) {
    throw new Error(`${what}: HTTP ${response.status} ${response.body.slice(0, 500)}`);
  }
  return { body: response.body, data: response.json.data };
}

function sameJson(a: unknown, b: unknown, what: string) {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x !== y) throw new Error(`${what}: the API and PostGraphile disagree:\n  ours:        ${x.slice(0, 400)}\n  PostGraphile: ${y.slice(0, 400)}`);
}

interface StatementCount {
  /** Mean over the counted requests. */
  perRequest: number;
  min: number;
  max: number;
  /** The statements of the first counted request. */
  texts: string[];
}

/** "6" or "6-7" (the range over the counted requests). */
const range = (count: StatementCount) => (count.min === count.max ? `${count.min}` : `${count.min}-${count.max}`);

const warmed = new Set<string>();

/**
 * Statements per request through the counting proxy: a warm-up request first (and, the first time for a server,
 * concurrent ones, so every pooled connection has run its one-off setup), then `n` requests one at a time, each
 * counted on its own.
 */
async function statementsPerRequest(
  counter: StatementCounter,
  url: string,
  body: string,
  headers: Record<string, string>,
  n: number,
): Promise<StatementCount> {
  await fetchOnce(url, body, headers, 'count warm-up');
  if (!warmed.has(url)) {
    warmed.add(url);
    await Promise.all(Array.from({ length: COUNT_POOL * 2 }, () => fetchOnce(url, body, headers, 'count warm-up')));
  }
  await sleep(100);
  const counts: number[] = [];
  let texts: string[] = [];
  for (let i = 0; i < n; i += 1) {
    counter.reset({ record: i === 0 });
    await fetchOnce(url, body, headers, 'count');
    await sleep(20);
    counts.push(counter.count());
    if (i === 0) texts = [...counter.texts()];
  }
  counter.reset();
  return {
    perRequest: round(counts.reduce((a, b) => a + b, 0) / n, 2),
    min: Math.min(...counts),
    max: Math.max(...counts),
    texts: texts.map((text) => text.replace(/\s+/g, ' ').trim()),
  };
}

interface Load {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  requests: number;
}

async function load(url: string, body: string, headers: Record<string, string>, expectBody: string, seconds: number, connections: number): Promise<Load> {
  const result: Result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    expectBody,
    connections,
    duration: seconds,
  });
  return {
    rps: round(result.requests.average, 1),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    requests: result.requests.total,
  };
}

export async function run(ctx: BenchContext): Promise<BenchSection> {
  const settings = SETTINGS[ctx.preset];
  const dataset = await benchDataset(settings.dataset, ctx.log);
  const subjects = await pickSubjects(dataset.url);
  const { viewer, conversation } = subjects;
  ctx.log(`queries: viewer ${viewer.username} (${viewer.conversations} conversations), page of a conversation with ${conversation.messages} messages`);
  {
    const sql = postgres(dataset.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(POSTGRAPHILE_FUNCTIONS).finally(() => sql.end());
  }

  const oursCounter = await startStatementCounter(dataset.url);
  const pgCounter = await startStatementCounter(dataset.url);
  const apiEnv = { RUN_WORKERS: 'false' };
  // The list and the page are also measured with the member and page caches off (src/loaders/conversation-members.ts,
  // src/http/page-cache.ts): everything read every time, as for lists and pages that changed since they were last read.
  const uncachedEnv = { ...apiEnv, PAGE_CACHE_MB: '0', MEMBER_CACHE_SIZE: '0' };
  const [api, apiCounted, apiUncached, apiUncachedCounted, peer, peerCounted] = await Promise.all([
    startApi({ databaseUrl: dataset.url, redisUrl: ctx.redisUrl, env: apiEnv, poolSize: POOL, label: 'api' }),
    startApi({ databaseUrl: oursCounter.url, redisUrl: ctx.redisUrl, env: apiEnv, poolSize: COUNT_POOL, label: 'api-counted' }),
    startApi({ databaseUrl: dataset.url, redisUrl: ctx.redisUrl, env: uncachedEnv, poolSize: POOL, label: 'api-uncached' }),
    startApi({
      databaseUrl: oursCounter.url,
      redisUrl: ctx.redisUrl,
      env: uncachedEnv,
      poolSize: COUNT_POOL,
      label: 'api-uncached-counted',
    }),
    startPostGraphile(dataset.url, 'postgraphile', POOL),
    startPostGraphile(pgCounter.url, 'postgraphile-counted', COUNT_POOL),
  ]);
  try {
    const token = await signAccessToken({ secret: BENCH_JWT_SECRET, username: viewer.username, sub: viewer.id, expiresIn: '2h' });
    const auth = { authorization: `Bearer ${token}` };

    const page = {
      key: 'page',
      label: `message page (newest ${MESSAGE_PAGE}, with sender profiles)`,
      ours: { body: ours.page(conversation.id, MESSAGE_PAGE), small: ours.page(conversation.id, SMALL_PAGE) },
      peer: { body: postgraphile.page(conversation.id, MESSAGE_PAGE), small: postgraphile.page(conversation.id, SMALL_PAGE) },
      check: (a: unknown, b: unknown) => sameJson(oursPage(a), postgraphilePage(b), 'message page'),
      size: MESSAGE_PAGE,
      api,
      apiCounted,
      target: 'message page' as string | undefined,
    };
    const list = {
      key: 'list',
      label: `conversation list (${LIST_PAGE}, with lastMessage, unreadCount, members and profiles)`,
      ours: { body: ours.list(LIST_PAGE), small: ours.list(SMALL_PAGE) },
      peer: { body: postgraphile.list(viewer.id, LIST_PAGE), small: postgraphile.list(viewer.id, SMALL_PAGE) },
      check: (a: unknown, b: unknown) => sameJson(oursList(a), postgraphileList(b), 'conversation list'),
      size: LIST_PAGE,
      api,
      apiCounted,
      target: 'conversation list' as string | undefined,
    };
    const uncached = { api: apiUncached, apiCounted: apiUncachedCounted, target: undefined };
    const cases = [
      list,
      { ...list, ...uncached, key: 'list-uncached', label: `${list.label}, member cache off` },
      page,
      { ...page, ...uncached, key: 'page-uncached', label: `${page.label}, page cache off` },
    ];

    const rows: BenchSection['rows'] = [];
    const targets: BenchTarget[] = [];
    const details: Record<string, unknown> = { subjects, dataset: dataset.info, statements: {} };
    const constancy: string[] = [];
    let constant = true;
    for (const c of cases) {
      // Correct once before measuring: both answer without errors and agree; every later response must be identical.
      const expectedOurs = await fetchOnce(c.api.url, c.ours.body, auth, `ours ${c.key}`);
      const expectedPeer = await fetchOnce(peer.url, c.peer.body, {}, `PostGraphile ${c.key}`);
      c.check(expectedOurs.data, expectedPeer.data);

      const counts = {
        ours: await statementsPerRequest(oursCounter, c.apiCounted.url, c.ours.body, auth, settings.countRequests),
        oursSmall: await statementsPerRequest(oursCounter, c.apiCounted.url, c.ours.small, auth, settings.countRequests),
        peer: await statementsPerRequest(pgCounter, peerCounted.url, c.peer.body, {}, settings.countRequests),
        peerSmall: await statementsPerRequest(pgCounter, peerCounted.url, c.peer.small, {}, settings.countRequests),
      };
      (details.statements as Record<string, unknown>)[c.key] = {
        ours: counts.ours.texts,
        postgraphile: counts.peer.texts,
      };
      // Constant: the bigger page needs no more statements than the small one (the count may vary by one between
      // requests when loader batches fall into different ticks, at either size).
      if (counts.ours.max > counts.oursSmall.max || counts.ours.min > counts.oursSmall.min) constant = false;
      constancy.push(`${c.key} ${range(counts.oursSmall)} at ${SMALL_PAGE}, ${range(counts.ours)} at ${c.size}`);
      ctx.log(`queries ${c.key}: statements/request ours ${range(counts.oursSmall)} at ${SMALL_PAGE}, ${range(counts.ours)} at ${c.size}; PostGraphile ${range(counts.peerSmall)}, ${range(counts.peer)}`);

      const rounds: { ours: Load[]; peer: Load[] } = { ours: [], peer: [] };
      for (let r = 0; r < settings.rounds; r += 1) {
        const order = r % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
        for (const who of order) {
          const [url, body, headers, expected] =
            who === 'ours'
              ? [c.api.url, c.ours.body, auth, expectedOurs.body]
              : [peer.url, c.peer.body, {}, expectedPeer.body];
          await load(url, body, headers, expected, settings.warmup, settings.connections);
          const measured = await load(url, body, headers, expected, settings.duration, settings.connections);
          ctx.log(`queries ${c.key} ${who} round ${r + 1}: ${fmt(measured.rps)} req/s, p99 ${measured.p99} ms, errors ${measured.errors}`);
          rounds[who].push(measured);
        }
      }
      const median = (loads: Load[]) => [...loads].sort((a, b) => a.rps - b.rps)[Math.floor(loads.length / 2)]!;
      const o = median(rounds.ours);
      const p = median(rounds.peer);
      const ratio = round(o.rps / p.rps, 2);
      details[`rounds_${c.key}`] = rounds;
      for (const [server, m, count, small] of [
        ['Uvian API', o, counts.ours, counts.oursSmall],
        ['PostGraphile 4.14', p, counts.peer, counts.peerSmall],
      ] as const) {
        rows.push({
          query: c.label,
          server,
          'req/s': m.rps,
          'p50 ms': m.p50,
          'p97.5 ms': m.p97_5,
          'p99 ms': m.p99,
          'errors + non-2xx + mismatches': m.errors,
          [`statements/request (page ${SMALL_PAGE})`]: range(small),
          'statements/request (page 20 or 50)': range(count),
          'ours/PostGraphile req/s': server === 'Uvian API' ? `${ratio}x` : '',
        });
      }
      if (!c.target) continue;
      targets.push({
        target: `${c.target}: >= 1.5x PostGraphile's req/s at equal or lower p99`,
        measured: `${ratio}x (${fmt(o.rps)} vs ${fmt(p.rps)} req/s), p99 ${o.p99} vs ${p.p99} ms`,
        met: ratio >= 1.5 && o.p99 <= p.p99 && o.errors === 0,
      });
    }
    targets.push({
      target: 'SQL statements per request constant in page size (Uvian API)',
      measured: constancy.join('; '),
      met: constant,
    });

    return {
      name: 'queries',
      title: 'Queries over HTTP: Uvian API vs PostGraphile',
      method: [
        `Data set "${settings.dataset}" (${formatRows(dataset.info.rows)}; bench/lib/dataset.ts). One Uvian API process`,
        `(\`NODE_ENV=production\`, \`RATE_LIMITS=off\`, \`RUN_WORKERS=false\`, pool 10) and one PostGraphile 4.14 process`,
        `(bench/peers/postgraphile.cjs: \`public\` schema, pool 10, no watch, no query log, \`dynamicJson\`,`,
        `\`setofFunctionsContainNulls: false\`, connected as the owner so row level security does not apply, like the API's`,
        `own connection) on the same database. PostGraphile gets what it cannot generate through its extension points:`,
        `a custom query \`bench_viewer_conversations(viewer)\` (the viewer's conversations by activity) and a computed column`,
        `\`conversations_unread_count(c, viewer)\` that counts the unread rows (the SQL a PostGraphile user writes over`,
        `these tables, and the API's own until it kept counters: BENCHMARKS.md, History); lastMessage is its`,
        `\`messagesByConversationId(first: 1, orderBy: SEQ_DESC, condition: {deletedAt: null})\`. Differences: PostGraphile`,
        `takes the viewer as an argument and checks nothing; the API verifies a JWT and the viewer's membership. The viewer`,
        `is the median user among those with >= 20 conversations (${viewer.conversations}); the page is the newest`,
        `${MESSAGE_PAGE} messages of the viewer's busiest conversation (${conversation.messages} messages). Before`,
        `measuring, one response of each is checked for errors and the two are compared (same conversations in the same`,
        `order, unread counts, last messages, members; same messages and senders); every measured response must then be`,
        `byte-identical to it (autocannon \`expectBody\`), so errors counts failures, non-2xx and mismatches. Load:`,
        `autocannon in the orchestrator process, ${settings.connections} connections, ${settings.warmup} s warm-up then`,
        `${settings.duration} s measured, ${settings.rounds} round(s) alternating which server goes first, the median round`,
        `by req/s reported. SQL statements per request: a separate instance of each server connected through a counting`,
        `proxy (bench/lib/pg-counter.ts: Query and Execute messages of the Postgres wire protocol, so BEGIN/COMMIT count`,
        `too), each of ${settings.countRequests} sequential requests counted on its own after warm-up (shown as a range when`,
        `they differ); pg_stat_statements is not used`,
        `because it needs shared_preload_libraries and a Postgres restart. The API runs with its caches, on by default:`,
        `the message page cache (src/http/page-cache.ts), which serves the same page requested again from memory after one`,
        `statement checks the viewer's membership and the page's versions (1-2 statements: 2 when it executes and keeps`,
        `the page), as when a conversation's members open it; and the member cache (src/loaders/conversation-members.ts),`,
        `which keeps conversations' member lists and reads again only those whose versions changed (in the same one`,
        `statement). The \`cache off\` rows are a second API process with \`PAGE_CACHE_MB=0\` and \`MEMBER_CACHE_SIZE=0\`,`,
        `reading everything on every request, measured against PostGraphile in rounds of their own (no target).`,
      ].join(' '),
      columns: [
        'query',
        'server',
        'req/s',
        'p50 ms',
        'p97.5 ms',
        'p99 ms',
        'errors + non-2xx + mismatches',
        `statements/request (page ${SMALL_PAGE})`,
        'statements/request (page 20 or 50)',
        'ours/PostGraphile req/s',
      ],
      rows,
      notes: [
        `Data set loaded in ${dataset.info.totalSeconds} s (COPY ${dataset.info.loadSeconds} s, VACUUM ANALYZE ${dataset.info.vacuumSeconds} s), ${dataset.info.databaseMb} MB.`,
      ],
      targets,
      details,
    };
  } finally {
    await stopAll([api, apiCounted, apiUncached, apiUncachedCounted, peer, peerCounted], ctx.redisUrl);
    await Promise.all([oursCounter.close(), pgCounter.close()]);
  }
}
