import type { Transaction } from 'kysely';
import type { Context } from '../context.ts';
import { anyUuid } from '../db/sql-helpers.ts';
import { reviveMember, rowJson, type Json } from '../db/json-rows.ts';
import type { ConversationMemberRow, ConversationRow, ConversationType, Database } from '../db/types.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import { isConversationAdmin, requireConversationMember, requireSpaceMember, requireViewer } from './access.ts';
import { appendEvents, publishEvents, type NewEvent } from './events.ts';
import { writeReadReceipt } from './write-read-receipt.ts';
import { lastMessageJsonSql, reviveLastMessage, unreadCountSql } from '../loaders/index.ts';
import { newestFirstConnection, newestFirstPage, selectNewestFirst, type Connection } from './pagination.ts';

type ConversationPageRow = ConversationRow & {
  cursor_time: string;
  membership: Json<ConversationMemberRow> | string;
  unread_count?: number;
  last_message?: Parameters<typeof reviveLastMessage>[0] | null;
};

/** What a page of conversations shows of each, read in the page's own statement when it is asked for. */
export interface ConversationPageIncludes {
  unreadCount?: boolean;
  lastMessage?: boolean;
}

/** The viewer's conversations, most recently active first. */
export async function listConversations(
  ctx: Context,
  args: { first: number; after?: string | null; spaceId?: string | null; include?: ConversationPageIncludes },
): Promise<Connection<ConversationRow>> {
  const viewer = requireViewer(ctx);
  const page = newestFirstPage('conversation', args);
  const base = ctx.db
    .selectFrom('conversations as c')
    .innerJoin('conversation_members as cm', (join) =>
      join.onRef('cm.conversation_id', '=', 'c.id').on('cm.user_id', '=', viewer.id),
    )
    .$if(args.spaceId != null, (qb) => qb.where('c.space_id', '=', args.spaceId!));
  const rows: ConversationPageRow[] = await selectNewestFirst(
    base
      .selectAll('c')
      .select(rowJson<ConversationMemberRow>('cm').as('membership'))
      .$if(args.include?.unreadCount === true, (qb) => qb.select(unreadCountSql(viewer.id).as('unread_count')))
      .$if(args.include?.lastMessage === true, (qb) => qb.select(lastMessageJsonSql().as('last_message'))),
    { time: 'c.last_activity_at', id: 'c.id' },
    page,
  ).execute();
  return newestFirstConnection(
    page,
    rows,
    ({ membership, unread_count, last_message, ...conversation }) => {
      ctx.loaders.viewerMembership.prime(conversation.id, reviveMember(membership));
      ctx.loaders.conversation.prime(conversation.id, conversation);
      if (unread_count !== undefined) ctx.loaders.unreadCount.prime(conversation.id, Number(unread_count));
      if (last_message !== undefined) {
        ctx.loaders.lastMessage.prime(conversation.id, last_message === null ? null : reviveLastMessage(last_message));
      }
      return conversation;
    },
    async () => {
      const result = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      return Number(result.count);
    },
  );
}

export async function getConversation(ctx: Context, id: string): Promise<ConversationRow> {
  return (await requireConversationMember(ctx, id)).conversation;
}

export interface CreateConversationInput {
  name?: string | null;
  type: ConversationType;
  spaceId?: string | null;
  memberIds: string[];
}

/**
 * Creates a conversation with the viewer as owner. A direct conversation between the same two people is returned,
 * not duplicated (and the viewer rejoins it if they had left).
 */
