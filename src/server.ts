import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createYoga } from 'graphql-yoga';
import { loadDevSecret } from './auth/dev-secret.ts';
import { createVerifier } from './auth/verify.ts';
import { createViewerResolver } from './auth/viewer.ts';
import type { Config } from './config.ts';
import type { Context, Viewer } from './context.ts';
import { unauthenticated } from './errors.ts';
import { attachWebSocket } from './http/websocket.ts';
import { createAiProvider } from './jobs/ai/index.ts';
import { createBullQueue, createBullWorker, createMemoryQueue } from './jobs/queue.ts';
import { ensureDailyAnalytics } from './jobs/schedule.ts';
import { enqueueJob } from './resolvers/jobs.ts';
import { createNoticeHub } from './pubsub/notices.ts';
import { ConversationChannels } from './resolvers/conversation-channels.ts';
import { createPresence } from './pubsub/presence.ts';
import { createPubSub } from './pubsub/pubsub.ts';
import { createTypingTracker } from './pubsub/typing.ts';
import { connect, type DbHandle } from './db/connect.ts';
import { listMigrations, migrate, seed } from './db/migrate.ts';
import { withSession } from './db/session.ts';
import { checkBodySize, readBody } from './http/body-limit.ts';
import { BufferBodyResponse } from './http/buffer-response.ts';
import { createRateLimits } from './http/rate-limits.ts';
import { useErrorCodes } from './http/error-codes-plugin.ts';
import { maskUnexpectedError } from './http/mask-errors.ts';
import { useOperationLog } from './http/operation-log.ts';
import { queryLimitPlugins } from './http/query-limits.ts';
import { createMetrics } from './http/metrics.ts';
import { createSharedSubscriptions } from './http/shared-subscriptions.ts';
import { createCompiledExecution } from './http/compiled-execution.ts';
import { useValidationCache } from './http/validation-cache.ts';
import { createPageCache } from './http/page-cache.ts';
import { loadTrustedDocuments, useTrustedDocuments } from './http/trusted-documents.ts';
import { GRAPHIQL_ASSETS_PATH, graphiqlAsset, renderLocalGraphiQL } from './http/graphiql.ts';
import { createLoaders } from './loaders/index.ts';
import { createMemberCache, useMemberCache } from './loaders/conversation-members.ts';
import { createLogger, type Logger } from './logger.ts';
import { buildSchema } from './schema/index.ts';
import { version } from './version.ts';

export interface ServerOptions {
  /** Apply pending migrations at start; default: only on the embedded database. */
  migrate?: boolean;
  /** Load supabase/seed.sql when the migrations created the schema; default: only on the embedded database. */
  seed?: boolean;
  logger?: Logger;
}

export interface UvianServer {
  /** Listens on config.port (0 picks a free port) and resolves with the base URL. */
  start(): Promise<string>;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  stop(): Promise<void>;
  url(): string;
  db: DbHandle;
  /** The HS256 secret tokens are signed with in development (undefined when Supabase verifies). */
  devSecret: string | undefined;
}

