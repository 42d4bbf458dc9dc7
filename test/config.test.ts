import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { devUserId } from '../src/auth/dev-user-id.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SECRET = 'a-production-secret-that-is-long-enough';

function configError(source: Record<string, string>): string {
  try {
    loadConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(source)}`);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx <script> ...args` in the project folder with only the given environment (plus PATH and HOME). */
function runTsx(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      timeout: 20_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'uvian-config-test-'));
  tempDirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('has development defaults', () => {
    expect(loadConfig({})).toMatchObject({
      env: 'development',
      port: 3001,
      host: '0.0.0.0',
      databaseUrl: undefined,
      auth: { supabaseUrl: undefined, jwtSecret: undefined, audience: 'authenticated' },
      graphiql: true,
    });
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: ' ', SUPABASE_JWT_SECRET: '', SUPABASE_URL: '', NODE_ENV: '' });
    expect(config).toMatchObject({ port: 3001, databaseUrl: undefined, env: 'development' });
    expect(config.auth).toMatchObject({ jwtSecret: undefined, supabaseUrl: undefined });
  });

  it('names a wrong PORT', () => {
    for (const port of ['notaport', '70000', '-1', '80.5']) {
      expect(configError({ PORT: port })).toMatch(/^\s*PORT: /m);
    }
  });

  it('names a wrong DATABASE_URL without showing its password', () => {
    expect(configError({ DATABASE_URL: 'mysql://localhost/uvian' })).toMatch(/^\s*DATABASE_URL: /m);
    const message = configError({ DATABASE_URL: 'postgress://uvian:hunter2@db.example.com/uvian' });
    expect(message).toMatch(/^\s*DATABASE_URL: /m);
    expect(message).not.toContain('hunter2');
  });

  it('names a short SUPABASE_JWT_SECRET without showing it', () => {
    const message = configError({ SUPABASE_JWT_SECRET: 'too-short-secret' });
    expect(message).toMatch(/^\s*SUPABASE_JWT_SECRET: /m);
    expect(message).not.toContain('too-short-secret');
  });

  it('requires SUPABASE_JWT_SECRET or SUPABASE_URL in production', () => {
    const message = configError({ NODE_ENV: 'production' });
    expect(message).toContain('SUPABASE_JWT_SECRET');
    expect(message).toContain('SUPABASE_URL');
    expect(configError({ NODE_ENV: 'production', SUPABASE_JWT_SECRET: '' })).toContain('SUPABASE_JWT_SECRET');

    expect(loadConfig({ NODE_ENV: 'production', SUPABASE_JWT_SECRET: SECRET })).toMatchObject({
      auth: { jwtSecret: SECRET },
      graphiql: false,
    });
    expect(loadConfig({ NODE_ENV: 'production', SUPABASE_URL: 'https://abc.supabase.co/' }).auth.supabaseUrl).toBe(
      'https://abc.supabase.co',
    );
  });
});

describe('command line', () => {
  it('npm start exits with code 1 naming a wrong PORT', async () => {
    const run = await runTsx(['src/main.ts'], { PORT: 'notaport', DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\s*PORT: .*notaport/m);
  });

  it('npm run token prints a development token for the user', async () => {
    const dataDir = tempDir();
    const run = await runTsx(['src/auth/token-cli.ts', 'alice'], { DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const secret = readFileSync(join(dataDir, 'dev-jwt-secret'), 'utf8').trim();
    const { payload } = await jwtVerify(run.stdout.trim(), new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      audience: 'authenticated',
    });
    expect(payload).toMatchObject({
      sub: devUserId('alice'),
      role: 'authenticated',
      user_metadata: { username: 'alice' },
    });
  });

  it('npm run token rejects a bad username or expiry with a usage line', async () => {
    for (const args of [['Not A Name'], ['al'], [], ['alice', 'soon']]) {
      const run = await runTsx(['src/auth/token-cli.ts', ...args], { DATA_DIR: tempDir() });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^(Invalid expiry "soon"\. )?Usage: npm run token/);
    }
  });
});
