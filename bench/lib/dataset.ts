/**
 * Benchmark data set generator: fills a fresh, migrated database with users, spaces, conversations and messages shaped
 * like real use, bulk loaded with COPY, then VACUUM ANALYZE.
 *
 *   npm run bench:data -- --preset quick                       # a new database, kept; prints its URL (bench/data.ts)
 *   npm run bench:data -- --preset large --database-url postgres://…/db   # into an existing empty database (migrated first)
 *
 * Shape (deterministic for a given preset and seed):
 * - profiles `user_<i>` (0.5% agents); spaces of 20-200 members (quick: 10-100);
 * - conversations: 60% direct (2 members, unique direct_key), 30% groups (5-20 members, 60% inside a space, drawn
 *   from its members), 10% channels (30-100% of their space's members); the creator is the owner;
 * - messages in time order over 90 days, each in a conversation drawn from a heavy-tailed (log-normal) activity
 *   weight, from one of its members; seq increases per conversation and is shared with the conversation's event log,
 *   as the API writes them: every message has its `message_added` event with the same seq, and between messages there
 *   are `read_receipt` (~10% of messages: a member reads the newest message, moving their last_read_seq/last_read_at
 *   there), `message_edited` (1%) and `message_deleted` (0.5%, the message becomes a tombstone) events with their own
 *   seqs. conversations.last_seq is the newest event's seq, last_activity_at the newest message's time, message_count the
 *   number of messages (each message's ordinal counts them in seq order, as the API numbers them);
 * - half the messages carry a clientMessageId, 5% reply to the previous message of their conversation.
 *
 * The load runs with session_replication_role = replica (foreign-key triggers off; the rows are consistent by
 * construction); check constraints apply. The indexes and keys of messages and conversation_events are dropped for the
 * load and rebuilt after it, exactly as they were (so unique and primary keys are still checked, once, at the end).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { createBenchDatabase, type BenchDatabase } from './database.ts';

export type DatasetPresetName = 'tiny' | 'quick' | 'large';

export interface DatasetSize {
  users: number;
  spaces: number;
  conversations: number;
  messages: number;
  /** Members of a space, uniformly between these. */
  spaceSize: [number, number];
}

export const DATASET_PRESETS: Record<DatasetPresetName, DatasetSize> = {
  /** For developing the suite only. */
  tiny: { users: 200, spaces: 10, conversations: 300, messages: 5_000, spaceSize: [10, 60] },
  quick: { users: 1_000, spaces: 50, conversations: 2_000, messages: 50_000, spaceSize: [10, 100] },
  large: { users: 10_000, spaces: 500, conversations: 50_000, messages: 2_000_000, spaceSize: [20, 200] },
};

export interface DatasetInfo {
  preset: DatasetPresetName;
  seed: number;
  rows: Record<string, number>;
  /** Generation and COPY, then VACUUM ANALYZE, in seconds. */
  loadSeconds: number;
  vacuumSeconds: number;
  totalSeconds: number;
  /** Size of the database after the load. */
  databaseMb: number;
}

const DAY = 86_400_000;

/** mulberry32: a small, fast, seeded PRNG (the data set is the same on every run). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const u32hex = () => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    /** A version-4 UUID from the seeded stream. */
    uuid: () => {
      const h = u32hex() + u32hex() + u32hex() + u32hex();
      const variant = '89ab'[parseInt(h[16]!, 16) & 3]!;
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
type Rng = ReturnType<typeof prng>;

/** k distinct items of `from` (k <= from.length), partial Fisher-Yates on a copy. */
function sample(rng: Rng, from: readonly number[], k: number): number[] {
  const pool = [...from];
  const out: number[] = [];
  for (let i = 0; i < k && i < pool.length; i += 1) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    out.push(pool[i]!);
  }
  return out;
}

/** k distinct integers in [0, n) (k much smaller than n). */
function sampleRange(rng: Rng, n: number, k: number): number[] {
  const seen = new Set<number>();
  while (seen.size < Math.min(k, n)) seen.add(Math.floor(rng.next() * n));
  return [...seen];
}

