/** Fresh, migrated benchmark databases on the local Postgres (the tests' ADMIN_URL), dropped on cleanup. */
import { createTestDatabase, migrateDatabase } from '../../test/helpers/database.ts';
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
    await migrateDatabase(database.url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { name: database.name, url: database.url, drop };
}
