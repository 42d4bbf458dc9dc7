import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { anyUuid, microsecondTimestamp, olderThan } from '../db/sql-helpers.ts';
import type { NotificationRow } from '../db/types.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';
import { requireViewer } from './access.ts';
import { decodeCursor, encodeCursor, isTimeAndIdCursor, toConnection, type Connection } from './pagination.ts';

export type NotificationItem = TopicPayloads['user'];

const toItem = (row: NotificationRow): NotificationItem => ({
  type: row.type,
  userId: row.user_id,
  conversationId: row.conversation_id ?? '',
  messageId: row.message_id ?? '',
  createdAt: row.created_at.toISOString(),
  id: row.id,
  readAt: row.read_at?.toISOString() ?? null,
});

/** The viewer's stored notifications (what reached them while they were offline), newest first. */
export async function listNotifications(
  ctx: Context,
  args: { first: number; after?: string | null; unreadOnly?: boolean | null },
): Promise<Connection<NotificationItem>> {
  const viewer = requireViewer(ctx);
  const after = args.after ? decodeCursor('notification', args.after, 'after', isTimeAndIdCursor) : null;
  const base = ctx.db
    .selectFrom('notifications')
    .where('user_id', '=', viewer.id)
    .$if(Boolean(args.unreadOnly), (qb) => qb.where('read_at', 'is', null));
  const rows = await base
    .selectAll()
    .select(microsecondTimestamp('created_at').as('created_cursor'))
    .$if(after !== null, (qb) => qb.where(olderThan('created_at', 'id', after!)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(args.first + 1)
    .execute();
  const page = rows.slice(0, args.first);
  const cursors = new Map(page.map((row) => [row.id, encodeCursor('notification', [row.created_cursor, row.id])]));
  return toConnection(
    page.map(toItem),
    (item) => cursors.get(item.id!)!,
    { hasNextPage: rows.length > args.first, hasPreviousPage: after !== null },
    async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  );
}

/** Marks the given notifications of the viewer's (or all of them) as read; returns how many changed. */
export async function markNotificationsRead(ctx: Context, ids: readonly string[] | null | undefined): Promise<number> {
  const viewer = requireViewer(ctx);
  const result = await ctx.db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', viewer.id)
    .where('read_at', 'is', null)
    .$if(ids != null, (qb) => qb.where('id', '=', anyUuid(ids!)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
