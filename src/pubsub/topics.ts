import type { Json } from '../db/json-rows.ts';
import type { ConversationEventType, MessageRow, ProfileRow, ProfileSummary } from '../db/types.ts';

/**
 * Every topic and its payload, in one place: a subscription can only listen to a topic something publishes.
 * Payloads carry ids and small facts; subscribers load rows fresh from Postgres (a new message travels with its
 * event, so that the processes fanning it out need not read it back).
 */
export interface TopicPayloads {
  /** A durable conversation event, committed with its sequence number. */
  conversation: {
    conversationId: string;
    seq: number;
    type: ConversationEventType;
    messageId: string | null;
    userId: string | null;
    createdAt: string;
    /** message_added from a send: the stored row and its sender, as committed. */
    message?: Json<MessageRow> & { sender_profile?: Json<ProfileRow> | Json<ProfileSummary> };
  };
  /** Ephemeral: someone started or stopped typing. */
  typing: { conversationId: string; userId: string; isTyping: boolean };
  /** Ephemeral: a member of the space came online or went offline. */
  presence: { spaceId: string; userId: string; online: boolean; lastSeenAt: string | null };
  /**
   * A user came online or went offline (anywhere): one event per change on a global channel, for processes that keep
   * readings of presence (src/pubsub/presence.ts); the id is unused.
   */
  presenceChange: { userId: string; online: boolean };
  /** A job changed: subscribers reload its row; `partial` carries progress not yet stored; `cancelled` stops workers. */
  job: { jobId: string; partial?: { progress?: number; output?: unknown }; cancelled?: boolean };
  /** An AI reply streaming into a conversation. */
  ai: {
    conversationId: string;
    jobId: string;
    agentId: string;
    delta: string;
    text: string;
    done: boolean;
    messageId: string | null;
  };
  /**
   * A new message, for its conversation's members who are online: one event per message to every process, which hands
   * it to its own `notifications` subscribers who are members (src/pubsub/notices.ts). Global channel; the id is unused.
   */
  notice: { conversationId: string; messageId: string; senderId: string; createdAt: string };
  /** Something for one user: a notification. */
  user: {
    type: 'new_message';
    userId: string;
    conversationId: string;
    messageId: string;
    createdAt: string;
    /** Set when the notification is stored (for members who were offline); live-only ones have none. */
    id?: string;
    readAt?: string | null;
  };
}

export type Topic = keyof TopicPayloads;

export const topicKey = {
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  typing: (conversationId: string) => `typing:${conversationId}`,
  presence: (spaceId: string) => `presence:${spaceId}`,
  presenceChange: () => 'presence-changes',
  user: (userId: string) => `user:${userId}`,
  job: (jobId: string) => `job:${jobId}`,
  ai: (conversationId: string) => `ai:${conversationId}`,
  notice: () => 'notices',
} satisfies Record<Topic, (id: string) => string>;
