import { Queue } from 'bullmq';
import type { Logger } from '../logger.ts';
import { redisConnection } from '../pubsub/pubsub.ts';
import { QUEUE_NAME } from './definitions.ts';

/**
 * The daily user-analytics run, at 03:00 UTC; upserting it from every worker process keeps exactly one schedule. Gives
 * up after `timeoutMs` (Redis down at start must not keep a process from starting; the next start upserts it).
 */
export async function ensureDailyAnalytics(
  redisUrl: string,
  options: { prefix: string; logger: Logger; timeoutMs?: number },
) {
  const connection = redisConnection(redisUrl, options.logger, 'scheduler');
  const queue = new Queue(QUEUE_NAME, { connection, prefix: `${options.prefix}bull` });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.upsertJobScheduler(
        'daily-user-analytics',
        { pattern: '0 3 * * *', tz: 'UTC' },
        { name: 'user-analytics', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } } },
      ),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer')), options.timeoutMs ?? 5_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // Not awaited: closing waits on a connection that may never come up.
    void queue.close().catch(() => {});
    connection.disconnect();
  }
}
