import { readFileSync, writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildSchema } from '../src/schema/index.ts';

// Writes schema.graphql from the code-first schema; with --check, fails when the committed file is stale.
const file = new URL('../schema.graphql', import.meta.url);
const sdl = `${printSchema(buildSchema())}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== sdl) {
    console.error('schema.graphql is out of date with src/schema: run `npm run codegen` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date');
} else {
  writeFileSync(file, sdl);
  console.log('wrote schema.graphql');
}