const FIRST = ['ada', 'alan', 'grace', 'linus', 'barbara', 'ken', 'dennis', 'margaret', 'edsger', 'frances', 'john', 'radia', 'tim', 'vint', 'donald', 'niklaus'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'liskov', 'thompson', 'ritchie', 'hamilton', 'dijkstra', 'allen', 'backus', 'perlman', 'lee', 'cerf', 'knuth', 'wirth'];
const WORDS = (
  'the a to and of in is it you that for on with this we be are have do not at can will just so what about ' +
  'deploy build test release meeting tomorrow today review merge branch bug fix issue design api schema query ' +
  'message conversation space channel please thanks sounds good idea let me check later agreed done ship it ' +
  'lunch coffee call sync notes draft doc figma ticket sprint plan estimate blocked waiting ready update'
).split(' ');

/** COPY text format: tab-separated, \N for null. Our values never contain tabs, newlines or backslashes. */
const NULL = '\\N';
const line = (values: Array<string | number | null>) => `${values.map((v) => (v === null ? NULL : String(v))).join('\t')}\n`;

async function copyRows(sql: postgres.Sql, statement: string, rows: Iterable<string>): Promise<void> {
  const writable = await sql.unsafe(statement).writable();
  await pipeline(Readable.from(batch(rows)), writable);
}

/** Joins lines into ~256 KB chunks so the stream is not one write per row. */
function* batch(rows: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Drops the indexes of `tables` (primary keys and unique constraints included, with the foreign keys that depend on
 * them) and returns a function that recreates them exactly (pg_get_constraintdef / pg_get_indexdef): building an index
 * once over millions of rows is much faster than maintaining it row by row during COPY.
 */
async function deferIndexes(sql: postgres.Sql, tables: string[]): Promise<() => Promise<void>> {
  const keys = await sql<Array<{ tbl: string; name: string; def: string }>>`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where conrelid = any(${tables}::regclass[]) and contype in ('p', 'u')`;
  const foreign = await sql<Array<{ tbl: string; name: string; def: string }>>`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where confrelid = any(${tables}::regclass[]) and contype = 'f'`;
  const indexes = await sql<Array<{ name: string; def: string }>>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`;
  for (const fk of foreign) await sql.unsafe(`alter table ${fk.tbl} drop constraint "${fk.name}"`);
  for (const key of keys) await sql.unsafe(`alter table ${key.tbl} drop constraint "${key.name}"`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  return async () => {
    await sql`set maintenance_work_mem = '256MB'`;
    for (const key of keys) await sql.unsafe(`alter table ${key.tbl} add constraint "${key.name}" ${key.def}`);
    for (const index of indexes) await sql.unsafe(index.def);
    for (const fk of foreign) await sql.unsafe(`alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
    await sql`reset maintenance_work_mem`;
  };
}

/**
 * Generates and loads a data set into `databaseUrl`, which must be migrated and empty. Returns row counts and timings.
 */
