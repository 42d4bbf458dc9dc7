import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/connect.ts';
import type { MemberSummary, ProfileSummary, ProfileView } from '../db/types.ts';

/** The most members `Conversation.members` returns; memberCount has the full number. */
export const MEMBERS_LIMIT = 500;

/** A member as `Conversation.members` loads it: with the profile's summary, read in the same statement. */
export type LoadedMember = MemberSummary & { profile?: ProfileView };

export interface ConversationMembers {
  key: string;
  members: LoadedMember[];
}

interface Cached {
  /** conversations.members_version and profile_versions.version when the list was read (member_versions migration). */
  membersVersion: number;
  profilesVersion: number;
  members: LoadedMember[];
}

/**
 * Member lists kept across requests, per conversation, while their versions stay the same. A conversation list shows
 * every member of 20 conversations with their names (~1,500 rows for a member of channels): reading, decoding and
 * collecting those rows on every request was half of the list's CPU, for lists that change when someone joins, leaves
 * or renames themselves. Bounded by `maxMembers` members in all (~500 bytes each with their profiles).
 */
export interface MemberCache {
  lists: LRUCache<string, Cached>;
  counts: MemberCacheCounts;
}

export interface MemberCacheCounts {
  /** Member lists reused: Postgres said they were unchanged. */
  hits: number;
  /** Member lists read from Postgres (not held, or changed since). */
  reads: number;
}

export function createMemberCache(maxMembers: number): MemberCache {
  return {
    lists: new LRUCache<string, Cached>({ maxSize: maxMembers, sizeCalculation: (entry) => entry.members.length + 1 }),
    counts: { hits: 0, reads: 0 },
  };
}

const caches = new WeakMap<Db, MemberCache>();

/** Member lists read through `db` are kept in `cache` (one per database handle: a server's, not a transaction's). */
export function useMemberCache(db: Db, cache: MemberCache): void {
  caches.set(db, cache);
}

interface Row {
  conversation_id: string;
  members_version: number;
  profiles_version: number;
  /** The member columns are null on a conversation's one row when its list was not read (unchanged, or no members). */
  user_id: string | null;
  role: MemberSummary['role'];
  joined_at: Date;
  rank: number;
  username: string;
  full_name: string | null;
  avatar_url: string | null;
  type: ProfileSummary['type'];
}

/** Longest-standing first; at the same moment owner, then admins, then members. */
const MEMBER_ORDER = sql`cm.joined_at, case cm.role when 'owner' then 0 when 'admin' then 1 else 2 end, cm.user_id`;

/**
 * The first MEMBERS_LIMIT members of each conversation with their profiles' summaries, longest-standing first, in one
 * statement. The statement is given the versions of the lists already held and reads only the lists whose versions
 * differ; every conversation still returns a row with its current versions. Conversations that do not exist are left out.
 */
export async function loadConversationMembers(db: Db, ids: readonly string[]): Promise<ConversationMembers[]> {
  const cache = caches.get(db);
  const held = ids.map((id) => cache?.lists.get(id));
  const { rows } = await sql<Row>`
    select k.id as conversation_id, c.members_version, v.version as profiles_version,
      r.user_id, r.role, r.joined_at, r.rank, p.username, p.full_name, p.avatar_url, p.type
    from unnest(${[...ids]}::uuid[], ${held.map((entry) => entry?.membersVersion ?? -1)}::bigint[],
        ${held.map((entry) => entry?.profilesVersion ?? -1)}::bigint[]) as k(id, members_version, profiles_version)
    join conversations c on c.id = k.id
    cross join profile_versions v
    left join lateral (
      select cm.user_id, cm.role, cm.joined_at, row_number() over (order by ${MEMBER_ORDER}) as rank
      from conversation_members cm
      where cm.conversation_id = k.id
        and (c.members_version <> k.members_version or v.version <> k.profiles_version)
      order by ${MEMBER_ORDER}
      limit ${MEMBERS_LIMIT}
    ) r on true
    left join profiles p on p.id = r.user_id`.execute(db);

  const read = groupRows(rows);
  const result: ConversationMembers[] = [];
  ids.forEach((id, i) => {
    const versions = read.versions.get(id);
    if (!versions) return;
    const entry = held[i];
    if (entry && entry.membersVersion === versions.members_version && entry.profilesVersion === versions.profiles_version) {
      result.push({ key: id, members: entry.members });
      cache!.counts.hits += 1;
      return;
    }
    const members = read.members.get(id) ?? [];
    if (cache) {
      cache.lists.set(id, { membersVersion: versions.members_version, profilesVersion: versions.profiles_version, members });
      cache.counts.reads += 1;
    }
    result.push({ key: id, members });
  });
  return result;
}

/**
 * Each conversation's versions, and the members read, in rank order, one profile object per person. (The order is made
 * here: sorting the joined rows in Postgres cost more than the rest of the statement.)
 */
function groupRows(rows: Row[]) {
  const versions = new Map<string, Row>();
  const memberRows: Array<Row & { user_id: string }> = [];
  for (const row of rows) {
    if (!versions.has(row.conversation_id)) versions.set(row.conversation_id, row);
    if (row.user_id !== null) memberRows.push(row as Row & { user_id: string });
  }
  // Ranks count from 1 in each conversation, so one sort by rank puts every conversation's members in order.
  memberRows.sort((a, b) => a.rank - b.rank);
  const members = new Map<string, LoadedMember[]>();
  const profiles = new Map<string, ProfileSummary>();
  for (const row of memberRows) {
    let profile = profiles.get(row.user_id);
    if (!profile) {
      profile = { id: row.user_id, username: row.username, full_name: row.full_name, avatar_url: row.avatar_url, type: row.type };
      profiles.set(row.user_id, profile);
    }
    const member: LoadedMember = { conversation_id: row.conversation_id, user_id: row.user_id, role: row.role, joined_at: row.joined_at, profile };
    const list = members.get(row.conversation_id);
    if (list) list.push(member);
    else members.set(row.conversation_id, [member]);
  }
  return { versions, members };
}
