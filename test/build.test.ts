import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../scripts/build.ts';
import { listMigrations } from '../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { waitForOutput } from './helpers/processes.ts';
import { deleteRedisKeys } from './helpers/redis-keys.ts';

// The production bundle (npm run build), run with plain node as `npm run start:prod` and `npm run worker:prod` do, from
// a working directory that is not the project: what it reads at run time (supabase/migrations, package.json, GraphiQL's
// assets in node_modules, PGlite's wasm) must be found from the bundle's own location.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const REDIS_URL = 'redis://127.0.0.1:6379';
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Started {
  process: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --enable-source-maps <script>` with only `env` on top of a copy of ours without database, Redis or AI settings. */
function runNode(script: string, cwd: string, env: Record<string, string>): Started {
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (/^(DATABASE_|REDIS_|AI_|SUPABASE_)/.test(key)) delete base[key];
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd,
    env: { ...base, LOG_LEVEL: 'info', RATE_LIMITS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { process: child, output: () => output, exited };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.process.exitCode !== null || started.process.signalCode !== null) return;
  started.process.kill('SIGKILL');
  await started.exited;
}

describe('production bundle', () => {
  // Inside the project (under dist/, git-ignored) so that node_modules and the project root are found by walking up;
  // one level deeper than dist/ itself, which a path written relative to the source file would get wrong.
  const outdir = join('dist', `test-${randomBytes(4).toString('hex')}`);
  const cwd = mkdtempSync(join(tmpdir(), 'uvian-bundle-'));
  let api: Started | undefined;
  let worker: Started | undefined;
  let database: TestDatabase | undefined;
  const prefix = `test-bundle-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    const files = await buildBundle(outdir);
    expect(files.map((file) => file.slice(join(ROOT, outdir).length + 1)).sort()).toEqual([
      'main.js',
      'main.js.map',
      'migrate.js',
      'migrate.js.map',
      'worker.js',
      'worker.js.map',
    ]);
  }, 60_000);

  afterAll(async () => {
    await stop(api);
    await stop(worker);
    await database?.drop();
    rmSync(join(ROOT, outdir), { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
    await deleteRedisKeys(REDIS_URL, prefix);
  });

  it('runs the API on the embedded default: migrations, seed, /health, GraphQL, GraphiQL assets; SIGTERM exits 0', async () => {
    api = runNode(join(ROOT, outdir, 'main.js'), cwd, {
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(cwd, 'data'),
    });
    const { url, token } = await waitForOutput(
      api,
      (output) => {
        const found = /GraphiQL:\s+(http:\/\/\S+)\/graphql/.exec(output)?.[1];
        const bearer = /"Bearer ([\w.-]+)"/.exec(output)?.[1];
        return found && bearer ? { url: found, token: bearer } : undefined;
      },
      45_000,
    );
    expect(api.output()).toMatch(/"msg":"migrations applied"/);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'uvian-api', version });

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { username } conversations(first: 10) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: { username: 'alice' }, conversations: { totalCount: 3 } } });

    const asset = await fetch(`${url}/graphiql/assets/graphiql.css`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(1000);

    api.process.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('migrates a Postgres database, then runs the workers on it and Redis; SIGTERM stops them with exit code 0', async () => {
    database = await createTestDatabase();
    const migrating = runNode(join(ROOT, outdir, 'migrate.js'), cwd, { NODE_ENV: 'test', DATABASE_URL: database.url });
    expect(await migrating.exited).toEqual({ code: 0, signal: null });
    expect(migrating.output()).toMatch(/^applied \d{14}/);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ count: number }[]>`select count(*)::int as count from supabase_migrations.schema_migrations`;
      expect(rows[0]!.count).toBe(listMigrations().length);
    } finally {
      await sql.end();
    }

    worker = runNode(join(ROOT, outdir, 'worker.js'), cwd, {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
    });
    await waitForOutput(worker, (output) => (output.includes('Uvian workers running') ? true : undefined), 45_000);

    worker.process.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/workers shutting down/);
  }, 60_000);
});
