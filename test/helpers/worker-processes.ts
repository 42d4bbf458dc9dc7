import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForOutput } from './processes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A job worker process (`src/jobs/worker-main.ts`, as `npm run worker` runs it) that a test started. */
export interface SpawnedWorker {
  process: ChildProcess;
  pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with how it ended, once it has. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** SIGKILL: a crash, with no chance to finish or hand back anything. Resolves once it is gone. */
  kill(): Promise<void>;
  /** Sends `signal` (SIGTERM by default), then SIGKILL after graceMs; resolves once it is gone. Idempotent. */
  stop(graceMs?: number, signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node --import tsx src/jobs/worker-main.ts` (no npm or tsx wrapper in between, so that a signal reaches the
 * worker itself) and resolves once it logs "Uvian workers running". Logs are JSON at info level.
 */
export async function spawnWorker(
  env: Record<string, string>,
  options: { readyTimeoutMs?: number; onSpawn?: (worker: SpawnedWorker) => void } = {},
): Promise<SpawnedWorker> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 45_000;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/worker-main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMITS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM') => {
    if (!running()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const worker: SpawnedWorker = {
    process: child,
    pid: child.pid!,
    output: () => output,
    exited,
    running,
    kill: () => stop(0, 'SIGKILL'),
    stop,
  };
  // Handed over before it is ready, so that whoever tracks it can kill it even when the wait below is cut short.
  options.onSpawn?.(worker);
  try {
    await waitForOutput(worker, (output) => (output.includes('Uvian workers running') ? true : undefined), readyTimeoutMs);
  } catch (error) {
    await worker.kill();
    throw error;
  }
  return worker;
}
