import DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { anyUuid } from '../db/sql-helpers.ts';
import type { ConversationMemberRow, MessageRow, SpaceRole } from '../db/types.ts';
import type { Presence } from '../pubsub/presence.ts';
import { countLoader, groupLoader, rowLoader, type LoaderOptions } from './create-loader.ts';

/** The most members `Conversation.members` returns; memberCount has the full number. */
export const MEMBERS_LIMIT = 500;

/** Per-request loaders. Every list or related-row field reads through one of these: one statement per batch. */
export function createLoaders(
  db: Db,
  presence: Pick<Presence, 'isOnline'>,
  viewerId: string | undefined,
  options: LoaderOptions = { cache: true },
) {
  return { ...createSharedLoaders(db, presence, options), ...createViewerLoaders(db, viewerId, options) };
}

/** What the signed-in user sees of rows: their role, their membership, their unread counts. */
function createViewerLoaders(db: Db, viewerId: string | undefined, options: LoaderOptions) {
  const viewer = viewerId ?? '00000000-0000-0000-0000-000000000000';
  return {
    viewerSpaceRole: rowLoader<string, { space_id: string; role: SpaceRole }>(
      (ids) =>
        db
          .selectFrom('space_members')
          .select(['space_id', 'role'])
          .where('user_id', '=', viewer)
          .where('space_id', '=', anyUuid(ids))
          .execute(),
      (row) => row.space_id,
      options,
    ),
    viewerMembership: rowLoader<string, ConversationMemberRow>(
      (ids) =>
        db
          .selectFrom('conversation_members')
          .selectAll()
          .where('user_id', '=', viewer)
          .where('conversation_id', '=', anyUuid(ids))
          .execute(),
      (row) => row.conversation_id,
      options,
    ),
    unreadCount: countLoader(
      (ids) =>
        db
          .selectFrom('messages as m')
          .innerJoin('conversation_members as cm', (join) =>
            join.onRef('cm.conversation_id', '=', 'm.conversation_id').on('cm.user_id', '=', viewer),
          )
          .select(['m.conversation_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('m.conversation_id', '=', anyUuid(ids))
          .whereRef('m.seq', '>', 'cm.last_read_seq')
          .where('m.sender_id', '<>', viewer)
          .where('m.deleted_at', 'is', null)
          .groupBy('m.conversation_id')
          .execute(),
      options,
    ),
  };
}

/** Rows as they are for everyone, whoever asks. */
function createSharedLoaders(db: Db, presence: Pick<Presence, 'isOnline'>, options: LoaderOptions) {
  return {
    isOnline: new DataLoader<string, boolean>((ids) => presence.isOnline(ids), { cache: options.cache }),
    profile: rowLoader(
      (ids) => db.selectFrom('profiles').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      options,
    ),
    space: rowLoader(
      (ids) => db.selectFrom('spaces').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      options,
    ),
    conversation: rowLoader(
      (ids) => db.selectFrom('conversations').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      options,
    ),
    message: rowLoader(
      (ids) => db.selectFrom('messages').selectAll().where('id', '=', anyUuid(ids)).execute(),
      (row) => row.id,
      options,
    ),
    spaceMemberCount: countLoader(
      (ids) =>
        db
          .selectFrom('space_members')
          .select(['space_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('space_id', '=', anyUuid(ids))
          .groupBy('space_id')
          .execute(),
      options,
    ),
    conversationMembers: groupLoader<string, ConversationMemberRow>(
      (ids) =>
        db
          .selectFrom((eb) =>
            eb
              .selectFrom('conversation_members')
              .selectAll()
              .select(
                sql<number>`row_number() over (
                  partition by conversation_id
                  order by joined_at, case role when 'owner' then 0 when 'admin' then 1 else 2 end, user_id
                )`.as('rank'),
              )
              .where('conversation_id', '=', anyUuid(ids))
              .as('ranked'),
          )
          .selectAll()
          .where('rank', '<=', MEMBERS_LIMIT)
          .orderBy('rank')
          .execute(),
      (row) => row.conversation_id,
      options,
    ),
    conversationMemberCount: countLoader(
      (ids) =>
        db
          .selectFrom('conversation_members')
          .select(['conversation_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('conversation_id', '=', anyUuid(ids))
          .groupBy('conversation_id')
          .execute(),
      options,
    ),
    lastMessage: rowLoader<string, MessageRow>(
      async (ids) => {
        const result = await sql<MessageRow>`
          select m.* from unnest(${[...ids]}::uuid[]) as c(id)
          cross join lateral (
            select * from messages
            where conversation_id = c.id and deleted_at is null
            order by seq desc limit 1
          ) m`.execute(db);
        return result.rows;
      },
      (row) => row.conversation_id,
      options,
    ),
    messageCount: countLoader(
      (ids) =>
        db
          .selectFrom('messages')
          .select(['conversation_id as key', (eb) => eb.fn.countAll<number>().as('count')])
          .where('conversation_id', '=', anyUuid(ids))
          .groupBy('conversation_id')
          .execute(),
      options,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

type SharedLoaders = ReturnType<typeof createSharedLoaders>;
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
    shared = createSharedLoaders(ctx.db, ctx.presence, { cache: true });
    perEvent.set(event, shared);
  }
  return { ...own, ...shared };
}

/**
 * A subscription's context lives as long as the subscription: from now on its loaders batch but never cache, so every
 * event reads fresh rows.
 */
export function useUncachedLoaders(ctx: { db: Db; presence: Pick<Presence, 'isOnline'>; loaders: Loaders }, viewerId: string) {
  ctx.loaders = createLoaders(ctx.db, ctx.presence, viewerId, { cache: false });
}
