import { signAccessToken } from './auth/sign.ts';
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { createLogger } from './logger.ts';
import { createServer } from './server.ts';

let config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config);
const server = createServer(config, { logger });
const url = await server.start();

if (!config.databaseUrl) {
  logger.info(
    { dataDir: config.dataDir },
    'embedded mode: PGlite database in DATA_DIR, in-process events; single process only (set DATABASE_URL to scale out)',
  );
}
logger.info({ url: `${url}/graphql` }, 'Uvian API listening');
if (server.devSecret) {
  const token = await signAccessToken({ secret: server.devSecret, username: 'alice' });
  console.log(
    [
      '',
      `  GraphiQL:   ${url}/graphql`,
      `  Dev token for "alice" (7 days; any other user: npm run token -- <username>):`,
      `  {"Authorization": "Bearer ${token}"}`,
      '',
    ].join('\n'),
  );
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown took longer than 10 s; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
