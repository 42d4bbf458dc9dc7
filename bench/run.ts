/**
 * The benchmark suite: runs the sections in sequence, writes bench/results/<ISO timestamp>-<preset>.json and, for the
 * full preset, regenerates the results part of BENCHMARKS.md (between the bench:results markers).
 *
 *   npm run bench                        # full: large data set, long runs (not in CI)
 *   npm run bench:quick                  # quick: the whole suite in under two minutes (CI runs it, no timing asserts)
 *   npm run bench -- --only queries,send # some sections (the full preset still rewrites BENCHMARKS.md: use --no-write)
 *
 * A section is bench/sections/<name>.ts exporting `run(ctx: BenchContext): Promise<BenchSection>` (bench/lib/types.ts).
 * A section that throws is recorded as failed, the others still run, and the exit code is 1.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/api-process.ts';
import { cleanupAll, installSignalCleanup } from './lib/cleanup.ts';
import { describeMachine, renderMarkdown, replaceResults, type RunReport } from './lib/report.ts';
import type { BenchContext, BenchPreset, BenchSection, BenchSectionRunner } from './lib/types.ts';

/** The suite, in running order: read-only query benchmarks before the ones that write. */
const SECTIONS = ['queries', 'send', 'fanout'];

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'full' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    'no-write': { type: 'boolean', default: false },
  },
});
const preset: BenchPreset = values.quick ? 'quick' : (values.preset as BenchPreset);
if (preset !== 'quick' && preset !== 'full') {
  console.error('--preset must be quick or full');
  process.exit(2);
}
const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean);
const unknown = only?.filter((name) => !SECTIONS.includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  process.exit(2);
}
const selected = only ? SECTIONS.filter((name) => only.includes(name)) : SECTIONS;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const ctx: BenchContext = {
  preset,
  redisUrl: values.redis,
  log: (line) => console.error(`[${elapsed()}] ${line}`),
};

installSignalCleanup();
const date = new Date().toISOString();
const sections: RunReport['sections'] = [];
let failed = false;
try {
  for (const name of selected) {
    const file = new URL(`./sections/${name}.ts`, import.meta.url);
    if (!existsSync(file)) {
      ctx.log(`section ${name}: bench/sections/${name}.ts not present, skipped`);
      sections.push({ name, error: `bench/sections/${name}.ts not present` });
      continue;
    }
    ctx.log(`section ${name}: start`);
    try {
      const module = (await import(file.href)) as { run: BenchSectionRunner };
      const section: BenchSection = await module.run(ctx);
      sections.push(section);
      for (const target of section.targets ?? []) {
        ctx.log(`  ${target.met ? 'met    ' : 'not met'}  ${target.target}: ${target.measured}`);
      }
      ctx.log(`section ${name}: done`);
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      ctx.log(`section ${name}: FAILED\n${message}`);
      sections.push({ name, error: message });
    } finally {
      // What the section started and did not stop (after a failure); the shared data sets stay for the next ones.
      await cleanupAll('section');
    }
  }
} finally {
  await cleanupAll();
}

const seconds = (performance.now() - started) / 1000;
const machine = await describeMachine(ctx.redisUrl);
const file = `bench/results/${date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}-${preset}.json`;
const report: RunReport = { date, preset, file, seconds: Math.round(seconds), machine, sections };
if (!values['no-write']) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(`${ROOT}${file}`, `${JSON.stringify(report, null, 2)}\n`);
  ctx.log(`results written to ${file}`);
  if (preset === 'full') {
    const path = `${ROOT}BENCHMARKS.md`;
    writeFileSync(path, replaceResults(readFileSync(path, 'utf8'), renderMarkdown(report)));
    ctx.log('BENCHMARKS.md results regenerated');
  }
}
console.log(renderMarkdown(report));
ctx.log(`${failed ? 'FAILED' : 'done'} in ${seconds.toFixed(1)} s`);
process.exit(failed ? 1 : 0);
