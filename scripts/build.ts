import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// npm run build: the production bundle. dist/main.js is the API, dist/worker.js the job workers, dist/migrate.js what
// `npm run db:migrate` does (the API migrates only the embedded database by itself). Dependencies stay in
// node_modules (PGlite finds its wasm there, GraphiQL its assets); supabase/ and package.json are read at run time
// from the project root, found by walking up from the bundle (src/project-root.ts).

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const ENTRY_POINTS = { main: 'src/main.ts', worker: 'src/jobs/worker-main.ts', migrate: 'src/db/migrate-cli.ts' };

/** Bundles into `outdir` (relative to the project root, or absolute; it must be inside the project). */
export async function buildBundle(outdir = 'dist'): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs).map((file) => join(ROOT, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const outdir = process.argv[2] ?? 'dist';
  const files = await buildBundle(outdir);
  const ms = Math.round(performance.now() - started);
  for (const file of files) console.log(`  ${relative(ROOT, file).padEnd(24)} ${(statSync(file).size / 1024).toFixed(1)} KB`);
  console.log(`built ${outdir}/ in ${ms} ms`);
}
