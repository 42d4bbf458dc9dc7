-- Versions that tell the API's page cache (src/http/page-cache.ts) whether a cached message page is still what
-- Postgres holds. A page shows a conversation's messages and their senders' names and avatars, so it is current while
--   * the conversation's last_seq (bumped by every message written) is the same,
--   * its content_version (bumped below by every update or delete of its messages, from the API or from anywhere
--     else: the dashboard, a service-role script) is the same, and
--   * profile_versions.version (bumped below by every change of a shown profile column anywhere) is the same.
-- The counters only grow and are read in one statement before a page is read, so a change committed after that read
-- makes the next comparison fail: a cached page is never older than a committed change that it would show.

alter table public.conversations add column content_version bigint not null default 0;

create table public.profile_versions (
  id boolean primary key default true check (id),
  version bigint not null default 0
);
insert into public.profile_versions (id, version) values (true, 0);
-- Read and bumped by the API's role and by the triggers below; no client role sees it.
alter table public.profile_versions enable row level security;

create function public.bump_conversation_content_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.conversations c
  set content_version = c.content_version + 1
  where c.id in (select distinct changed.conversation_id from changed);
  return null;
end;
$$;

create trigger messages_bump_content_version_on_update
after update on public.messages
referencing old table as changed
for each statement execute function public.bump_conversation_content_version();

create trigger messages_bump_content_version_on_delete
after delete on public.messages
referencing old table as changed
for each statement execute function public.bump_conversation_content_version();

create function public.bump_profile_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.profile_versions set version = version + 1 where id;
  return null;
end;
$$;

-- Only the columns a page shows of its senders: presence writes last_seen_at on every heartbeat.
create trigger profiles_bump_version
after update of id, username, full_name, avatar_url, type or delete on public.profiles
for each statement execute function public.bump_profile_version();
