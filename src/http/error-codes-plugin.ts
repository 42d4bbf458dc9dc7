import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/**
 * Every error a client sees carries extensions.code (DESIGN.md). Resolver errors bring theirs; this gives one to the
 * errors graphql-js itself raises for a malformed request: syntax, validation (unknown field, wrong argument type) and
 * variable coercion.
 */
export function useErrorCodes(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'BAD_USER_INPUT'));
      };
    },
    // Whatever still reaches a client without a code was refused before execution (parse, token limits).
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      if (result.errors.every((error) => error.extensions?.code)) return;
      setResult({
        ...result,
        errors: result.errors.map((error) =>
          error instanceof GraphQLError ? withCode(error, 'BAD_USER_INPUT') : error,
        ),
      });
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length > 0) setResult(result.map((error) => withCode(error, 'BAD_USER_INPUT')));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          // Errors with no path come from the request itself (variables), never from a resolver.
          const errors = result.errors.map((error) => (error.path ? error : withCode(error, 'BAD_USER_INPUT')));
          setResult({ ...result, errors });
        },
      };
    },
  };
}
