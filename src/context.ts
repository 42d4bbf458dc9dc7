import type { Db } from './db/connect.ts';
import type { RateLimits } from './http/rate-limits.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { Loaders } from './loaders/index.ts';
import type { Logger } from './logger.ts';
import type { NoticeHub } from './pubsub/notices.ts';
import type { ConversationChannels } from './resolvers/conversation-channels.ts';
import type { Presence } from './pubsub/presence.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import type { TypingTracker } from './pubsub/typing.ts';

export interface Viewer {
  id: string;
}

/** What every resolver gets: the database, this request's loaders, and the signed-in user (null when anonymous). */
export interface Context {
  db: Db;
  loaders: Loaders;
  pubsub: PubSub;
  typing: TypingTracker;
  presence: Presence;
  notices: NoticeHub;
  /** The conversations this process listens to for its subscribers. */
  conversations: ConversationChannels;
  jobs: JobQueue;
  rateLimits: RateLimits;
  logger: Logger;
  viewer: Viewer | null;
  requestId: string;
  /** Set for a graphql-ws subscription: its socket, so that shared results are written to it directly. */
  socket?: SocketSink;
}

/** One graphql-ws subscription's way to its socket. */
export interface SocketSink {
  /** The subscription id, as the client chose it. */
  id: string;
  /** A text frame of these bytes one after the other. */
  sendParts(parts: readonly Buffer[]): void;
  /** Bytes written but not yet sent. */
  backlog(): number;
  /** The subscriber cannot keep up: close its socket (the client reconnects and resumes). */
  stalled(): void;
  /** The subscription is over, after what was sent: the client hears complete. */
  end(): void;
  /** The subscription failed: the client hears the (masked) error. */
  fail(error: unknown): void;
}
