-- Demo data for a first run: applied by the Supabase CLI on `supabase db reset`, and by the API on the first start of
-- the embedded default. Profile ids are the ids `npm run token -- <username>` signs, so a dev token for alice is alice.

insert into public.profiles (id, username, full_name, type, settings) values
  ('e8d979fc-320d-549e-bfea-cf93eb5c6adf', 'alice', 'Alice Martin', 'human', '{"theme": "dark"}'),
  ('01041395-eff3-5bd8-8016-c5e5d1a624ca', 'bob', 'Bob Chen', 'human', '{}'),
  ('2985ade3-1a58-5464-b92d-12282f6e9e64', 'carol', 'Carol Diaz', 'human', '{}'),
  ('16d70e3e-78ac-5a36-a398-48518e7f1983', 'uvian_assistant', 'Uvian Assistant', 'agent', '{}')
on conflict (id) do nothing;

insert into public.spaces (id, name, description, type, is_public, creator_id) values
  ('5a1a0000-0000-4000-8000-000000000001', 'Uvian HQ', 'Everyone at Uvian: announcements and small talk', 'team', true,
   'e8d979fc-320d-549e-bfea-cf93eb5c6adf'),
  ('5a1a0000-0000-4000-8000-000000000002', 'Design Guild', 'Private space of the design team', 'team', false,
   '01041395-eff3-5bd8-8016-c5e5d1a624ca')
on conflict (id) do nothing;

insert into public.space_members (space_id, user_id, role) values
  ('5a1a0000-0000-4000-8000-000000000001', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf', 'owner'),
  ('5a1a0000-0000-4000-8000-000000000001', '01041395-eff3-5bd8-8016-c5e5d1a624ca', 'admin'),
  ('5a1a0000-0000-4000-8000-000000000001', '2985ade3-1a58-5464-b92d-12282f6e9e64', 'member'),
  ('5a1a0000-0000-4000-8000-000000000001', '16d70e3e-78ac-5a36-a398-48518e7f1983', 'member'),
  ('5a1a0000-0000-4000-8000-000000000002', '01041395-eff3-5bd8-8016-c5e5d1a624ca', 'owner'),
  ('5a1a0000-0000-4000-8000-000000000002', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf', 'member')
on conflict do nothing;

insert into public.conversations (id, space_id, name, type, creator_id, direct_key) values
  ('c0a00000-0000-4000-8000-000000000001', '5a1a0000-0000-4000-8000-000000000001', 'general', 'channel',
   'e8d979fc-320d-549e-bfea-cf93eb5c6adf', null),
  ('c0a00000-0000-4000-8000-000000000002', null, null, 'direct', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf',
   '01041395-eff3-5bd8-8016-c5e5d1a624ca:e8d979fc-320d-549e-bfea-cf93eb5c6adf'),
  ('c0a00000-0000-4000-8000-000000000003', null, 'Launch crew', 'group', '01041395-eff3-5bd8-8016-c5e5d1a624ca', null)
on conflict (id) do nothing;

insert into public.conversation_members (conversation_id, user_id, role) values
  ('c0a00000-0000-4000-8000-000000000001', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf', 'owner'),
  ('c0a00000-0000-4000-8000-000000000001', '01041395-eff3-5bd8-8016-c5e5d1a624ca', 'admin'),
  ('c0a00000-0000-4000-8000-000000000001', '2985ade3-1a58-5464-b92d-12282f6e9e64', 'member'),
  ('c0a00000-0000-4000-8000-000000000001', '16d70e3e-78ac-5a36-a398-48518e7f1983', 'member'),
  ('c0a00000-0000-4000-8000-000000000002', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf', 'member'),
  ('c0a00000-0000-4000-8000-000000000002', '01041395-eff3-5bd8-8016-c5e5d1a624ca', 'member'),
  ('c0a00000-0000-4000-8000-000000000003', '01041395-eff3-5bd8-8016-c5e5d1a624ca', 'owner'),
  ('c0a00000-0000-4000-8000-000000000003', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf', 'member'),
  ('c0a00000-0000-4000-8000-000000000003', '2985ade3-1a58-5464-b92d-12282f6e9e64', 'member')
on conflict do nothing;

insert into public.messages (id, conversation_id, sender_id, content, seq, ordinal, created_at) values
  ('3e550000-0000-4000-8000-000000000001', 'c0a00000-0000-4000-8000-000000000001', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf',
   'Welcome to Uvian HQ! Say hello 👋', 1, 1, now() - interval '2 days'),
  ('3e550000-0000-4000-8000-000000000002', 'c0a00000-0000-4000-8000-000000000001', '01041395-eff3-5bd8-8016-c5e5d1a624ca',
   'Hello everyone. The release notes are in the Launch crew group.', 2, 2, now() - interval '1 day'),
  ('3e550000-0000-4000-8000-000000000003', 'c0a00000-0000-4000-8000-000000000001', '16d70e3e-78ac-5a36-a398-48518e7f1983',
   'Hi! I am the Uvian assistant. Ask me anything in a conversation.', 3, 3, now() - interval '20 hours'),
  ('3e550000-0000-4000-8000-000000000004', 'c0a00000-0000-4000-8000-000000000002', '01041395-eff3-5bd8-8016-c5e5d1a624ca',
   'Alice, do you have a minute for the design review?', 1, 1, now() - interval '3 hours'),
  ('3e550000-0000-4000-8000-000000000005', 'c0a00000-0000-4000-8000-000000000002', 'e8d979fc-320d-549e-bfea-cf93eb5c6adf',
   'Sure, in ten minutes.', 2, 2, now() - interval '2 hours'),
  ('3e550000-0000-4000-8000-000000000006', 'c0a00000-0000-4000-8000-000000000003', '01041395-eff3-5bd8-8016-c5e5d1a624ca',
   'Launch checklist: docs, changelog, announcement.', 1, 1, now() - interval '1 hour')
on conflict (id) do nothing;

update public.messages set type = 'ai' where id = '3e550000-0000-4000-8000-000000000003';

update public.conversations c
set last_seq = m.max_seq, last_activity_at = m.last_at, message_count = m.count
from (
  select conversation_id, max(seq) as max_seq, max(created_at) as last_at, count(*) as count
  from public.messages group by 1
) m
where m.conversation_id = c.id and c.last_seq < m.max_seq;

insert into public.conversation_events (conversation_id, seq, type, message_id, created_at)
select conversation_id, seq, 'message_added', id, created_at from public.messages
on conflict do nothing;
