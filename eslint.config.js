// ESLint flat config: typescript-eslint's type-checked rules over src/, test/, bench/ and scripts/.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Generated: schema.graphql and the typed operations (npm run codegen), and the production bundle.
  { ignores: ['dist/', 'test/gql/', 'schema.graphql', 'coverage/', 'node_modules/'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The ones that catch real bugs: a promise nobody waits for or handles, a promise where a value was meant.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Mixed arrays allowed: graphql-ws types Client.dispose() as `void | Promise<void>`, and Promise.all handles both.
      '@typescript-eslint/await-thenable': ['error', { allowMixedPromiseArrays: true }],
      // `typeof import('graphql').execute` in an annotation is a type-only reference already.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],

      // Noise here. The `any`s they flag come from library types (yoga and envelop hooks, BullMQ's job.data,
      // fetch's json(), JSON.parse); casting each one at the edge would add ceremony, not safety.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // `async` without `await` is deliberate: it keeps a Promise-returning contract and turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // Flags callbacks destructured from option bags typed with method syntax (yoga's setResult, onDelta), not bugs.
      '@typescript-eslint/unbound-method': 'off',
      // Iterator throw() and stream failures pass on whatever they were given; wrapping it would change the error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
);
