import { Queue } from 'bullmq';
import type { Logger } from '../logger.ts';
import { redisConnection } from '../pubsub/pubsub.ts';
import { QUEUE_NAME } from './definitions.ts';

/** The daily user-analytics run, at 03:00 UTC; upserting it from every worker process keeps exactly one schedule. */
export async function ensureDailyAnalytics(redisUrl: string, options: { prefix: string; logger: Logger }) {
  const connection = redisConnection(redisUrl, options.logger, 'scheduler');
  const queue = new Queue(QUEUE_NAME, { connection, prefix: `${options.prefix}bull` });
  try {
    await queue.upsertJobScheduler(
      'daily-user-analytics',
      { pattern: '0 3 * * *', tz: 'UTC' },
      { name: 'user-analytics', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } } },
    );
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
