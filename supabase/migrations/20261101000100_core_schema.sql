-- Profiles, spaces, conversations, messages and jobs: the system of record of Uvian API.
-- The API connects as a privileged role and authorises in its resolvers; the RLS policies at the end let a signed-in
-- user reading through Supabase directly see no more than the API shows them, and write nothing but their own profile.

create table public.profiles (
  id uuid primary key,
  username text not null unique check (username ~ '^[a-z0-9_]{3,32}$'),
  full_name text check (char_length(full_name) <= 100),
  avatar_url text check (char_length(avatar_url) <= 2048),
  type text not null default 'human' check (type in ('human', 'agent')),
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'One row per Supabase Auth user (id = auth.users.id) or AI agent.';

create table public.spaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 100),
  description text check (char_length(description) <= 1000),
  type text not null default 'team' check (char_length(type) between 1 and 50),
  is_public boolean not null default false,
  creator_id uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index spaces_public_created_idx on public.spaces (created_at desc, id desc) where is_public;
create index spaces_creator_idx on public.spaces (creator_id);

create table public.space_members (
  space_id uuid not null references public.spaces (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  joined_at timestamptz not null default now(),
  primary key (space_id, user_id)
);
create index space_members_user_idx on public.space_members (user_id, space_id);

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  space_id uuid references public.spaces (id) on delete cascade,
  name text check (char_length(name) between 1 and 100),
  type text not null check (type in ('direct', 'group', 'channel')),
  creator_id uuid not null references public.profiles (id),
  -- "<smaller uuid>:<larger uuid>" for direct conversations, so a pair has at most one.
  direct_key text unique check ((type = 'direct') = (direct_key is not null)),
  -- Per-conversation event sequence: incremented (row-locked) by every durable write, so seq order is commit order.
  last_seq bigint not null default 0,
  last_activity_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_space_idx on public.conversations (space_id) where space_id is not null;
create index conversations_activity_idx on public.conversations (last_activity_at desc, id desc);

create table public.conversation_members (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  last_read_seq bigint not null default 0,
  last_read_at timestamptz,
  joined_at timestamptz not null default now(),
  primary key (conversation_id, user_id)
);
create index conversation_members_user_idx on public.conversation_members (user_id, conversation_id);

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  sender_id uuid not null references public.profiles (id),
  content text not null check (char_length(content) between 1 and 4000),
  type text not null default 'text' check (type in ('text', 'system', 'ai')),
  reply_to_id uuid references public.messages (id) on delete set null,
  client_message_id text check (char_length(client_message_id) between 1 and 100),
  seq bigint not null,
  edited_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  unique (conversation_id, seq),
  unique (conversation_id, sender_id, client_message_id)
);
create index messages_sender_idx on public.messages (sender_id, created_at desc);
create index messages_reply_to_idx on public.messages (reply_to_id) where reply_to_id is not null;

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type in ('ai-chat', 'message-notification', 'user-analytics')),
  status text not null default 'queued'
    check (status in ('queued', 'active', 'completed', 'failed', 'cancelled')),
  input jsonb not null default '{}'::jsonb,
  output jsonb,
  error text,
  progress real check (progress between 0 and 1),
  attempts integer not null default 0 check (attempts >= 0),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
  creator_id uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz not null default now()
);
create index jobs_creator_idx on public.jobs (creator_id, created_at desc, id desc);
create index jobs_status_idx on public.jobs (status, created_at) where status in ('queued', 'active');

-- Membership checks for RLS. security definer so that a policy on a members table can read that table.
create function public.is_space_member(target_space uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (
      select 1 from public.space_members where space_id = target_space and user_id = auth.uid()
    )
  $$;

create function public.is_conversation_member(target_conversation uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (
      select 1 from public.conversation_members
      where conversation_id = target_conversation and user_id = auth.uid()
    )
  $$;

revoke all on function public.is_space_member(uuid) from public;
revoke all on function public.is_conversation_member(uuid) from public;
grant execute on function public.is_space_member(uuid) to authenticated, service_role;
grant execute on function public.is_conversation_member(uuid) to authenticated, service_role;

alter table public.profiles enable row level security;
alter table public.spaces enable row level security;
alter table public.space_members enable row level security;
alter table public.conversations enable row level security;
alter table public.conversation_members enable row level security;
alter table public.messages enable row level security;
alter table public.jobs enable row level security;

-- Writes go through the API; signed-in users read through RLS and may edit their own profile's public fields.
revoke all on public.profiles, public.spaces, public.space_members, public.conversations,
  public.conversation_members, public.messages, public.jobs from anon, authenticated;
grant all on public.profiles, public.spaces, public.space_members, public.conversations,
  public.conversation_members, public.messages, public.jobs to service_role;

-- settings stay private to their owner (the API shows them only to the owner), so they are not granted at all.
grant select (id, username, full_name, avatar_url, type, last_seen_at, created_at, updated_at)
  on public.profiles to authenticated;
grant update (full_name, avatar_url) on public.profiles to authenticated;
grant select on public.spaces, public.space_members, public.conversations, public.conversation_members,
  public.messages, public.jobs to authenticated;
grant select (id, name, description, type, is_public, created_at) on public.spaces to anon;

create policy "profiles are visible to signed-in users" on public.profiles
  for select to authenticated using (true);
create policy "users update their own profile" on public.profiles
  for update to authenticated using (id = auth.uid()) with check (id = auth.uid());

create policy "public spaces are visible to everyone" on public.spaces
  for select to anon, authenticated using (is_public);
create policy "members see their spaces" on public.spaces
  for select to authenticated using (public.is_space_member(id));

create policy "members see their space's members" on public.space_members
  for select to authenticated using (public.is_space_member(space_id));

create policy "members see their conversations" on public.conversations
  for select to authenticated using (public.is_conversation_member(id));

create policy "members see their conversation's members" on public.conversation_members
  for select to authenticated using (public.is_conversation_member(conversation_id));

-- Deleted messages are tombstones in the API (no content); directly they are not visible at all.
create policy "members see their conversation's messages" on public.messages
  for select to authenticated using (deleted_at is null and public.is_conversation_member(conversation_id));

create policy "users see their own jobs" on public.jobs
  for select to authenticated using (creator_id = auth.uid());
