import DataLoader from 'dataloader';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import { reviveMember, reviveMessage, type Json } from '../db/json-rows.ts';
import { anyUuid } from '../db/sql-helpers.ts';
import type {
  ConversationMemberRow,
  ConversationRow,
  MessageRow,
  ProfileSummary,
  ProfileView,
  SpaceRole,
} from '../db/types.ts';
import type { Presence } from '../pubsub/presence.ts';
import { countLoader, rowLoader, type LoaderOptions } from './create-loader.ts';
import { loadConversationMembers, type ConversationMembers } from './conversation-members.ts';
import { lazyLoaders, overlay, type LazyLoaders } from './lazy.ts';
import { carriedMessage } from '../resolvers/events.ts';

export { MEMBERS_LIMIT, type LoadedMember } from './conversation-members.ts';

/** A message as loaders return it: with its sender's profile (a summary, or the whole row) when it was read with it. */
export type LoadedMessage = MessageRow & { sender_profile?: ProfileView };

type MessageWithSenderRow = MessageRow & {
  sender_username: string;
  sender_full_name: string | null;
  sender_avatar_url: string | null;
  sender_type: ProfileSummary['type'];
};

/** Messages (`m`) with their senders' summary columns; pass the rows to withSenderProfiles. */
export function messagesWithSenders(db: Db) {
  return db
    .selectFrom('messages as m')
    .innerJoin('profiles as p', 'p.id', 'm.sender_id')
    .selectAll('m')
    .select(['p.username as sender_username', 'p.full_name as sender_full_name', 'p.avatar_url as sender_avatar_url', 'p.type as sender_type']);
}

/** Messages with their senders' profiles, one object per sender (a page is mostly a few people talking). */
export function withSenderProfiles(rows: MessageWithSenderRow[]): LoadedMessage[] {
  const senders = new Map<string, ProfileSummary>();
  for (const row of rows as Array<MessageWithSenderRow & LoadedMessage>) {
    let sender = senders.get(row.sender_id);
    if (!sender) {
      sender = {
        id: row.sender_id,
        username: row.sender_username,
        full_name: row.sender_full_name,
        avatar_url: row.sender_avatar_url,
        type: row.sender_type,
      };
      senders.set(row.sender_id, sender);
    }
    row.sender_profile = sender;
  }
  return rows;
}

/**
 * Messages from others after the viewer's read position, from counters (see the unread_counts migration): the
 * messages after it, less the deleted ones and the viewer's own. Index lookups, however far behind they are. An
 * expression over `c` (the conversation) and `cm` (the viewer's membership of it).
 */
export function unreadCountSql(viewerId: string): RawBuilder<number> {
  return sql<number>`(c.message_count
    - coalesce((
        select m.ordinal from messages m
        where m.conversation_id = c.id and m.seq <= cm.last_read_seq
        order by m.seq desc limit 1
      ), 0)
    - (select count(*) from messages m
        where m.conversation_id = c.id and m.seq > cm.last_read_seq and m.deleted_at is not null)
    - (select count(*) from messages m
        where m.conversation_id = c.id and m.sender_id = ${viewerId} and m.seq > cm.last_read_seq
          and m.deleted_at is null))`;
}

type LastMessageJson = { message: Json<MessageRow>; sender: ProfileSummary } | null;

/** The newest message of `c` that is not deleted, with its sender's summary, as one JSON value (null when none). */
export function lastMessageJsonSql(): RawBuilder<LastMessageJson | string> {
  return sql`(
    select json_build_object('message', to_json(m), 'sender', json_build_object(
        'id', p.id, 'username', p.username, 'full_name', p.full_name, 'avatar_url', p.avatar_url, 'type', p.type))
    from (select * from messages where conversation_id = c.id and deleted_at is null order by seq desc limit 1) m
    join profiles p on p.id = m.sender_id)`;
}

