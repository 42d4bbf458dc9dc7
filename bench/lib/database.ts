/** Fresh, migrated benchmark databases on the local Postgres (the tests' ADMIN_URL), dropped on cleanup. */
import { connect } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { withSession } from '../../src/db/session.ts';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { onCleanup, type CleanupScope } from './cleanup.ts';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `<prefix>_<random>`, applies the migrations, and registers its drop with the cleanup: at the end of the
 * section by default, at the end of the run with scope 'run'.
 */
export async function createBenchDatabase(prefix = 'uvian_bench', scope: CleanupScope = 'section'): Promise<BenchDatabase> {
  const database = await createTestDatabase(prefix);
  const drop = onCleanup(() => database.drop(), scope);
  try {
    const handle = connect({ databaseUrl: database.url });
    try {
      await withSession(handle.session, (session) => migrate(session));
    } finally {
      await handle.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { name: database.name, url: database.url, drop };
}
