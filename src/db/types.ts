import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamptz column: Date when read, Date or ISO string when written, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: written as a JSON string cast in SQL, read as the parsed value. */
type Json<T = unknown> = ColumnType<T, string, string>;

export type ProfileType = 'human' | 'agent';
export type SpaceRole = 'owner' | 'admin' | 'member';
export type MemberRole = SpaceRole;
export type ConversationType = 'direct' | 'group' | 'channel';
export type MessageType = 'text' | 'system' | 'ai';
export type JobStatus = 'queued' | 'active' | 'completed' | 'failed' | 'cancelled';
export type JobPriority = 'low' | 'normal' | 'high';
export type ConversationEventType =
  | 'message_added'
  | 'message_edited'
  | 'message_deleted'
  | 'read_receipt'
  | 'member_joined'
  | 'member_left';

export interface ProfilesTable {
  id: string;
  username: string;
  full_name: string | null;
  avatar_url: string | null;
  type: ColumnType<ProfileType, ProfileType | undefined, ProfileType>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  last_seen_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpacesTable {
  id: Generated<string>;
  name: string;
  description: string | null;
  type: ColumnType<string, string | undefined, string>;
  is_public: ColumnType<boolean, boolean | undefined, boolean>;
  creator_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpaceMembersTable {
  space_id: string;
  user_id: string;
  role: ColumnType<SpaceRole, SpaceRole | undefined, SpaceRole>;
  joined_at: Timestamp;
}

export interface ConversationsTable {
  id: Generated<string>;
  space_id: string | null;
  name: string | null;
  type: ConversationType;
  creator_id: string;
  direct_key: string | null;
  last_seq: ColumnType<number, number | undefined, number>;
  /** Messages ever stored here, deleted ones included: the ordinal of the newest (see the unread_counts migration). */
  message_count: ColumnType<number, number | undefined, number>;
  /** Bumped by a trigger on every update or delete of its messages (see the page_versions migration). */
  content_version: ColumnType<number, never, never>;
  /** Bumped by triggers on every change of its member list (see the member_versions migration). */
  members_version: ColumnType<number, never, never>;
  last_activity_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConversationMembersTable {
  conversation_id: string;
  user_id: string;
  role: ColumnType<MemberRole, MemberRole | undefined, MemberRole>;
  last_read_seq: ColumnType<number, number | undefined, number>;
  last_read_at: NullableTimestamp;
  joined_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  conversation_id: string;
  sender_id: string;
  content: string;
  type: ColumnType<MessageType, MessageType | undefined, MessageType>;
  reply_to_id: string | null;
  client_message_id: string | null;
  seq: number;
  /** 1, 2, 3, … in seq order within the conversation. */
  ordinal: number;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ConversationEventsTable {
  conversation_id: string;
  seq: number;
  type: ConversationEventType;
  message_id: string | null;
  user_id: string | null;
  created_at: Timestamp;
}

export interface JobsTable {
  id: Generated<string>;
  type: string;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  input: Json<Record<string, unknown>>;
  output: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  progress: number | null;
  attempts: ColumnType<number, number | undefined, number>;
  priority: ColumnType<JobPriority, JobPriority | undefined, JobPriority>;
  max_attempts: ColumnType<number, number | undefined, number>;
  creator_id: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  type: 'new_message';
  conversation_id: string | null;
  message_id: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface UserStatsTable {
  user_id: string;
  messages_sent: number;
  conversations: number;
  active_days: number;
  last_active_at: Date | null;
  computed_at: Timestamp;
}

/** One row, bumped by a trigger on every change of a profile column that pages show (see the page_versions migration). */
export interface ProfileVersionsTable {
  id: boolean;
  version: ColumnType<number, never, never>;
}

export interface Database {
  profiles: ProfilesTable;
  spaces: SpacesTable;
  space_members: SpaceMembersTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  conversation_events: ConversationEventsTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  user_stats: UserStatsTable;
  profile_versions: ProfileVersionsTable;
}

export type ProfileRow = Selectable<ProfilesTable>;
/**
 * What lists show of a profile (a conversation's members, a page's senders): read with the list, in the same
 * statement. The Profile type reads the rest of the row on demand (src/schema/profile.ts).
 */
export type ProfileSummary = Pick<ProfileRow, 'id' | 'username' | 'full_name' | 'avatar_url' | 'type'>;
/** A profile as the Profile type takes it: the whole row, or the summary a list came with. */
export type ProfileView = ProfileSummary & Partial<ProfileRow>;
/** A member as lists show it (the read position is the member's own business: see Conversation.unreadCount). */
export type MemberSummary = Pick<ConversationMemberRow, 'conversation_id' | 'user_id' | 'role' | 'joined_at'>;
export type SpaceRow = Selectable<SpacesTable>;
export type SpaceMemberRow = Selectable<SpaceMembersTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type ConversationMemberRow = Selectable<ConversationMembersTable>;
export type MessageRow = Selectable<MessagesTable>;
export type JobRow = Selectable<JobsTable>;
export type ConversationEventRow = Selectable<ConversationEventsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type UserStatsRow = Selectable<UserStatsTable>;
export type NewMessage = Insertable<MessagesTable>;
export type ProfileUpdate = Updateable<ProfilesTable>;
