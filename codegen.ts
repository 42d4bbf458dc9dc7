import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed document nodes for every operation written with graphql(`...`) in the tests (and, the same way, in clients).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      // persisted-documents.json is the manifest TRUSTED_DOCUMENTS takes (test/trusted-documents.test.ts).
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