export async function createConversation(ctx: Context, input: CreateConversationInput): Promise<ConversationRow> {
  const viewer = requireViewer(ctx);
  await ctx.rateLimits.consume('createConversation', viewer.id);
  const others = [...new Set(input.memberIds)].filter((id) => id !== viewer.id);
  if (input.type === 'direct') {
    if (others.length !== 1) throw badInput('A direct conversation has exactly one other member', 'input.memberIds');
    if (input.spaceId) throw badInput('Direct conversations do not belong to a space', 'input.spaceId');
    if (input.name) throw badInput('Direct conversations have no name', 'input.name');
  } else if (!input.name) {
    throw badInput(`A ${input.type} conversation needs a name`, 'input.name');
  }
  if (input.spaceId) await requireSpaceMember(ctx, input.spaceId);
  await requireUsers(ctx, others, input.spaceId ?? null, 'input.memberIds');

  if (input.type === 'direct') {
    const directKey = [viewer.id, others[0]!].sort().join(':');
    const direct = await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values({ type: 'direct', creator_id: viewer.id, direct_key: directKey })
        .onConflict((oc) => oc.column('direct_key').doNothing())
        .execute();
      const conversation = await trx
        .selectFrom('conversations')
        .selectAll()
        .where('direct_key', '=', directKey)
        .executeTakeFirstOrThrow();
      const rejoined = await addMembers(trx, conversation.id, [viewer.id, others[0]!], 'member');
      // A new conversation has no history to tell; one the viewer had left records their return.
      const events = conversation.last_seq > 0 ? await appendEvents(trx, conversation.id, joinedEvents(rejoined)) : [];
      return { conversation, events };
    });
    publishEvents(ctx, direct.events);
    return direct.conversation;
  }

  return ctx.db.transaction().execute(async (trx) => {
    const conversation = await trx
      .insertInto('conversations')
      .values({ type: input.type, name: input.name!, space_id: input.spaceId ?? null, creator_id: viewer.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await addMembers(trx, conversation.id, [viewer.id], 'owner');
    await addMembers(trx, conversation.id, others, 'member');
    return conversation;
  });
}

/** Every id must be a profile, and in a space's conversation a member of that space. */
async function requireUsers(ctx: Context, ids: string[], spaceId: string | null, field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await ctx.db
    .selectFrom('profiles as p')
    .$if(spaceId !== null, (qb) =>
      qb.innerJoin('space_members as sm', (join) => join.onRef('sm.user_id', '=', 'p.id').on('sm.space_id', '=', spaceId)),
    )
    .select('p.id')
    .where('p.id', '=', anyUuid(ids))
    .execute();
  const foundIds = new Set(found.map((row) => row.id));
  const missing = ids.filter((id) => !foundIds.has(id));
  if (missing.length > 0) {
    const why = spaceId ? 'not members of the space' : 'not users';
    throw badInput(`These ids are ${why}: ${missing.slice(0, 5).join(', ')}`, field);
  }
}

/** Adds members, skipping those already in; returns the ids actually added. */
async function addMembers(
  trx: Transaction<Database>,
  conversationId: string,
  userIds: string[],
  role: 'owner' | 'member',
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const added = await trx
    .insertInto('conversation_members')
    .values(userIds.map((user_id) => ({ conversation_id: conversationId, user_id, role })))
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  return added.map((row) => row.user_id);
}

const joinedEvents = (userIds: string[]): NewEvent[] => userIds.map((userId) => ({ type: 'member_joined', userId }));

/** Conversation owners and admins add people to group conversations and channels; existing members are skipped. */
export async function addConversationMembers(
  ctx: Context,
  input: { conversationId: string; userIds: string[] },
): Promise<ConversationRow> {
  const { conversation, member } = await requireConversationMember(ctx, input.conversationId);
  if (conversation.type === 'direct') {
    throw badInput('A direct conversation has exactly two members; create a group instead', 'conversationId');
  }
  if (!isConversationAdmin(member)) throw forbidden('Only conversation owners and admins can add members');
  const userIds = [...new Set(input.userIds)];
  await requireUsers(ctx, userIds, conversation.space_id, 'userIds');
  const events = await ctx.db.transaction().execute(async (trx) =>
    appendEvents(trx, conversation.id, joinedEvents(await addMembers(trx, conversation.id, userIds, 'member'))),
  );
  publishEvents(ctx, events);
  ctx.loaders.conversationMembers.clear(conversation.id);
  ctx.loaders.conversationMemberCount.clear(conversation.id);
  return conversation;
}

/**
 * The viewer leaves. When the last owner or admin leaves a group or channel that still has members, the longest-standing
 * member becomes its owner, so that someone can still manage it. Direct conversations have no owner.
 */
export async function leaveConversation(ctx: Context, conversationId: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const { conversation } = await requireConversationMember(ctx, conversationId);
  const events = await ctx.db.transaction().execute(async (trx) => {
    // Leaves of one conversation run one at a time: otherwise the owner and the member next in line leaving together
    // each promote someone the other is removing, and the conversation is left with no owner. NO KEY UPDATE does not
    // block inserts of members (their foreign key takes KEY SHARE).
    await trx.selectFrom('conversations').select('id').where('id', '=', conversationId).forNoKeyUpdate().execute();
    await trx
      .deleteFrom('conversation_members')
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', viewer.id)
      .execute();
    const left = await appendEvents(trx, conversationId, [{ type: 'member_left', userId: viewer.id }]);
    // A direct conversation has no owner: both people are plain members. Promoting the one left behind would let them
    // delete the other's messages once they come back.
    if (conversation.type === 'direct') return left;
    const admins = await trx
      .selectFrom('conversation_members')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('conversation_id', '=', conversationId)
      .where('role', 'in', ['owner', 'admin'])
      .executeTakeFirstOrThrow();
    if (Number(admins.count) > 0) return left;
    await trx
      .updateTable('conversation_members')
      .set({ role: 'owner' })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', (eb) =>
        eb
          .selectFrom('conversation_members')
          .select('user_id')
          .where('conversation_id', '=', conversationId)
          .orderBy('joined_at')
          .orderBy('user_id')
          .limit(1),
      )
      .execute();
    return left;
  });
  publishEvents(ctx, events);
  ctx.loaders.viewerMembership.clear(conversationId);
  ctx.loaders.conversationAccess.clear(conversationId);
  return true;
}

/** Moves the viewer's read position up to the given message (never back); unreadCount follows. */
export async function markConversationRead(
  ctx: Context,
  input: { conversationId: string; messageId: string },
): Promise<ConversationRow> {
  const viewer = requireViewer(ctx);
  const moved = await writeReadReceipt(ctx.db, { ...input, readerId: viewer.id });
  if (moved) publishEvents(ctx, [moved.event]);
  const conversation = moved?.conversation ?? (await unmovedReadPosition(ctx, input));
  ctx.loaders.viewerMembership.clear(input.conversationId);
  ctx.loaders.conversationAccess.clear(input.conversationId);
  ctx.loaders.unreadCount.clear(input.conversationId);
  return conversation;
}

/** Why a read position did not move: not a member or no such message (errors), or a message read already (no-op). */
async function unmovedReadPosition(ctx: Context, input: { conversationId: string; messageId: string }): Promise<ConversationRow> {
  const { conversation } = await requireConversationMember(ctx, input.conversationId);
  const message = await ctx.loaders.message.load(input.messageId);
  if (!message || message.conversation_id !== conversation.id) throw notFound('Message');
  return conversation;
}
