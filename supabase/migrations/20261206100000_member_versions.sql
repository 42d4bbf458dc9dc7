-- A version per conversation's member list, for the API's member cache (src/loaders/conversation-members.ts): every
-- member list that conversation lists show (Conversation.members, with names and avatars) is kept in memory and read
-- again only when
--   * the conversation's members_version (bumped below by every insert or delete of its members, and by every change
--     of a member's role or joining time, from the API or from anywhere else) or
--   * profile_versions.version (see the page_versions migration: every change of a shown profile column)
-- differ from the versions it was read at. Both are read in the statement that reads the members, so a list is only
-- reused when Postgres, in that statement's snapshot, says nothing in it has changed. Read receipts (last_read_seq,
-- last_read_at) do not bump it: the cached list does not show them.

alter table public.conversations add column members_version bigint not null default 0;

create function public.bump_conversation_members_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.conversations c
  set members_version = c.members_version + 1
  where c.id in (select distinct changed.conversation_id from changed);
  return null;
end;
$$;

create trigger conversation_members_bump_version_on_insert
after insert on public.conversation_members
referencing new table as changed
for each statement execute function public.bump_conversation_members_version();

create trigger conversation_members_bump_version_on_delete
after delete on public.conversation_members
referencing old table as changed
for each statement execute function public.bump_conversation_members_version();

-- Postgres allows no transition table on a trigger with a column list, so updates are seen row by row; the column list
-- keeps read receipts, the frequent update, from firing it at all.
create function public.bump_conversation_members_version_of_row() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.conversations c
  set members_version = c.members_version + 1
  where c.id in (old.conversation_id, new.conversation_id);
  return null;
end;
$$;

create trigger conversation_members_bump_version_on_update
after update of conversation_id, user_id, role, joined_at on public.conversation_members
for each row
when (old.conversation_id is distinct from new.conversation_id or old.user_id is distinct from new.user_id
  or old.role is distinct from new.role or old.joined_at is distinct from new.joined_at)
execute function public.bump_conversation_members_version_of_row();
