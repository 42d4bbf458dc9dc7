import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessClaims } from '../auth/verify.ts';
import type { Context, SocketSink, Viewer } from '../context.ts';
import { UserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { resolveTrustedDocument, type TrustedDocuments } from './trusted-documents.ts';

export interface SocketAuth {
  viewer: Viewer | null;
  claims: AccessClaims | null;
}

export interface WebSocketOptions {
  /** connectionParams.authorization ("Bearer …") -> the viewer; throws UserError for a bad token. */
  authenticate(authorization: unknown): Promise<SocketAuth>;
  /** Called once per accepted socket and once when it closes (presence). */
  onOpen?(viewer: Viewer): void;
  onClose?(viewer: Viewer): void;
  logger: Logger;
  /** When set, only these documents run, as over HTTP. */
  trustedDocuments?: TrustedDocuments;
}

type Extra = {
  socket: WebSocket;
  auth?: SocketAuth;
  expiry?: NodeJS.Timeout;
};

const MAX_TIMER_MS = 2_147_483_647;

function socketSink(socket: WebSocket, id: string): SocketSink {
  return {
    id,
    send: (frame) => socket.send(frame),
    backlog: () => socket.bufferedAmount,
    // 1013 "try again later": graphql-ws clients reconnect, and resume with their last cursor.
    stalled: () => socket.close(1013, 'Too far behind: reconnect and resume'),
  };
}

/**
 * graphql-ws on the HTTP server's port and path, through yoga's envelop so that both transports share plugins, context
 * and errors. The token travels in connectionParams; a bad one closes with 4403, and the socket closes (4403, so that
 * clients retry with a fresh token) when the token expires.
 */
export function attachWebSocket(
  http: Server,
  yoga: YogaServerInstance<Record<string, unknown>, Context>,
  options: WebSocketOptions,
) {
  const wss = new WebSocketServer({ server: http, path: yoga.graphqlEndpoint, maxPayload: 1024 * 1024 });
  const server = useServer<Record<string, unknown>, Extra>(
    {
      // Pings keep proxies from dropping idle sockets and let dead peers be noticed.
      onConnect: async (ctx) => {
        const extra = ctx.extra as Extra;
        try {
          extra.auth = await options.authenticate(ctx.connectionParams?.authorization);
        } catch (error) {
          // Too many connects: 1013 "try again later", which graphql-ws clients retry (4403 for anything else).
          if (error instanceof UserError && error.code === 'RATE_LIMITED') extra.socket.close(1013, error.message);
          if (error instanceof UserError) return false;
          throw error;
        }
        const exp = extra.auth.claims?.exp;
        if (exp) {
          const ms = exp * 1000 - Date.now();
          extra.expiry = setTimeout(() => extra.socket.close(CloseCode.Forbidden, 'Token expired'), Math.min(ms, MAX_TIMER_MS));
        }
        if (extra.auth.viewer) options.onOpen?.(extra.auth.viewer);
        return true;
      },
      onClose: (ctx) => {
        const extra = ctx.extra as Extra;
        clearTimeout(extra.expiry);
        if (extra.auth?.viewer && ctx.acknowledged) options.onClose?.(extra.auth.viewer);
      },
      onSubscribe: async (ctx, id, payload) => {
        const extra = ctx.extra as Extra;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          viewer: extra.auth?.viewer ?? null,
          params: payload,
        });
        const query = options.trustedDocuments ? resolveTrustedDocument(options.trustedDocuments, payload) : payload.query;
        if (typeof query !== 'string') return [query];
        let document;
        try {
          document = parse(query);
        } catch (error) {
          return [error as never];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: { ...(await contextFactory()), socket: socketSink(extra.socket, id) },
          rootValue: { execute, subscribe },
        };
        return args;
      },
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
    },
    wss,
    12_000,
  );
  return {
    /** Going Away (1001) to every socket; waits for their close handshakes (3 s at most), so onClose has run. */
    async close() {
      const closed = [...wss.clients].map(
        (client) =>
          new Promise<void>((resolve) => {
            client.once('close', () => resolve());
            client.close(1001, 'Server shutting down');
          }),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
      clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    connections: () => wss.clients.size,
  };
}
