import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { connect } from './connect.ts';
import { migrate, seed } from './migrate.ts';
import { withSession } from './session.ts';

// npm run db:migrate [-- --seed]: applies pending supabase/migrations to DATABASE_URL (or the embedded database),
// recording them where `supabase migration up` does; --seed also loads supabase/seed.sql (demo data).
try {
  loadDotEnv();
  const config = loadConfig();
  const handle = connect({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite`, poolSize: 1 });
  try {
    const { applied } = await withSession(handle.session, (session) => migrate(session));
    console.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'database is up to date');
    if (process.argv.includes('--seed')) {
      await withSession(handle.session, (session) => seed(session));
      console.log('seeded supabase/seed.sql');
    }
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
