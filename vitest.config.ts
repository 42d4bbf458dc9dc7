import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module) builds. Node loads the CJS one for yoga and graphql-ws; vite would pick
    // the ESM one for our code, and a GraphQLError from one copy is not an instance of the other.
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Every file gets its own database; files run in parallel processes against the shared Postgres.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
