import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';
import type { SqlSession } from './session.ts';
import { splitStatements } from './split-statements.ts';

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'supabase', 'migrations');
export const SEED_FILE = join(PROJECT_ROOT, 'supabase', 'seed.sql');

export interface MigrationFile {
  version: string;
  name: string;
  path: string;
}

/** `<version>_<name>.sql`, as the Supabase CLI names them; sorted by version. */
export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)_(.+)\.sql$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ version: match[1]!, name: match[2]!, path: join(dir, match[0]) }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

// The history table exactly as `supabase migration up` creates it, so either tool sees what the other applied.
const HISTORY_DDL = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
  alter table supabase_migrations.schema_migrations add column if not exists statements text[];
  alter table supabase_migrations.schema_migrations add column if not exists name text;
`;

// Any number of API processes may start at once against one database: one migrates, the others wait.
const MIGRATION_LOCK_KEY = 7_366_113_091;

export interface MigrateResult {
  applied: string[];
}

/** Applies the pending migrations in order, each in its own transaction together with its history row. */
export async function migrate(session: SqlSession, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await session.run(HISTORY_DDL);
    const rows = await session.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of listMigrations(dir)) {
      if (done.has(migration.version)) continue;
      const script = readFileSync(migration.path, 'utf8');
      await session.run('begin');
      try {
        await session.run(script);
        await session.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [migration.version, migration.name, splitStatements(script)],
        );
        await session.run('commit');
      } catch (error) {
        await session.run('rollback');
        throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(migration.version);
    }
    return { applied };
  } finally {
    await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/** Loads supabase/seed.sql (demo data; every insert skips rows that exist). */
export async function seed(session: SqlSession, file = SEED_FILE): Promise<void> {
  await session.run('begin');
  try {
    await session.run(readFileSync(file, 'utf8'));
    await session.run('commit');
  } catch (error) {
    await session.run('rollback');
    throw error;
  }
}
