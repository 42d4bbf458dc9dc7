/**
 * Spawning Uvian API processes for benchmarks: `node --import tsx src/main.ts` in production mode on a given database,
 * resolved once it logged its "listening" line with the URL. Shared by every section (queries, send, fanout).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deleteRedisKeys } from '../../test/helpers/redis-keys.ts';
import { onCleanup } from './cleanup.ts';
import { collectGarbage, Inspector, INSPECT_FLAG, INSPECTOR_LINE } from './inspector.ts';

/** The repository root (API processes run from there so tsx and .env resolve as with `npm start`). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One JWT secret per benchmark run: the API processes verify, the load generator signs. */
export const BENCH_JWT_SECRET = randomBytes(32).toString('hex');

export interface ApiProcessOptions {
  databaseUrl: string;
  /** Omit for in-process events (one process only). */
  redisUrl?: string;
  /** Processes that share events must share the prefix; default: a fresh one per call. */
  redisPrefix?: string;
  /** Connections to Postgres (DATABASE_POOL_SIZE); default 10, the API's default. */
  poolSize?: number;
  secret?: string;
  /** More environment (e.g. RUN_WORKERS). */
  env?: Record<string, string>;
  /** Prefix for the process's stderr lines in our output. */
  label?: string;
  /** Node options before the script, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] (NODE_OPTIONS refuses those). */
  nodeArgs?: string[];
}

export interface ApiProcess {
  /** The name its output is prefixed with (api, worker, socketio-0, …). */
  label: string;
  process: ChildProcess;
  pid: number;
  /** http://127.0.0.1:<port> (no /graphql). */
  url: string;
  /** SIGTERM and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** A full garbage collection in the process (started with INSPECT_FLAG; see bench/lib/inspector.ts). */
  collectGarbage(): Promise<void>;
  /** A DevTools Protocol session on the process (started with INSPECT_FLAG); the caller closes it. */
  inspect(): Promise<Inspector>;
  /** The Redis key prefix it was given (REDIS_PREFIX), when it uses Redis: stopAll deletes what it left there. */
  redisPrefix: string | undefined;
}

/**
 * Node options for our processes: `nodeArgs`; with BENCH_CPU_PROF=<dir> in the environment a CPU profile of each
 * API and worker process written there when it exits (`node --cpu-prof`); with BENCH_NODE_ARGS (e.g. `--trace-gc`),
 * those options too (for diagnosis: NODE_OPTIONS refuses most V8 flags).
 */
export function nodeArgsFor(options: { nodeArgs?: string[] }): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return [...(options.nodeArgs ?? []), ...extra, ...(dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [])];
}

/** A fresh Redis prefix, so a benchmark's processes share events only with each other. */
export const freshRedisPrefix = () => `bench-${randomBytes(4).toString('hex')}:`;

export function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix ?? freshRedisPrefix(),
    SUPABASE_JWT_SECRET: options.secret ?? BENCH_JWT_SECRET,
    LOG_LEVEL: 'info',
    RATE_LIMITS: 'off',
    ...options.env,
  };
  if (!options.redisUrl) delete env.REDIS_URL;
  return startProcess([process.execPath, ...nodeArgsFor(options), '--import', 'tsx', 'src/main.ts'], env, options.label ?? 'api');
}

/**
 * Spawns `argv` and resolves once its stdout printed a JSON log line with `"url":"http://…/graphql"` (the API's, and
 * the peers' in bench/peers/ print the same). Stderr is passed through; stdout is drained (the API logs a line per
 * request at info level).
 */
export function startProcess(
  argv: string[],
  env: Record<string, string | undefined>,
  label: string,
  ready = /"url":"(http:\/\/[^"]+)\/graphql"/,
): Promise<ApiProcess> {
  const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  let inspectorUrl: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      const inspector = INSPECTOR_LINE.exec(line);
      if (inspector) inspectorUrl = inspector[1];
      else if (line.trim() && !/^(For help, see: https:\/\/nodejs.org\/en\/docs\/inspector|Debugger ending on |Debugger attached\.)/.test(line)) {
        process.stderr.write(`[${label}] ${line}\n`);
      }
    }
  });
  const inspected = <T>(use: (url: string) => Promise<T>) => {
    if (!inspectorUrl) return Promise.reject(new Error(`${label} was not started with ${INSPECT_FLAG}`));
    return use(inspectorUrl);
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let found = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      // What BENCH_NODE_ARGS asked V8 to print (--trace-gc and the like) goes to stdout among the JSON log lines.
      if (process.env.BENCH_NODE_ARGS) {
        for (const line of text.split('\n')) if (line.trim() && !line.startsWith('{')) process.stderr.write(`[${label}] ${line}\n`);
      }
      if (found) return;
      output += text;
      const match = ready.exec(output);
      if (!match) return;
      const url = match[1] ?? '';
      found = true;
      output = '';
      resolve({
        label,
        process: child,
        pid: child.pid!,
        url,
        stop,
        collectGarbage: () => inspected(collectGarbage),
        inspect: () => inspected(Inspector.open),
        redisPrefix: env.REDIS_URL ? env.REDIS_PREFIX : undefined,
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      if (!found) reject(new Error(`${label} exited (${code ?? signal}) before listening: ${output.slice(-2000)}`));
    });
  });
}

/** Job workers (`npm run worker`) on the same database and Redis prefix as the API processes they serve. */
export function startWorker(options: ApiProcessOptions): Promise<ApiProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    SUPABASE_JWT_SECRET: options.secret ?? BENCH_JWT_SECRET,
    LOG_LEVEL: 'info',
    ...options.env,
  };
  return startProcess([process.execPath, ...nodeArgsFor(options), '--import', 'tsx', 'src/jobs/worker-main.ts'], env, options.label ?? 'worker', /Uvian workers running/);
}

/**
 * Stops these processes, then deletes the Redis keys they left under their prefixes (job queues and their finished
 * jobs, presence, rate limits), so that runs do not pile up in the Redis the tests share.
 */
export async function stopAll(processes: readonly ApiProcess[], redisUrl: string): Promise<void> {
  await Promise.all(processes.map((each) => each.stop()));
  const prefixes = new Set(processes.map((each) => each.redisPrefix).filter((prefix) => prefix !== undefined));
  for (const prefix of prefixes) await deleteRedisKeys(redisUrl, prefix);
}

/** Resident memory of a process in MB (Linux). */
export const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