export function reviveLastMessage(value: NonNullable<LastMessageJson> | string): LoadedMessage {
  const { message, sender } = (typeof value === 'string' ? JSON.parse(value) : value) as NonNullable<LastMessageJson>;
  return { ...reviveMessage(message), sender_profile: sender };
}

/** What the loaders of one request (or one event) read with. */
interface LoaderDeps {
  db: Db;
  presence: Pick<Presence, 'isOnline'>;
  /** The signed-in user, or a nil id that matches nothing. */
  viewer: string;
  options: LoaderOptions;
}

/** What the signed-in user sees of rows: their role, their membership, their unread counts. */
const viewerLoaders = {
  viewerSpaceRole: (d: LoaderDeps) =>
    rowLoader<string, { space_id: string; role: SpaceRole }>(
      (ids) =>
        d.db
          .selectFrom('space_members')
          .select(['space_id', 'role'])
          .where('user_id', '=', d.viewer)
          .where('space_id', '=', anyUuid(ids))
          .execute(),
      (row) => row.space_id,
      d.options,
    ),
  /** A conversation and the viewer's membership of it (null when not a member), in one statement. */
  conversationAccess: (d: LoaderDeps) =>
    rowLoader<string, { conversation: ConversationRow; member: ConversationMemberRow | null }>(
      async (ids) => {
        const rows = await d.db
          .selectFrom('conversations as c')
          .leftJoin('conversation_members as cm', (join) =>
            join.onRef('cm.conversation_id', '=', 'c.id').on('cm.user_id', '=', d.viewer),
          )
          .selectAll('c')
          .select(sql<string | null>`case when cm.user_id is null then null else to_json(cm) end`.as('membership'))
          .where('c.id', '=', anyUuid(ids))
          .execute();
        return rows.map(({ membership, ...conversation }) => ({
          conversation,
          member: membership === null ? null : reviveMember(membership),
        }));
      },
      (row) => row.conversation.id,
      d.options,
    ),
  viewerMembership: (d: LoaderDeps) =>
    rowLoader<string, ConversationMemberRow>(
      (ids) =>
        d.db
          .selectFrom('conversation_members')
          .selectAll()
          .where('user_id', '=', d.viewer)
          .where('conversation_id', '=', anyUuid(ids))
          .execute(),
      (row) => row.conversation_id,
      d.options,
    ),
  /**
   * Messages from others after the viewer's read position, from counters (see the unread_counts migration): the
   * messages after it, less the deleted ones and the viewer's own. Index lookups, however far behind they are.
   */
  unreadCount: (d: LoaderDeps) =>
    countLoader(async (ids) => {
      const result = await sql<{ key: string; count: number }>`
        select c.id as key, ${unreadCountSql(d.viewer)} as count
        from conversations c
        join conversation_members cm on cm.conversation_id = c.id and cm.user_id = ${d.viewer}
        where c.id = ${anyUuid(ids)}`.execute(d.db);
      return result.rows;
    }, d.options),
};

