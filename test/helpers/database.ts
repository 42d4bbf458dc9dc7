import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { withSession } from '../../src/db/session.ts';

/** The local Postgres the tests create their databases on (trust auth on this machine and in CI). */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file; drop() removes it (closing whatever is still connected). */
export async function createTestDatabase(prefix = 'uvian_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}

/** Applies the migrations (supabase/migrations) to the database at `url`, over a connection of its own. */
export async function migrateDatabase(url: string): Promise<void> {
  const handle = connect({ databaseUrl: url, poolSize: 1 });
  try {
    await withSession(handle.session, (session) => migrate(session));
  } finally {
    await handle.close();
  }
}

/** A fresh database with the schema, for one test file (or a benchmark); drop() removes it. */
export async function createMigratedDatabase(prefix?: string): Promise<TestDatabase> {
  const database = await createTestDatabase(prefix);
  try {
    await migrateDatabase(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
