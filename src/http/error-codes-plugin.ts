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
 * Yoga's own refusals of a malformed request (not JSON, not an object, a batch, no query) come as BAD_REQUEST, invalid
 * JSON with the parser's exception as extensions.originalError, and an operationName that names no operation as
 * OPERATION_RESOLUTION_FAILURE: in our terms, BAD_USER_INPUT with the message.
 */
const REQUEST_ERROR_CODES = new Set(['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

function asRequestError(error: GraphQLError): GraphQLError {
  const extensions: Record<string, unknown> = { ...error.extensions };
  if ('originalError' in extensions) {
    delete extensions.originalError;
    // Yoga answers 400 for an error with an exception in it, whatever the Accept header: so it stays.
    const http = extensions.http as { spec?: boolean } | undefined;
    if (http?.spec) extensions.http = { ...http, spec: false };
  }
  const code = !extensions.code || REQUEST_ERROR_CODES.has(extensions.code as string) ? 'BAD_USER_INPUT' : extensions.code;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...extensions, code },
  });
}

const isRequestError = (error: GraphQLError) =>
  !error.extensions?.code ||
  REQUEST_ERROR_CODES.has(error.extensions.code as string) ||
  'originalError' in (error.extensions ?? {});

/**
 * Every error a client sees carries extensions.code (DESIGN.md). Resolver errors bring theirs; this gives one to the
 * errors graphql-js itself raises for a malformed request: syntax, validation (unknown field, wrong argument type) and
 * variable coercion.
 */
export function useErrorCodes(): Plugin {
  return {
    // A content type no parser takes (text/plain, say) would get yoga's 415 with an empty body: the same 415, with an error.
    onRequestParse({ requestParser, setRequestParser }) {
      if (requestParser) return;
      setRequestParser(() => {
        throw new GraphQLError('Unsupported Content-Type: send the request as application/json', {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 415 } },
        });
      });
    },
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'BAD_USER_INPUT'));
        // graphql-js parses recursively: a few thousand nested lists (one token each, within the token limit) overflow
        // the stack. The document is at fault, not the server.
        else if (result instanceof Error && result.name === 'RangeError') {
          replaceParseResult(
            new GraphQLError('Syntax Error: the document nests too deeply.', { extensions: { code: 'BAD_USER_INPUT' } }),
          );
        }
      };
    },
    // Whatever still reaches a client without a code was refused before execution (request parsing, token limits).
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      if (!result.errors.some(isRequestError)) return;
      setResult({
        ...result,
        errors: result.errors.map((error) =>
          error instanceof GraphQLError && isRequestError(error) ? asRequestError(error) : error,
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
