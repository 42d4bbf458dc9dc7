import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { connect } from '../db/connect.ts';
import { createLogger } from '../logger.ts';
import { createPresence } from '../pubsub/presence.ts';
import { createPubSub } from '../pubsub/pubsub.ts';
import { createAiProvider } from './ai/index.ts';
import { ensureDailyAnalytics } from './schedule.ts';
import { createBullQueue, createBullWorker } from './queue.ts';

// npm run worker: job workers in their own process, on the same Postgres and Redis as the API processes.
let config;
try {
  loadDotEnv();
  config = loadConfig();
  if (!config.redisUrl || !config.databaseUrl) {
    throw new ConfigError('Invalid configuration:\n  REDIS_URL and DATABASE_URL: required to run workers in their own process');
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config);
const db = connect({ databaseUrl: config.databaseUrl, poolSize: config.jobs.concurrency + 2 });
const pubsub = createPubSub({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger });
const presence = createPresence({ db: db.db, pubsub, redis: pubsub.redis, prefix: config.redisPrefix, logger });
const deps = { db: db.db, pubsub, presence, ai: createAiProvider(config), logger };
const options = { prefix: config.redisPrefix, logger, concurrency: config.jobs.concurrency, lockMs: config.jobs.lockMs };
const worker = createBullWorker(config.redisUrl, deps, options);
const queue = createBullQueue(config.redisUrl, options);

// Listening from the moment the worker exists (it may take a job at once): a SIGTERM then lets it finish that job.
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'workers shutting down: finishing the jobs in hand');
  // A job still running then is given up: its lock expires and another worker runs it again.
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  void (async () => {
    try {
      await worker.close();
      await queue.close();
      await presence.close();
      await pubsub.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'workers did not shut down cleanly');
      process.exit(1);
    }
  })();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

await ensureDailyAnalytics(config.redisUrl, options).catch((error: unknown) =>
  logger.warn({ err: error }, 'daily analytics not scheduled'),
);
if (!stopping) logger.info({ concurrency: config.jobs.concurrency }, 'Uvian workers running');
