-- The durable log of what happens in a conversation, in commit order. Every event takes the conversation's next
-- sequence number in the transaction that writes it (a message shares its number with its message_added event), so a
-- subscriber that resumes from a cursor reads exactly what it missed.

create table public.conversation_events (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  seq bigint not null,
  type text not null check (type in (
    'message_added', 'message_edited', 'message_deleted', 'read_receipt', 'member_joined', 'member_left'
  )),
  message_id uuid references public.messages (id) on delete cascade,
  -- Who the event is about: the reader, the member who joined or left.
  user_id uuid references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (conversation_id, seq),
  check ((type like 'message_%' or type = 'read_receipt') = (message_id is not null)),
  check ((type like 'member_%' or type = 'read_receipt') = (user_id is not null))
);

insert into public.conversation_events (conversation_id, seq, type, message_id, created_at)
select conversation_id, seq, 'message_added', id, created_at from public.messages
on conflict do nothing;

alter table public.conversation_events enable row level security;
revoke all on public.conversation_events from anon, authenticated;
grant all on public.conversation_events to service_role;
grant select on public.conversation_events to authenticated;
create policy "members see their conversation's events" on public.conversation_events
  for select to authenticated using (public.is_conversation_member(conversation_id));
