-- Background jobs' companions: stored notifications (one per message and recipient, so a retried job writes each once)
-- and per-user analytics figures.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  type text not null check (type in ('new_message')),
  conversation_id uuid references public.conversations (id) on delete cascade,
  message_id uuid references public.messages (id) on delete cascade,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (message_id, user_id)
);
create index notifications_user_idx on public.notifications (user_id, created_at desc, id desc);

create table public.user_stats (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  messages_sent integer not null default 0,
  conversations integer not null default 0,
  active_days integer not null default 0,
  last_active_at timestamptz,
  computed_at timestamptz not null default now()
);

alter table public.jobs add column max_attempts integer not null default 3 check (max_attempts between 1 and 10);

alter table public.notifications enable row level security;
alter table public.user_stats enable row level security;
revoke all on public.notifications, public.user_stats from anon, authenticated;
grant all on public.notifications, public.user_stats to service_role;
grant select on public.notifications, public.user_stats to authenticated;
create policy "users see their own notifications" on public.notifications
  for select to authenticated using (user_id = auth.uid());
create policy "users see their own figures" on public.user_stats
  for select to authenticated using (user_id = auth.uid());
