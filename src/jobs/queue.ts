import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { jsonb } from '../db/sql-helpers.ts';
import type { JobPriority } from '../db/types.ts';
import type { Logger } from '../logger.ts';
import { redisConnection } from '../pubsub/pubsub.ts';
import { JOB_TYPES, KEEP_COMPLETED, KEEP_FAILED, PRIORITY, QUEUE_NAME, type JobType } from './definitions.ts';
import { failAbandoned, runJob, type JobDeps } from './runner.ts';

export interface QueuedJob {
  id: string;
  type: JobType;
  priority: JobPriority;
  delayMs: number;
}

/** Where job ids go once their row is written: BullMQ on Redis, or an in-process runner for the embedded default. */
export interface JobQueue {
  enqueue(job: QueuedJob): Promise<void>;
  /** Takes a waiting or delayed job off the queue (a running one is stopped through its row and topic). */
  remove(id: string): Promise<void>;
  /** Jobs by state, for /metrics. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface QueueOptions {
  redisUrl?: string;
  prefix: string;
  logger: Logger;
}

const bullPrefix = (prefix: string) => `${prefix}bull`;

export function createBullQueue(redisUrl: string, options: QueueOptions): JobQueue {
  const connection = redisConnection(redisUrl, options.logger, 'jobs');
  // A producer fails fast while Redis is down rather than holding a request up (the row stays queued; see README).
  connection.options.enableOfflineQueue = false;
  connection.options.maxRetriesPerRequest = 1;
  const queue = new Queue(QUEUE_NAME, { connection, prefix: bullPrefix(options.prefix) });
  queue.on('error', (error) => options.logger.warn({ err: error }, 'job queue error'));
  return {
    async enqueue(job) {
      const policy = JOB_TYPES[job.type];
      await queue.add(
        job.type,
        { jobId: job.id },
        {
          jobId: job.id,
          priority: PRIORITY[job.priority],
          delay: job.delayMs,
          attempts: policy.attempts,
          backoff: { type: 'exponential', delay: policy.backoffMs },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      );
    },
    async remove(id) {
      await queue.remove(id).catch(() => 0);
    },
    counts: () => queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed'),
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** BullMQ workers on the queue: each attempt is one runJob; the row decides whether another attempt follows. */
export function createBullWorker(
  redisUrl: string,
  deps: JobDeps,
  options: QueueOptions & { concurrency: number; lockMs: number },
): { close(): Promise<void> } {
  const connection: Redis = redisConnection(redisUrl, options.logger, 'worker');
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      let jobId = job.data.jobId as string | undefined;
      if (!jobId) {
        // Made by a job scheduler: it gets its row on its first attempt, and keeps it for the next ones.
        jobId = await createScheduledRow(deps, job.name as JobType);
        await job.updateData({ ...job.data, jobId });
      }
      const outcome = await runJob(deps, jobId, job.attemptsMade + 1);
      if (outcome === 'retry') throw new Error('attempt failed; retrying');
      if (outcome === 'failed') throw new UnrecoverableError('job failed');
      return outcome;
    },
    {
      connection,
      prefix: bullPrefix(options.prefix),
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      maxStalledCount: 3,
    },
  );
  worker.on('error', (error) => options.logger.warn({ err: error }, 'job worker error'));
  const recordings = new Set<Promise<void>>();
  // A job whose worker died (or stopped renewing its lock) goes back to the queue and runs again from its row.
  worker.on('stalled', (jobId) => options.logger.warn({ jobId }, 'job stalled: its worker is gone; it will run again'));
  worker.on('failed', (job, error) => {
    // finishedOn is set only when BullMQ gives up for good. Usually runJob has already written the row as failed; but a
    // job that stalled more than maxStalledCount times is failed by BullMQ without any attempt running, and an attempt
    // can die before it writes the row (the database down, say): the row must not stay queued or active for ever.
    const jobId = job?.data?.jobId as string | undefined;
    if (!job?.finishedOn || !jobId) return;
    const recording = failAbandoned(deps, jobId, error.message)
      .then((changed) => {
        if (changed) options.logger.warn({ jobId, err: error }, 'job given up by the queue: its row is marked failed');
      })
      .catch((err: unknown) => options.logger.error({ jobId, err }, 'could not mark an abandoned job failed'));
    recordings.add(recording);
    void recording.finally(() => recordings.delete(recording));
  });
  return {
    async close() {
      // Finishes the jobs in hand; what is not started stays queued for another worker.
      await worker.close();
      await Promise.allSettled([...recordings]);
      connection.disconnect();
    },
  };
}

async function createScheduledRow(deps: JobDeps, type: JobType): Promise<string> {
  const row = await deps.db
    .insertInto('jobs')
    .values({ type, input: jsonb({}), max_attempts: JOB_TYPES[type].attempts })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The embedded default: the same runJob, retried with the same backoff, inside this process. */
export function createMemoryQueue(deps: JobDeps, options: { concurrency: number }): JobQueue {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let active = 0;
  const waiting: (() => void)[] = [];
  let closed = false;
  const slot = async () => {
    if (active >= options.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
  };
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const attempt = (job: QueuedJob, number: number) => {
    if (closed) return;
    const work = (async () => {
      await slot();
      try {
        const outcome = await runJob(deps, job.id, number);
        if (outcome === 'retry') later(JOB_TYPES[job.type].backoffMs * 2 ** (number - 1), () => attempt(job, number + 1));
      } catch (error) {
        deps.logger.error({ err: error, jobId: job.id }, 'job runner failed');
      } finally {
        release();
      }
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
  };
  return {
    async enqueue(job) {
      later(job.delayMs, () => attempt(job, 1));
    },
    async remove() {
      // Nothing to take off: a cancelled row is skipped when its turn comes.
    },
    counts: async () => ({ waiting: timers.size + waiting.length, active }),
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