/** Rows as they are for everyone, whoever asks. */
const sharedLoaders = {
  isOnline: (d: LoaderDeps) =>
    new DataLoader<string, boolean>((ids) => d.presence.isOnline(ids), {
      cache: d.options.cache,
    }),
  profile: (d: LoaderDeps) =>
    rowLoader(
      (ids) => d.db.selectFrom('profiles').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      d.options,
    ),
  space: (d: LoaderDeps) =>
    rowLoader(
      (ids) => d.db.selectFrom('spaces').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      d.options,
    ),
  conversation: (d: LoaderDeps) =>
    rowLoader(
      (ids) => d.db.selectFrom('conversations').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      d.options,
    ),
  message: (d: LoaderDeps) =>
    rowLoader<string, LoadedMessage>(
      async (ids) => withSenderProfiles(await messagesWithSenders(d.db).where('m.id', '=', anyUuid(ids)).execute()),
      (row) => row.id,
      d.options,
    ),
  spaceMemberCount: (d: LoaderDeps) =>
    countLoader(
      (ids) =>
        d.db
          .selectFrom('space_members')
          .select(['space_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('space_id', '=', anyUuid(ids))
          .groupBy('space_id')
          .execute(),
      d.options,
    ),
  /** The first MEMBERS_LIMIT members of each conversation with their profiles (kept across requests while unchanged). */
  conversationMembers: (d: LoaderDeps) =>
    rowLoader<string, ConversationMembers>((ids) => loadConversationMembers(d.db, ids), (row) => row.key, d.options),
  conversationMemberCount: (d: LoaderDeps) =>
    countLoader(
      (ids) =>
        d.db
          .selectFrom('conversation_members')
          .select(['conversation_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('conversation_id', '=', anyUuid(ids))
          .groupBy('conversation_id')
          .execute(),
      d.options,
    ),
  lastMessage: (d: LoaderDeps) =>
    rowLoader<string, LoadedMessage>(
      async (ids) => {
        const result = await sql<{ last_message: LastMessageJson | string }>`
          select ${lastMessageJsonSql()} as last_message from unnest(${[...ids]}::uuid[]) as c(id)`.execute(d.db);
        return result.rows.flatMap((row) => (row.last_message === null ? [] : [reviveLastMessage(row.last_message)]));
      },
      (row) => row.conversation_id,
      d.options,
    ),
  messageCount: (d: LoaderDeps) =>
    countLoader(
      (ids) =>
        d.db
          .selectFrom('messages')
          .select(['conversation_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('conversation_id', '=', anyUuid(ids))
          .groupBy('conversation_id')
          .execute(),
      d.options,
    ),
};

const allLoaders = { ...sharedLoaders, ...viewerLoaders };

export type Loaders = LazyLoaders<typeof allLoaders>;
type SharedLoaders = LazyLoaders<typeof sharedLoaders>;

const requestLoaders = lazyLoaders<LoaderDeps, typeof allLoaders>(allLoaders);
const eventLoaders = lazyLoaders<LoaderDeps, typeof sharedLoaders>(sharedLoaders);

/**
 * Per-request loaders. Every list or related-row field reads through one of these: one statement per batch. Each is
 * made on first use, so a request (or a subscription, for as long as it lives) holds only the loaders it reads through.
 */
export function createLoaders(
  db: Db,
  presence: Pick<Presence, 'isOnline'>,
  viewerId: string | undefined,
  options: LoaderOptions = { cache: true },
): Loaders {
  return requestLoaders.create({
    db,
    presence,
    viewer: viewerId ?? '00000000-0000-0000-0000-000000000000',
    options,
  });
}

const perEvent = new WeakMap<object, SharedLoaders>();

/**
 * Loaders for one live event, shared by every subscriber of this process that receives it. Pub/sub hands the same payload
 * object to all of them, so a message is read once per event per process instead of once per subscriber; rows are
 * still fresh (read after the event). What depends on the viewer stays per subscriber.
 */
export function withEventLoaders(
  ctx: { db: Db; presence: Pick<Presence, 'isOnline'> },
  own: Loaders,
  event: object,
): Loaders {
  let shared = perEvent.get(event);
  if (!shared) {
    shared = eventLoaders.create({
      db: ctx.db,
      presence: ctx.presence,
      viewer: '',
      options: { cache: true },
    });
    perEvent.set(event, shared);
    // A sent message travels with its event: the processes fanning it out do not read it back.
    const message = carriedMessage(event);
    if (message) shared.message.prime(message.id, message);
  }
  return overlay(own, shared, eventLoaders.keys);
}

/**
 * A subscription's context lives as long as the subscription: from now on its loaders batch but never cache, so every
 * event reads fresh rows.
 */
export function useUncachedLoaders(
  ctx: { db: Db; presence: Pick<Presence, 'isOnline'>; loaders: Loaders },
  viewerId: string,
) {
  ctx.loaders = createLoaders(ctx.db, ctx.presence, viewerId, { cache: false });
}
