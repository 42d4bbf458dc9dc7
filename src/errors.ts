import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (extensions.code); see DESIGN.md. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/**
 * An error the client may see, with its code in extensions. Resolvers throw these; anything else is masked by yoga as
 * "Unexpected error." (INTERNAL_SERVER_ERROR) and logged. It is a GraphQLError so that graphql-js and yoga pass it
 * through as it is, wherever it is thrown.
 */
export class UserError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
    this.name = 'UserError';
  }
}

export const unauthenticated = (message = 'Sign in: this needs a valid access token') =>
  new UserError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new UserError('FORBIDDEN', message);

export const notFound = (what: string) => new UserError('NOT_FOUND', `${what} not found`);

export const badInput = (message: string, field?: string) =>
  new UserError('BAD_USER_INPUT', message, field ? { field } : {});

export const conflict = (message: string, field?: string) =>
  new UserError('CONFLICT', message, field ? { field } : {});

/** Postgres SQLSTATE of a driver error (postgres.js and PGlite both expose `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
