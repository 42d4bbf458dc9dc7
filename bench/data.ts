/**
 * Generates a benchmark data set (bench/lib/dataset.ts) and keeps it:
 *
 *   npm run bench:data -- --preset quick|large [--database-url URL] [--seed N]
 *
 * With --database-url the database is migrated first and must hold no profiles; without it a new database is created
 * on the tests' Postgres (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres) and left for you to drop.
 */
import { parseArgs } from 'node:util';
import { createTestDatabase, migrateDatabase } from '../test/helpers/database.ts';
import { DATASET_PRESETS, generateDataset, type DatasetPresetName } from './lib/dataset.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'quick' },
    'database-url': { type: 'string' },
    seed: { type: 'string' },
  },
});
const preset = values.preset as DatasetPresetName;
if (!Object.hasOwn(DATASET_PRESETS, preset)) {
  console.error(`--preset must be one of: ${Object.keys(DATASET_PRESETS).join(', ')}`);
  process.exit(2);
}

const created = values['database-url'] ? undefined : await createTestDatabase(`uvian_bench_${preset}`);
const url = values['database-url'] ?? created!.url;
try {
  await migrateDatabase(url);
  const info = await generateDataset(url, preset, {
    seed: values.seed ? Number(values.seed) : undefined,
    log: (text) => console.error(text),
  });
  console.log(JSON.stringify({ databaseUrl: url, ...info }, null, 2));
  if (created) console.error(`kept database ${created.name} (drop it with: drop database ${created.name})`);
} catch (error) {
  await created?.drop();
  throw error;
}
