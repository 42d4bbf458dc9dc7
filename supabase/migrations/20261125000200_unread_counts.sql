-- Unread counts from counters instead of counting rows: a member's unread count in a channel of 100,000 messages is
-- a few index lookups, not a scan of everything after their read position.
--
-- Every message gets its ordinal in the conversation (1, 2, 3, … in seq order, deleted ones included) from
-- conversations.message_count, bumped in the transaction that reserves its seq. Then for a member whose read position
-- is seq r:
--   unread = message_count - (ordinal of the last message at or before r)
--            - (deleted messages after r) - (their own live messages after r)
-- and the two subtractions have small partial indexes of their own.

alter table public.conversations add column message_count bigint not null default 0 check (message_count >= 0);
alter table public.messages add column ordinal bigint;

update public.messages m
set ordinal = numbered.ordinal
from (select id, row_number() over (partition by conversation_id order by seq) as ordinal from public.messages) numbered
where numbered.id = m.id;

update public.conversations c
set message_count = counted.count
from (select conversation_id, count(*) as count from public.messages group by conversation_id) counted
where counted.conversation_id = c.id;

alter table public.messages alter column ordinal set not null;
alter table public.messages add constraint messages_ordinal_positive check (ordinal > 0);

create index messages_deleted_idx on public.messages (conversation_id, seq) where deleted_at is not null;
create index messages_sender_seq_idx on public.messages (conversation_id, sender_id, seq) where deleted_at is null;
