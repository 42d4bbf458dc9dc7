import { BREAK, execute, Kind, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { perOperation } from './per-operation.ts';

type Compiled = Pick<CompiledQuery, 'query'>;

/**
 * Executes operations through graphql-jit: each document is compiled once into JavaScript for its selection, which
 * resolves a page of nested lists (a conversation list with thousands of members and profiles) ~30% cheaper than
 * graphql-js walking the AST per field. Documents graphql-jit cannot compile run on graphql-js.
 *
 * graphql-jit reads a variable inside an object or list literal as undefined when the literal is a custom scalar's
 * (`input: { conversationId: $c }` for a JSON argument), so documents with such variables run on graphql-js.
 *
 * Each compilation is kept with its parsed document (src/http/per-operation.ts).
 */
export function createCompiledExecution() {
  const compiledFor = perOperation<Compiled>((schema, document, operationName) => {
    const result = hasVariableInsideLiteral(document) ? null : compileQuery(schema, document, operationName);
    return result && isCompiledQuery(result) ? result : null;
  });

  /** Like graphql-js `execute` (for a subscription operation: one event, given as rootValue). */
  const run = (args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> => {
    const entry = compiledFor(args.schema, args.document, args.operationName ?? undefined);
    if (!entry) return execute(args);
    return entry.query(args.rootValue, args.contextValue, args.variableValues ?? {});
  };

  const plugin: Plugin = {
    onExecute({ setExecuteFn }) {
      setExecuteFn(run);
    },
  };
  return { execute: run, plugin };
}

export type CompiledExecution = ReturnType<typeof createCompiledExecution>;

function hasVariableInsideLiteral(document: DocumentNode): boolean {
  let depth = 0;
  let found = false;
  const enterLiteral = () => void (depth += 1);
  const leaveLiteral = () => void (depth -= 1);
  visit(document, {
    [Kind.OBJECT]: { enter: enterLiteral, leave: leaveLiteral },
    [Kind.LIST]: { enter: enterLiteral, leave: leaveLiteral },
    [Kind.VARIABLE]: () => {
      if (depth === 0) return;
      found = true;
      return BREAK;
    },
  });
  return found;
}
