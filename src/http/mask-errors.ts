import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailable } from '../errors.ts';

/**
 * yoga's masking of unexpected errors ("Unexpected error.", INTERNAL_SERVER_ERROR, logged), except for Postgres out of
 * reach (down, restarting, refusing connections): that is SERVICE_UNAVAILABLE, which a client may simply retry. yoga
 * logs the original error either way.
 */
export function maskUnexpectedError(error: unknown, message: string, isDev?: boolean): Error {
  if (!databaseUnavailable(error)) return maskError(error, message, isDev);
  const located = error instanceof GraphQLError ? error : undefined;
  // No originalError: the client is told what happened, not how (and yoga does not make a 500 of it).
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
}