export function createServer(config: Config, options: ServerOptions = {}): UvianServer {
  const logger = options.logger ?? createLogger(config);
  const embedded = !config.databaseUrl;
  const db = connect({
    databaseUrl: config.databaseUrl,
    dataDir: `${config.dataDir}/pglite`,
    poolSize: config.databasePoolSize,
    onError: (event) => logger.debug({ err: event.level === 'error' ? event.error : undefined, sql: event.query.sql }, 'query failed'),
  });
  const devSecret =
    config.auth.jwtSecret || config.auth.supabaseUrl || config.env === 'production'
      ? undefined
      : loadDevSecret(config.dataDir);
  const verify = createVerifier({
    secret: config.auth.jwtSecret ?? devSecret,
    supabaseUrl: config.auth.supabaseUrl,
    audience: config.auth.audience,
  });
  const resolveViewer = createViewerResolver(verify, db.db);
  const pubsub = createPubSub({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger });
  const realtime = { redis: pubsub.redis, prefix: config.redisPrefix, logger, pubsub };
  const typing = createTypingTracker(realtime);
  const ai = createAiProvider(config);
  const rateLimits = createRateLimits({ enabled: config.rateLimits, redis: pubsub.redis, prefix: config.redisPrefix });
  const presence = createPresence({
    ...realtime,
    db: db.db,
    ttlMs: config.presenceTtlMs,
    heartbeatMs: Math.round(config.presenceTtlMs / 3),
  });
  const notices = createNoticeHub({ db: db.db, pubsub, presence, logger });
  const conversations = new ConversationChannels({ db: db.db, pubsub, logger });
  const startedAt = Date.now();
  const jobDeps = { db: db.db, pubsub, presence, ai, logger };
  const queueOptions = { prefix: config.redisPrefix, logger };
  const jobs = config.redisUrl
    ? createBullQueue(config.redisUrl, queueOptions)
    : createMemoryQueue(jobDeps, { concurrency: config.jobs.concurrency });
  // With Redis, workers may run here or in their own processes (`npm run worker`); without, the memory queue runs them.
  const worker =
    config.redisUrl && config.jobs.runWorkers
      ? createBullWorker(config.redisUrl, jobDeps, {
          ...queueOptions,
          concurrency: config.jobs.concurrency,
          lockMs: config.jobs.lockMs,
        })
      : undefined;

  const trustedDocuments = config.trustedDocuments ? loadTrustedDocuments(config.trustedDocuments) : undefined;
  let webSocketConnections = () => 0;
  const compiled = createCompiledExecution();
  const shared = createSharedSubscriptions(compiled);
  const memberCache = config.memberCacheSize > 0 ? createMemberCache(config.memberCacheSize) : undefined;
  if (memberCache) useMemberCache(db.db, memberCache);
  const pageCache = config.pageCacheBytes > 0 ? createPageCache({ db: db.db, maxBytes: config.pageCacheBytes }) : undefined;
  const metrics = config.metrics.enabled
    ? createMetrics({
        db,
        jobs,
        webSocketConnections: () => webSocketConnections(),
        pushedSubscriptions: shared.pushed,
        pageCache: pageCache?.counts,
        memberCache: memberCache?.counts,
      })
    : undefined;

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    fetchAPI: { Response: BufferBodyResponse },
    // Bodies are bounded before yoga sees them (checkBodySize: Content-Length within MAX_BODY_BYTES, no chunked
    // bodies) and read whole (readBody): yoga's own limit would count the bytes again through a stream.
    maxRequestBodySize: false,
    landingPage: false,
    logging: logger,
    maskedErrors: { maskError: maskUnexpectedError },
    graphiql: config.graphiql ? { title: 'Uvian API' } : false,
    renderGraphiQL: renderLocalGraphiQL,
    plugins: [
      ...(trustedDocuments ? [useTrustedDocuments(trustedDocuments)] : []),
      ...queryLimitPlugins({ introspection: config.introspection }),
      useErrorCodes(),
      useOperationLog(),
      compiled.plugin,
      shared.plugin,
      ...(metrics?.plugins ?? []),
      // After the plugins that observe execution: a page served from the cache stops the chain here.
      ...(pageCache ? [pageCache.plugin] : []),
      useValidationCache(),
    ],
    parserAndValidationCache: { validationCache: false },
    context: async (initial) => {
      // Over WebSocket the viewer was authenticated once, when the socket connected.
      const viewer =
        'viewer' in initial
          ? (initial.viewer as Viewer | null)
          : (await resolveViewer(initial.request.headers.get('authorization'))).viewer;
      const requestId = initial.request?.headers.get('x-request-id') || randomUUID();
      return {
        db: db.db,
        loaders: createLoaders(db.db, presence, viewer?.id),
        pubsub,
        typing,
        presence,
        notices,
        conversations,
        jobs,
        rateLimits,
        // Every line about this request says which request and whose.
        logger: logger.child({ requestId, userId: viewer?.id }),
        viewer,
        requestId,
      };
    },
  });

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const routes: Record<string, (res: ServerResponse, req: IncomingMessage) => Promise<void> | void> = {
    '/': (res) => sendJson(res, 200, { status: 'ok', service: 'uvian-api', timestamp: new Date().toISOString() }),
    '/health': (res) =>
      sendJson(res, 200, {
        status: 'ok',
        service: 'uvian-api',
        version,
        uptime: Math.round((Date.now() - startedAt) / 1000),
        timestamp: new Date().toISOString(),
      }),
    '/ready': async (res) => {
      // Ready while Postgres answers; Redis down is reported as degraded (queries and sends go on, events wait).
      const redis = !pubsub.redis ? 'not configured' : pubsub.redis.status === 'ready' ? 'ok' : `unreachable (${pubsub.redis.status})`;
      const degraded = pubsub.redis !== undefined && redis !== 'ok';
      try {
        await sql`select 1`.execute(db.db);
        sendJson(res, 200, { status: degraded ? 'degraded' : 'ready', database: 'ok', redis });
      } catch (error) {
        sendJson(res, 503, { status: 'unavailable', database: `unreachable: ${(error as Error).message}`, redis });
      }
    },
    ...(metrics && {
      '/metrics': async (res: ServerResponse, req: IncomingMessage) => {
        if (config.metrics.token && req.headers.authorization !== `Bearer ${config.metrics.token}`) {
          res.writeHead(401, { 'www-authenticate': 'Bearer' });
          return void res.end();
        }
        const body = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
        res.end(body);
      },
    }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    // Taken from the caller (a proxy's, say) or made here; echoed, and on every log line about the request.
    const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 100) || randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const size = checkBodySize(req, config.maxBodyBytes);
    if (size !== 'ok') {
      const message =
        size === 'too-large' ? `Request body larger than ${config.maxBodyBytes} bytes` : 'Content-Length is required';
      res.setHeader('connection', 'close');
      return sendJson(res, size === 'too-large' ? 413 : 411, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes[path] : undefined;
    if (route) return route(res, req);
    if (config.graphiql && req.method === 'GET' && path.startsWith(GRAPHIQL_ASSETS_PATH)) {
      const asset = await graphiqlAsset(path);
      if (asset) {
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
        return res.end(asset.body);
      }
    }
    if (req.method === 'POST' && Number(req.headers['content-length']) > 0) {
      const body = await readBody(req);
      if (!body) return void res.destroy();
      (req as IncomingMessage & { body?: Buffer }).body = body;
    }
    return yoga.requestListener(req, res);
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Unexpected error.' }] });
      else res.destroy();
    });
  });

  const websocket = attachWebSocket(http, yoga, {
    logger,
    trustedDocuments,
    keepAliveMs: config.wsKeepAliveMs,
    onOpen: (viewer) => presence.connected(viewer.id),
    onClose: (viewer) => presence.disconnected(viewer.id),
    authenticate: async (authorization) => {
      if (typeof authorization !== 'string') throw unauthenticated('connectionParams.authorization is required');
      const auth = await resolveViewer(authorization);
      if (!auth.viewer) throw unauthenticated();
      await rateLimits.consume('connect', auth.viewer.id);
      return auth;
    },
  });

  webSocketConnections = websocket.connections;

  let baseUrl = '';
  let dailyAnalytics: NodeJS.Timeout | undefined;
  return {
    db,
    devSecret,
    url: () => baseUrl,
    async start() {
      const shouldMigrate = options.migrate ?? embedded;
      if (shouldMigrate) {
        const { applied } = await withSession(db.session, (session) => migrate(session));
        if (applied.length > 0) logger.info({ applied }, 'migrations applied');
        const freshSchema = applied.length > 0 && applied[0] === listMigrations()[0]?.version;
        if ((options.seed ?? embedded) && freshSchema) {
          await withSession(db.session, (session) => seed(session));
          logger.info('demo data seeded (supabase/seed.sql)');
        }
      }
      if (!(await pubsub.ready(5_000))) logger.warn('Redis is not reachable yet: real-time events wait for it');
      if (worker && config.redisUrl) {
        await ensureDailyAnalytics(config.redisUrl, queueOptions).catch((error: unknown) =>
          logger.warn({ err: error }, 'daily analytics not scheduled'),
        );
      } else if (!config.redisUrl) {
        // The embedded default has no job scheduler: a timer does the daily run while the process lives.
        dailyAnalytics = setInterval(() => {
          enqueueJob({ db: db.db, jobs }, { type: 'user-analytics', input: {}, priority: 'low', delayMs: 0, creatorId: null })
            .catch((error: unknown) => logger.warn({ err: error }, 'daily analytics not queued'));
        }, 24 * 3600 * 1000);
        dailyAnalytics.unref();
      }
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve());
      });
      const address = http.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      baseUrl = `http://${host}:${address.port}`;
      return baseUrl;
    },
    async stop() {
      clearInterval(dailyAnalytics);
      // Nothing new from here (the port closes at once); requests in flight finish, open sockets are told to go (1001).
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await websocket.close();
      await httpClosed;
      await yoga.dispose();
      // Each of these waits on Redis; with Redis down, a bounded wait each, then the process goes on closing.
      await bounded(worker?.close(), 10_000, 'job worker', logger);
      await bounded(jobs.close(), 5_000, 'job queue', logger);
      typing.close();
      await bounded(presence.close(), 5_000, 'presence', logger);
      await bounded(pubsub.close(), 5_000, 'pub/sub', logger);
      await db.close();
    },
  };
}

async function bounded(work: Promise<unknown> | undefined, ms: number, what: string, logger: Logger): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    work.then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), ms);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) logger.warn(`${what} did not close within ${ms} ms; going on`);
}
