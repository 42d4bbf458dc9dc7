import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../src/db/connect.ts';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../src/db/migrate.ts';
import { withSession } from '../src/db/session.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

const run = promisify(execFile);
const supabaseCli = join(process.cwd(), 'node_modules', '.bin', 'supabase');
const cliUrl = (db: TestDatabase) => `${db.url}?sslmode=disable`;

async function history(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql<{ version: string; name: string; statements: string[] }[]>`
      select version, name, statements from supabase_migrations.schema_migrations order by version`;
  } finally {
    await sql.end();
  }
}

const runOurs = (handle: DbHandle, dir?: string) => withSession(handle.session, (session) => migrate(session, dir));

describe('migrations agree with the Supabase CLI (supabase@2.117.0)', () => {
  let byCli: TestDatabase;
  let byUs: TestDatabase;
  const handles: DbHandle[] = [];
  const open = (db: TestDatabase) => {
    const handle = connect({ databaseUrl: db.url, poolSize: 2 });
    handles.push(handle);
    return handle;
  };

  beforeAll(async () => {
    [byCli, byUs] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });

  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
    await Promise.all([byCli?.drop(), byUs?.drop()]);
  });

  it('sees nothing pending after `supabase migration up`, and records the same history as the CLI', async () => {
    await run(supabaseCli, ['migration', 'up', '--db-url', cliUrl(byCli)], { cwd: process.cwd() });
    expect(await runOurs(open(byCli))).toEqual({ applied: [] });

    const versions = listMigrations().map((m) => m.version);
    expect(await runOurs(open(byUs))).toEqual({ applied: versions });
    const [cliRows, ourRows] = await Promise.all([history(byCli.url), history(byUs.url)]);
    expect(ourRows.map((row) => row.version)).toEqual(versions);
    expect(ourRows).toEqual(cliRows);
  });

  it('leaves the CLI nothing to apply after our runner', async () => {
    const { stdout } = await run(supabaseCli, ['migration', 'list', '--db-url', cliUrl(byUs)]);
    for (const { version } of listMigrations()) {
      expect(stdout).toMatch(new RegExp(`${version}\\W+\\|\\W+${version}`));
    }
    const before = await history(byUs.url);
    const up = await run(supabaseCli, ['migration', 'up', '--db-url', cliUrl(byUs)]);
    expect(`${up.stdout}${up.stderr}`).toMatch(/up to date/i);
    expect(await history(byUs.url)).toEqual(before);
  });

  it('applies each migration once when several processes start together', async () => {
    const fresh = await createTestDatabase();
    try {
      const results = await Promise.all([1, 2, 3].map(() => runOurs(open(fresh))));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(listMigrations().map((m) => m.version));
      expect((await history(fresh.url)).length).toBe(listMigrations().length);
    } finally {
      await Promise.all(handles.splice(0).map((handle) => handle.close()));
      await fresh.drop();
    }
  });

  it('rolls back a failing migration whole, records nothing, and names it', async () => {
    const fresh = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'uvian-migrations-'));
    try {
      for (const migration of listMigrations()) {
        writeFileSync(join(dir, `${migration.version}_${migration.name}.sql`), readFileSync(migration.path));
      }
      writeFileSync(
        join(dir, '29990101000000_broken.sql'),
        'create table public.half_done (id int);\nselect * from no_such_table;\n',
      );
      const handle = open(fresh);
      await expect(runOurs(handle, dir)).rejects.toThrow(/29990101000000_broken/);
      const rows = await history(fresh.url);
      expect(rows.map((row) => row.version)).not.toContain('29990101000000');
      expect(rows.length).toBe(listMigrations().length);
      const sql = postgres(fresh.url, { max: 1 });
      const [table] = await sql`select to_regclass('public.half_done') as name`;
      await sql.end();
      expect(table?.name).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await Promise.all(handles.splice(0).map((handle) => handle.close()));
      await fresh.drop();
    }
  });

  it('keeps migration files in the CLI naming scheme', () => {
    for (const migration of listMigrations(MIGRATIONS_DIR)) expect(migration.version).toMatch(/^\d{14}$/);
  });
});
