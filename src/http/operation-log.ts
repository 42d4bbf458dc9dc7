import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

/** One log line per executed operation: its name, how long it took and whether it failed, with request and user id. */
export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const ctx = args.contextValue as Context;
      return {
        onExecuteDone({ result }) {
          // A subscription's stream is not one result; its start is logged by the transport.
          if (Symbol.asyncIterator in result) return;
          ctx.logger.info(
            {
              operation: args.operationName ?? undefined,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors: result.errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
