import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A child process the test started; stop() ends it (SIGTERM, then SIGKILL after a grace period) and is idempotent. */
export interface Spawned {
  process: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  stop(graceMs?: number, signal?: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess): Spawned {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    process: child,
    output: () => output,
    async stop(graceMs = 5_000, signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `match` finds something in the process's output; rejects when it exits first or after `timeoutMs`. */
export function waitForOutput<T>(
  spawned: Pick<Spawned, 'process' | 'output'>, match: (output: string) => T | undefined, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawned.process;
    const check = () => {
      const found = match(spawned.output());
      if (found === undefined) return;
      cleanup();
      resolve(found);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`process exited (${code}) before it was ready:\n${spawned.output()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`process not ready after ${timeoutMs} ms:\n${spawned.output()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

export interface SpawnedApi extends Spawned {
  /** Base URL (no /graphql), from the "Uvian API listening" log line. */
  url: string;
}

/**
 * The real `src/main.ts` in its own process, as `npm start` runs it. Logs are JSON at info level at least: the port is
 * read from the "Uvian API listening" line.
 */
export async function spawnApi(env: Record<string, string>): Promise<SpawnedApi> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMITS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawned = track(child);
  try {
    const url = await waitForOutput(
      spawned,
      (output) => {
        for (const line of output.split('\n')) {
          if (!line.includes('Uvian API listening')) continue;
          try {
            const entry = JSON.parse(line) as { url?: string };
            if (entry.url) return entry.url.replace(/\/graphql$/, '');
          } catch {
            // a partial line: wait for the rest
          }
        }
        return undefined;
      },
      45_000,
    );
    return { ...spawned, url };
  } catch (error) {
    await spawned.stop();
    throw error;
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** Starts (or starts again) redis-server on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Kills it (SIGKILL: a crash, not a clean shutdown); resolves once it is gone. */
  kill(): Promise<void>;
  running(): boolean;
}

/** A private, throwaway redis-server (no persistence) on a free port, so that a test may crash it at will. */
export async function privateRedis(): Promise<RedisServer> {
  const port = await freePort();
  let current: Spawned | undefined;
  const running = () => current !== undefined && current.process.exitCode === null && current.process.signalCode === null;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running,
    async start() {
      if (running()) return;
      const child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      current = track(child);
      await waitForOutput(current, (output) => (/Ready to accept connections/.test(output) ? true : undefined), 15_000);
    },
    async kill() {
      if (!running()) return;
      await current!.stop(1_000, 'SIGKILL');
    },
  };
}
