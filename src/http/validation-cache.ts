import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Validation results kept per parsed document (yoga's parse cache hands out the same object for the same text). Yoga's
 * own validation cache keys every lookup by the names of the validation rules, joined anew on each request (~30 rules
 * with the query limits); this server's rules and schema never change, so the document alone is the key. Goes last
 * among the plugins, so it keeps a result as the other plugins left it (with error codes).
 */
export function useValidationCache(): Plugin {
  const results = new WeakMap<DocumentNode, readonly Error[]>();
  return {
    onValidate({ params: { documentAST }, setResult }) {
      const known = results.get(documentAST);
      if (known) return setResult(known);
      return ({ result }) => {
        results.set(documentAST, result);
      };
    },
  };
}
