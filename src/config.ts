import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection string')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{0,64}$/, 'letters, digits and _ : . - (at most 64)')
    .default('uvian:'),
  PRESENCE_TTL_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  WS_KEEP_ALIVE_MS: z.coerce.number().int().min(100).max(600_000).default(25_000),
  AI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  AI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
  AI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  RUN_WORKERS: z.enum(['true', 'false']).default('true'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  JOB_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  SUPABASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SUPABASE_JWT_SECRET: optionalString.pipe(
    z.string().min(32, 'at least 32 characters').optional(),
  ),
  SUPABASE_JWT_AUDIENCE: z.string().min(1).default('authenticated'),
  GRAPHIQL: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  INTROSPECTION: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100 * 1024 * 1024).default(1024 * 1024),
  TRUSTED_DOCUMENTS: optionalString,
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4_096).default(32),
  MEMBER_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000_000).default(50_000),
  METRICS: z.enum(['on', 'off']).default('on'),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'at least 16 characters').optional()),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  redisUrl: string | undefined;
  /** Prefix of every Redis channel and key, so deployments sharing a Redis stay apart. */
  redisPrefix: string;
  /** A process that stops renewing its users' presence for this long is taken for dead; heartbeats every third of it. */
  presenceTtlMs: number;
  /** graphql-ws sockets are pinged this often; one that has not answered by the next ping is cut. */
  wsKeepAliveMs: number;
  ai: { baseUrl: string | undefined; apiKey: string | undefined; model: string; timeoutMs: number };
  jobs: {
    /** Run job workers inside this API process (always, without Redis). */
    runWorkers: boolean;
    concurrency: number;
    /** A worker that stops renewing a job's lock this long is taken for dead, and its job runs again. */
    lockMs: number;
  };
  auth: {
    supabaseUrl: string | undefined;
    jwtSecret: string | undefined;
    audience: string;
  };
  graphiql: boolean;
  /** Schema introspection (and field suggestions in errors); off in production unless enabled. */
  introspection: boolean;
  /** Per-user limits on sending, typing, jobs, new conversations and socket connects. */
  rateLimits: boolean;
  /** Largest HTTP request body accepted. */
  maxBodyBytes: number;
  /** A persisted-documents manifest ({ hash: document }, as codegen writes it): only its operations are accepted. */
  trustedDocuments: string | undefined;
  /** Memory for message pages served while their versions are unchanged (src/http/page-cache.ts); 0 turns it off. */
  pageCacheBytes: number;
  /** Conversation members kept across requests while their lists are unchanged (src/loaders/conversation-members.ts); 0 turns it off. */
  memberCacheSize: number;
  /** GET /metrics (Prometheus); behind a bearer token when metricsToken is set. */
  metrics: { enabled: boolean; token: string | undefined };
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {}

/** `PORT=` (as a .env file or compose leaves an unset variable) means unset, not 0 or "". */
function withoutBlanks(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

/** A wrong value as the error message may show it: never a secret or a password. */
function shown(name: string, value: string | undefined): string {
  if (name === 'SUPABASE_JWT_SECRET' || name === 'AI_API_KEY' || name === 'METRICS_TOKEN') return 'a hidden value';
  if ((name === 'DATABASE_URL' || name === 'REDIS_URL') && value) return JSON.stringify(value.replace(/^([^:/]+:\/\/[^:/@]*):[^@]*@/, '$1:***@'));
  return JSON.stringify(value);
}

/** Parses the environment; throws ConfigError with one line per wrong variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutBlanks(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${issue.path.join('.')}: ${issue.message} (got ${shown(name, source[name])})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  if (production && !env.SUPABASE_JWT_SECRET && !env.SUPABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  SUPABASE_JWT_SECRET or SUPABASE_URL: required when NODE_ENV=production (tokens cannot be verified without them)',
    );
  }
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir: env.DATA_DIR,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    presenceTtlMs: env.PRESENCE_TTL_MS,
    wsKeepAliveMs: env.WS_KEEP_ALIVE_MS,
    ai: { baseUrl: env.AI_BASE_URL, apiKey: env.AI_API_KEY, model: env.AI_MODEL, timeoutMs: env.AI_TIMEOUT_MS },
    jobs: {
      runWorkers: env.RUN_WORKERS === 'true' || !env.REDIS_URL,
      concurrency: env.WORKER_CONCURRENCY,
      lockMs: env.JOB_LOCK_MS,
    },
    auth: {
      supabaseUrl: env.SUPABASE_URL?.replace(/\/+$/, ''),
      jwtSecret: env.SUPABASE_JWT_SECRET,
      audience: env.SUPABASE_JWT_AUDIENCE,
    },
    graphiql: env.GRAPHIQL ?? !production,
    introspection: env.INTROSPECTION ?? env.GRAPHIQL ?? !production,
    maxBodyBytes: env.MAX_BODY_BYTES,
    rateLimits: env.RATE_LIMITS === 'on',
    trustedDocuments: env.TRUSTED_DOCUMENTS,
    pageCacheBytes: env.PAGE_CACHE_MB * 1024 * 1024,
    memberCacheSize: env.MEMBER_CACHE_SIZE,
    metrics: { enabled: env.METRICS === 'on', token: env.METRICS_TOKEN },
    logLevel: env.LOG_LEVEL,
  };
}

/** Reads ./.env when present; variables already set in the environment win. */
export function loadDotEnv(file = '.env'): void {
  if (!existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    process.env[key] ??= value;
  }
}
