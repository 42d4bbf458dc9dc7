import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * `compute` memoised per parsed document and operation name. Documents come from yoga's parse cache (one object per
 * distinct text), so a WeakMap holds each result exactly as long as its document is cached. `compute` returns null
 * for "nothing here", which is remembered too.
 */
export function perOperation<T>(compute: (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) => T | null) {
  const results = new WeakMap<DocumentNode, Map<string | undefined, T | null>>();
  return (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): T | null => {
    let byOperation = results.get(document);
    if (!byOperation) results.set(document, (byOperation = new Map()));
    let result = byOperation.get(operationName);
    if (result === undefined) byOperation.set(operationName, (result = compute(schema, document, operationName)));
    return result;
  };
}
