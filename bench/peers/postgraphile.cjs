/**
 * The PostGraphile 4 peer of the query benchmarks (bench/sections/queries.ts), in its own process because it brings its
 * own graphql 15. GraphQL generated over the `public` schema of DATABASE_URL, connected as the database owner (row
 * level security does not apply, as for the API's server-side connection), production settings: no watch mode, no
 * GraphiQL, no query log. Prints one JSON line with its URL when listening, like the API.
 *
 *   DATABASE_URL=postgres://… PG_POOL_SIZE=10 node bench/peers/postgraphile.cjs
 */
'use strict';
const http = require('node:http');
const Module = require('node:module');
const path = require('node:path');

// package-lock.json hoists graphile-build-pg to the top level with its own nested copies of graphql 15 and
// graphile-build, while postgraphile keeps another nested pair: two graphql instances in one schema break it
// ("Unexpected input type: Int"). Resolve both packages from postgraphile's folder, so there is one of each.
const postgraphileRoot = path.dirname(require.resolve('postgraphile/package.json'));
const fromPostgraphile = { id: postgraphileRoot, filename: path.join(postgraphileRoot, 'package.json'), paths: Module._nodeModulePaths(postgraphileRoot) };
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const name = request.split('/')[0];
  if (name === 'graphql' || name === 'graphile-build') return resolveFilename.call(this, request, fromPostgraphile, ...rest);
  return resolveFilename.call(this, request, parent, ...rest);
};

const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_SIZE || 10),
  application_name: 'bench-postgraphile',
});

const middleware = postgraphile(pool, 'public', {
  watchPg: false,
  graphiql: false,
  enhanceGraphiql: false,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: 'omit',
  enableQueryBatching: false,
  retryOnInitFail: false,
  showErrorStack: false,
  extendedErrors: ['errcode'],
  bodySizeLimit: '1MB',
});

const server = http.createServer(middleware);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(JSON.stringify({ level: 30, msg: 'PostGraphile listening', url: `http://127.0.0.1:${port}/graphql` }));
});

const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
