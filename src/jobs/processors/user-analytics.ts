import { sql } from 'kysely';
import type { JobInput } from '../definitions.ts';
import type { ProcessorContext } from '../runner.ts';

/**
 * Per-user figures (messages sent, conversations, days with a message, last message) into user_stats: for one user, or
 * for every user who sent anything (the daily scheduler). Recomputed from the messages, so running it twice is harmless.
 */
export async function userAnalytics(ctx: ProcessorContext<JobInput<'user-analytics'>>) {
  const userId = ctx.input.userId ?? null;
  const result = await sql<{ users: number }>`
    with figures as (
      select p.id as user_id,
             (select count(*) from messages m where m.sender_id = p.id and m.deleted_at is null)::int as messages_sent,
             (select count(*) from conversation_members cm where cm.user_id = p.id)::int as conversations,
             (select count(distinct (m.created_at at time zone 'UTC')::date) from messages m
               where m.sender_id = p.id and m.deleted_at is null)::int
               as active_days,
             (select max(m.created_at) from messages m where m.sender_id = p.id and m.deleted_at is null) as last_active_at
      from profiles p
      where (${userId}::uuid is null or p.id = ${userId}::uuid)
    ), saved as (
      insert into user_stats (user_id, messages_sent, conversations, active_days, last_active_at, computed_at)
      select user_id, messages_sent, conversations, active_days, last_active_at, now() from figures
      on conflict (user_id) do update set
        messages_sent = excluded.messages_sent, conversations = excluded.conversations,
        active_days = excluded.active_days, last_active_at = excluded.last_active_at, computed_at = now()
      returning 1
    )
    select count(*)::int as users from saved`.execute(ctx.db);
  return { users: result.rows[0]?.users ?? 0 };
}
