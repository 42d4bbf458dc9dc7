import type { Db } from './db/connect.ts';
import type { RateLimits } from './http/rate-limits.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { Loaders } from './loaders/index.ts';
import type { Logger } from './logger.ts';
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
  jobs: JobQueue;
  rateLimits: RateLimits;
  logger: Logger;
  viewer: Viewer | null;
  requestId: string;
}
