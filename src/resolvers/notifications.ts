import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { anyUuid } from '../db/sql-helpers.ts';
import type { NotificationRow } from '../db/types.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';
import { requireViewer } from './access.ts';
import { newestFirstConnection, newestFirstPage, selectNewestFirst, type Connection } from './pagination.ts';

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
  const page = newestFirstPage('notification', args);
  const base = ctx.db
    .selectFrom('notifications')
    .where('user_id', '=', viewer.id)
    .$if(Boolean(args.unreadOnly), (qb) => qb.where('read_at', 'is', null));
  const rows = await selectNewestFirst(base.selectAll(), { time: 'created_at', id: 'id' }, page).execute();
  return newestFirstConnection(page, rows, toItem, async () =>
    Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
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
