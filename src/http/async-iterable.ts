import type { ExecutionResult } from 'graphql';

/** A subscription's (or an incremental delivery's) stream of results rather than one result. */
export const isAsyncIterable = (value: unknown): value is AsyncIterable<ExecutionResult> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