export async function generateDataset(
  databaseUrl: string,
  preset: DatasetPresetName,
  options: { seed?: number; log?: (line: string) => void } = {},
): Promise<DatasetInfo> {
  const size = DATASET_PRESETS[preset];
  const seed = options.seed ?? 20261125;
  const log = options.log ?? (() => {});
  const rng = prng(seed);
  const started = performance.now();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const rows: Record<string, number> = {};
  try {
    const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from profiles`;
    if (count > 0) throw new Error('the database already has profiles: generate into a fresh migrated database');
    await sql`set session_replication_role = replica`;

    const end = Date.now() - 60_000;
    const start = end - 90 * DAY;
    const iso = (ms: number) => new Date(ms).toISOString();

    // Profiles.
    const userIds = Array.from({ length: size.users }, () => rng.uuid());
    const isAgent = userIds.map(() => rng.next() < 0.005);
    await copyRows(
      sql,
      'copy profiles (id, username, full_name, avatar_url, type, last_seen_at, created_at, updated_at) from stdin',
      (function* () {
        for (let i = 0; i < size.users; i += 1) {
          const created = iso(start - rng.int(1, 60) * DAY);
          yield line([
            userIds[i]!,
            `user_${i}`,
            isAgent[i] ? `Agent ${i}` : `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
            rng.next() < 0.7 ? `https://avatars.example.com/u/${i}.png` : null,
            isAgent[i] ? 'agent' : 'human',
            iso(end - rng.int(0, 14 * DAY)),
            created,
            created,
          ]);
        }
      })(),
    );
    rows.profiles = size.users;

    // Spaces and their members.
    const allUsers = Array.from({ length: size.users }, (_, i) => i);
    const spaceIds: string[] = [];
    const spaceMembers: number[][] = [];
    const spaceLines: string[] = [];
    const spaceMemberLines: string[] = [];
    for (let s = 0; s < size.spaces; s += 1) {
      const id = rng.uuid();
      const members = sample(rng, allUsers, rng.int(size.spaceSize[0], Math.min(size.spaceSize[1], size.users)));
      const created = start - rng.int(20, 40) * DAY;
      spaceIds.push(id);
      spaceMembers.push(members);
      spaceLines.push(
        line([id, `Space ${s}`, rng.next() < 0.5 ? `What space ${s} is about` : null, 'team', rng.next() < 0.3 ? 't' : 'f', userIds[members[0]!]!, iso(created), iso(created)]),
      );
      members.forEach((user, k) =>
        spaceMemberLines.push(
          line([id, userIds[user]!, k === 0 ? 'owner' : rng.next() < 0.05 ? 'admin' : 'member', iso(created + rng.int(0, 15 * DAY))]),
        ),
      );
    }
    await copyRows(sql, 'copy spaces (id, name, description, type, is_public, creator_id, created_at, updated_at) from stdin', spaceLines);
    await copyRows(sql, 'copy space_members (space_id, user_id, role, joined_at) from stdin', spaceMemberLines);
    rows.spaces = size.spaces;
    rows.space_members = spaceMemberLines.length;

    // Conversations and members (written after the messages, once last_seq and read positions are known).
    const n = size.conversations;
    const convIds: string[] = [];
    const convType: Array<'direct' | 'group' | 'channel'> = [];
    const convSpace: Array<number | null> = [];
    const convCreated = new Float64Array(n);
    const memberStart = new Int32Array(n + 1);
    const memberUsers: number[] = [];
    const directKeys = new Set<string>();
    const directKeyOf: Array<string | null> = [];
    const weights = new Float64Array(n);
    for (let c = 0; c < n; c += 1) {
      const roll = rng.next();
      const type = roll < 0.6 ? 'direct' : roll < 0.9 ? 'group' : 'channel';
      let members: number[];
      let space: number | null = null;
      let key: string | null = null;
      if (type === 'direct') {
        do {
          members = sampleRange(rng, size.users, 2);
          key = [userIds[members[0]!]!, userIds[members[1]!]!].sort().join(':');
        } while (directKeys.has(key));
        directKeys.add(key);
      } else if (type === 'group') {
        if (rng.next() < 0.6) {
          space = rng.int(0, size.spaces - 1);
          members = sample(rng, spaceMembers[space]!, rng.int(5, 20));
        } else {
          members = sampleRange(rng, size.users, rng.int(5, 20));
        }
      } else {
        space = rng.int(0, size.spaces - 1);
        const pool = spaceMembers[space]!;
        members = sample(rng, pool, Math.max(2, Math.round(pool.length * (0.3 + 0.7 * rng.next()))));
      }
      convIds.push(rng.uuid());
      convType.push(type);
      convSpace.push(space);
      directKeyOf.push(key);
      convCreated[c] = start - rng.int(1, 10 * DAY);
      memberStart[c] = memberUsers.length;
      memberUsers.push(...members);
      weights[c] = Math.exp((type === 'direct' ? 0 : type === 'group' ? 0.5 : 1) + 1.2 * rng.normal());
    }
    memberStart[n] = memberUsers.length;
    const lastReadSeq = new Int32Array(memberUsers.length);
    const lastReadAt = new Float64Array(memberUsers.length);
    const cumulative = new Float64Array(n);
    let total = 0;
    for (let c = 0; c < n; c += 1) cumulative[c] = total += weights[c]!;
    const drawConversation = () => {
      const x = rng.next() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };

    // Messages in time order, with the other events between them.
    const lastSeq = new Int32Array(n);
    const messagesIn = new Int32Array(n);
    const lastEventAt = new Float64Array(n);
    const lastActivityAt = new Float64Array(n);
    const lastMessageId: Array<string | null> = new Array(n).fill(null);
    const otherEvents: string[] = [];
    const edits: string[] = [];
    const contents = Array.from({ length: 4096 }, () =>
      Array.from({ length: rng.int(2, 40) }, () => rng.pick(WORDS)).join(' '),
    );
    const step = (end - start) / size.messages;
    let messageCount = 0;
    const messageLines = function* () {
      for (let m = 0; m < size.messages; m += 1) {
        const at = start + m * step + rng.next() * step * 0.5;
        const c = drawConversation();
        const from = memberStart[c]!;
        const count = memberStart[c + 1]! - from;
        const sender = memberUsers[from + Math.floor(rng.next() * count)]!;
        const seq = (lastSeq[c]! += 1);
        const id = rng.uuid();
        const replyTo = lastMessageId[c] !== null && rng.next() < 0.05 ? lastMessageId[c]! : null;
        yield line([
          id,
          convIds[c]!,
          userIds[sender]!,
          contents[Math.floor(rng.next() * contents.length)]!,
          isAgent[sender] ? 'ai' : 'text',
          replyTo,
          rng.next() < 0.5 ? `cm-${m.toString(36)}` : null,
          seq,
          (messagesIn[c]! += 1),
          iso(at),
        ]);
        messageCount += 1;
        lastMessageId[c] = id;
        lastActivityAt[c] = at;
        lastEventAt[c] = at;

        const roll = rng.next();
        const later = at + Math.min(step * 0.4, 60_000);
        if (roll < 0.1) {
          // A member other than the sender reads up to this message.
          const reader = from + Math.floor(rng.next() * count);
          if (memberUsers[reader] !== sender) {
            const receiptSeq = (lastSeq[c]! += 1);
            lastReadSeq[reader] = seq;
            lastReadAt[reader] = later;
            lastEventAt[c] = later;
            otherEvents.push(line([convIds[c]!, receiptSeq, 'read_receipt', id, userIds[memberUsers[reader]!]!, iso(later)]));
          }
        } else if (roll < 0.115) {
          // Its sender edits (1%) or deletes (0.5%) it (each message at most once).
          const deleted = roll >= 0.11;
          const eventSeq = (lastSeq[c]! += 1);
          lastEventAt[c] = later;
          edits.push(line([id, deleted ? null : iso(later), deleted ? iso(later) : null]));
          otherEvents.push(line([convIds[c]!, eventSeq, deleted ? 'message_deleted' : 'message_edited', id, null, iso(later)]));
        }
      }
    };
    const restoreIndexes = await deferIndexes(sql, ['messages', 'conversation_events']);
    await copyRows(
      sql,
      'copy messages (id, conversation_id, sender_id, content, type, reply_to_id, client_message_id, seq, ordinal, created_at) from stdin',
      messageLines(),
    );
    rows.messages = messageCount;
    log(`  messages copied (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    await copyRows(
      sql,
      'copy conversations (id, space_id, name, type, creator_id, direct_key, last_seq, message_count, last_activity_at, created_at, updated_at) from stdin',
      (function* () {
        for (let c = 0; c < n; c += 1) {
          const created = convCreated[c]!;
          yield line([
            convIds[c]!,
            convSpace[c] === null ? null : spaceIds[convSpace[c]!]!,
            convType[c] === 'direct' ? null : `${convType[c]}-${c}`,
            convType[c]!,
            userIds[memberUsers[memberStart[c]!]!]!,
            directKeyOf[c]!,
            lastSeq[c]!,
            messagesIn[c]!,
            iso(lastActivityAt[c] || created),
            iso(created),
            iso(lastEventAt[c] || created),
          ]);
        }
      })(),
    );
    rows.conversations = n;
    await copyRows(
      sql,
      'copy conversation_members (conversation_id, user_id, role, last_read_seq, last_read_at, joined_at) from stdin',
      (function* () {
        for (let c = 0; c < n; c += 1) {
          for (let k = memberStart[c]!; k < memberStart[c + 1]!; k += 1) {
            const role = convType[c] === 'direct' ? 'member' : k === memberStart[c] ? 'owner' : 'member';
            yield line([convIds[c]!, userIds[memberUsers[k]!]!, role, lastReadSeq[k]!, lastReadAt[k] ? iso(lastReadAt[k]!) : null, iso(convCreated[c]! + (k - memberStart[c]!))]);
          }
        }
      })(),
    );
    rows.conversation_members = memberUsers.length;

    // Edits and deletions, then the event log: message_added for every message (as the API writes it, same seq), the
    // other events as generated.
    await sql`create temporary table bench_edits (id uuid primary key, edited_at timestamptz, deleted_at timestamptz)`;
    await copyRows(sql, 'copy bench_edits (id, edited_at, deleted_at) from stdin', edits);
    await sql`
      update messages m set edited_at = e.edited_at, deleted_at = e.deleted_at
      from bench_edits e where m.id = e.id`;
    await sql`drop table bench_edits`;
    await sql`
      insert into conversation_events (conversation_id, seq, type, message_id, created_at)
      select conversation_id, seq, 'message_added', id, created_at from messages`;
    await copyRows(sql, 'copy conversation_events (conversation_id, seq, type, message_id, user_id, created_at) from stdin', otherEvents);
    rows.conversation_events = messageCount + otherEvents.length;
    const indexStarted = performance.now();
    await restoreIndexes();
    log(`  indexes of messages and conversation_events rebuilt (${((performance.now() - indexStarted) / 1000).toFixed(1)} s)`);
    await sql`reset session_replication_role`;
    const loadSeconds = (performance.now() - started) / 1000;
    log(`  loaded in ${loadSeconds.toFixed(1)} s; vacuum analyze`);

    const vacuumStarted = performance.now();
    await sql`vacuum analyze`;
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const [{ bytes }] = await sql<[{ bytes: number }]>`select pg_database_size(current_database())::float8 as bytes`;
    return {
      preset,
      seed,
      rows,
      loadSeconds: round1(loadSeconds),
      vacuumSeconds: round1(vacuumSeconds),
      totalSeconds: round1(loadSeconds + vacuumSeconds),
      databaseMb: Math.round(bytes / 2 ** 20),
    };
  } finally {
    await sql.end();
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface LoadedDataset extends BenchDatabase {
  info: DatasetInfo;
}

const loaded = new Map<DatasetPresetName, Promise<LoadedDataset>>();

/**
 * The run's data set of a preset: generated into a fresh database on first use, shared by the sections of one run
 * (read-only sections run before the ones that write), dropped at cleanup.
 */
export function benchDataset(preset: DatasetPresetName, log: (line: string) => void): Promise<LoadedDataset> {
  let dataset = loaded.get(preset);
  if (!dataset) {
    dataset = (async () => {
      log(`data set "${preset}": generating`);
      const database = await createBenchDatabase(`uvian_bench_${preset}`, 'run');
      try {
        const info = await generateDataset(database.url, preset, { log });
        log(`data set "${preset}": ${formatRows(info.rows)} in ${info.totalSeconds} s (${info.databaseMb} MB)`);
        return { ...database, info };
      } catch (error) {
        await database.drop();
        throw error;
      }
    })();
    dataset.catch(() => loaded.delete(preset));
    loaded.set(preset, dataset);
  }
  return dataset;
}

export const formatRows = (rows: Record<string, number>) =>
  Object.entries(rows)
    .map(([table, count]) => `${count.toLocaleString('en-US')} ${table}`)
    .join(', ');
