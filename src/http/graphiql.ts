import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderGraphiQL, type GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL with its scripts served by us, not by a CDN: the API must work on a machine with no internet, and an
 * operator should not have a third party's script running next to their tokens.
 */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets/';

const ASSETS: Record<string, string> = {
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'graphiql.css': 'text/css; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
};

const distDir = join(dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist');

export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  return renderGraphiQL(options)
    .replace(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, GRAPHIQL_ASSETS_PATH)
    .replace(/<link rel=icon[^>]*>/, '');
}

/** The asset for a request path under GRAPHIQL_ASSETS_PATH, or undefined for anything not on the list. */
export async function graphiqlAsset(path: string): Promise<{ body: Buffer; type: string } | undefined> {
  const name = path.slice(GRAPHIQL_ASSETS_PATH.length);
  const type = ASSETS[name];
  if (!type) return undefined;
  return { body: await readFile(join(distDir, name)), type };
}
