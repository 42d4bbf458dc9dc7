import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.ts';

const BIN = process.env.TEST_PG_BIN ?? '/usr/local/bin';

export interface PostgresServer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth). */
  adminUrl: string;
  /** The same server, another database on it. */
  urlFor(database: string): string;
  /** Starts (or starts again) the server on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** pg_ctl stop: `fast` ends every session (57P01) and checkpoints; `immediate` is a crash (recovery on the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  running(): boolean;
  /** The server's log so far. */
  log(): string;
  /** Stops it if it runs (immediate) and removes its folder. Idempotent. */
  destroy(): Promise<void>;
}

/**
 * Postgres cannot run as root: when the tests do (a container), initdb, pg_ctl and the server run as the `postgres`
 * user, and the folder is handed to it.
 */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(join(BIN, command), args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} ended with ${code ?? signal}:\n${output}`));
    });
  });
}

/**
 * A throwaway Postgres server of the test's own (initdb into a temp folder, trust auth, a free port, its unix socket in
 * that folder), so that a test may stop and start it at will; never the machine's shared one.
 */
export async function privatePostgres(): Promise<PostgresServer> {
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'uvian-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const port = await freePort();
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C'], user, 120_000);
  let started = false;
  let destroyed = false;
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const server: PostgresServer = {
    port,
    adminUrl: urlFor('postgres'),
    urlFor,
    running: () => started,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    async start() {
      if (started) return;
      // fsync off: the machine does not crash here, only Postgres does, and the WAL survives that in the page cache.
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
      await run('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '90', '-o', options], user, 120_000);
      started = true;
    },
    async stop(mode = 'fast') {
      if (!started) return;
      await run('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', '90'], user, 120_000);
      started = false;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        // Whatever state the test left it in: a crash stop (no checkpoint to wait for), when a server is up at all.
        await run('pg_ctl', ['status', '-D', data], user, 30_000).then(
          () => run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '60'], user, 90_000),
          () => undefined,
        );
      } finally {
        started = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return server;
}
