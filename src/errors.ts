import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (extensions.code); see DESIGN.md. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
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

/** Whether a driver error is a unique violation of the named constraint (postgres.js: constraint_name, PGlite: constraint). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const named = error as { constraint_name?: unknown; constraint?: unknown } | null;
  return sqlState(error) === UNIQUE_VIOLATION && (named?.constraint_name ?? named?.constraint) === constraint;
}

/** Error codes of postgres.js and of the socket under it that mean the server cannot be reached right now. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * Whether an error (or the one it wraps) says that Postgres is out of reach: down, restarting (57P01 admin_shutdown,
 * 57P02, 57P03 cannot_connect_now), a connection exception (class 08) or out of connections (53300). Such a request may
 * simply be tried again; any other error is a bug and stays masked.
 */
export function databaseUnavailable(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = sqlState(current);
    if (code && (UNREACHABLE.has(code) || /^(08...|57P0[123]|53300)$/.test(code))) return true;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; try again';
