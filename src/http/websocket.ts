import type { Server } from 'node:http';
import { getOperationAST, GraphQLError, OperationTypeNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AccessClaims } from '../auth/verify.ts';
import type { Context, SocketSink, Viewer } from '../context.ts';
import { UserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { maskUnexpectedError } from './mask-errors.ts';
import { resolveTrustedDocument, type TrustedDocuments } from './trusted-documents.ts';
import { Connection, GRAPHQL_TRANSPORT_WS, pushedRunning, type ConnectionHandlers, type SubscribePayload } from './ws-connection.ts';
import { isAsyncIterable } from './async-iterable.ts';

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
  /** How often sockets are pinged; one that has not answered the previous ping by the next is cut. Default 25 s. */
  keepAliveMs?: number;
}

/** What an accepted connection keeps: who it is, and the timer that closes it when the token expires. */
interface Session {
  viewer: Viewer | null;
  expiry: NodeJS.Timeout | undefined;
}

const MAX_TIMER_MS = 2_147_483_647;
const INIT_WAIT_MS = 3_000;
const KEEP_ALIVE_TICK_MS = 100;

/** One graphql-ws operation's way to its socket, for results written straight to it (shared subscription results). */
class OperationSink implements SocketSink {
  constructor(
    private readonly connection: Connection<Session>,
    readonly id: string,
  ) {}

  sendParts(parts: readonly Buffer[]) {
    this.connection.sendParts(parts);
  }

  backlog() {
    return this.connection.socket.bufferedAmount;
  }

  // 1013 "try again later": graphql-ws clients reconnect, and resume with their last cursor.
  stalled() {
    this.connection.close(1013, 'Too far behind: reconnect and resume');
  }

  end() {
    this.connection.complete(this.id);
  }

  fail(error: unknown) {
    this.connection.error(this.id, [unexpected(error)]);
  }
}

/**
 * graphql-ws's protocol (graphql-transport-ws) on the HTTP server's port and path, with operations run through yoga's
 * envelop, so that both transports share plugins, context and errors. The token travels in connectionParams; a bad one
 * closes with 4403, and so does its expiry (4403, so that clients retry with a fresh token).
 *
 * The protocol is spoken here (src/http/ws-connection.ts) rather than by graphql-ws's server, which keeps a suspended
 * async function with the operation's whole setup per subscription, the upgrade request and a ping timer per socket:
 * at thousands of subscribed sockets per process that was most of their memory. Its client is what the tests use.
 */
export function attachWebSocket(
  http: Server,
  yoga: YogaServerInstance<Record<string, unknown>, Context>,
  options: WebSocketOptions,
) {
  const wss = new WebSocketServer({
    server: http,
    path: yoga.graphqlEndpoint,
    maxPayload: 1024 * 1024,
    // A client that does not offer graphql-transport-ws is accepted, then closed with 4406 (as graphql-ws does).
    handleProtocols: (protocols) => (protocols.has(GRAPHQL_TRANSPORT_WS) ? GRAPHQL_TRANSPORT_WS : false),
  });
  const connections = new Map<WebSocket, Connection<Session>>();

  const expire = (connection: Connection<Session>) => connection.close(CloseCode.Forbidden, 'Token expired');

  const handlers: ConnectionHandlers<Session> = {
    async init(connection, params) {
      let auth: SocketAuth;
      try {
        auth = await options.authenticate(params?.authorization);
      } catch (error) {
        // Too many connects: 1013 "try again later", which graphql-ws clients retry (4403 for anything else).
        if (error instanceof UserError && error.code === 'RATE_LIMITED') connection.close(1013, error.message);
        if (error instanceof UserError) return undefined;
        throw error;
      }
      if (connection.closed) return undefined;
      const exp = auth.claims?.exp;
      const expiry = exp ? setTimeout(expire, Math.min(exp * 1000 - Date.now(), MAX_TIMER_MS), connection) : undefined;
      if (auth.viewer) options.onOpen?.(auth.viewer);
      return { viewer: auth.viewer, expiry };
    },
    operation: (connection, id, payload) =>
      runOperation(connection, id, payload).catch((error: unknown) => {
        options.logger.error({ err: error }, 'graphql-ws operation failed');
        connection.error(id, [unexpected(error)]);
      }),
    closed(connection) {
      const session = connection.session;
      if (!session) return;
      clearTimeout(session.expiry);
      if (session.viewer) options.onClose?.(session.viewer);
    },
  };

  /** Sets the operation up (its setup is not kept), then runs it or, for a subscription, hands it to `follow`. */
  async function runOperation(connection: Connection<Session>, id: string, payload: SubscribePayload) {
    const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
      viewer: connection.session?.viewer ?? null,
      params: payload,
    });
    const query = options.trustedDocuments ? resolveTrustedDocument(options.trustedDocuments, payload) : payload.query;
    if (typeof query !== 'string') return connection.error(id, [query]);
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return connection.error(id, [error]);
    }
    const errors = validate(schema, document);
    if (errors.length > 0) return connection.error(id, errors);
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      return connection.error(id, [
        new GraphQLError('Unable to identify operation', { extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
    }
    const args: ExecutionArgs = {
      schema,
      operationName: payload.operationName,
      document,
      variableValues: payload.variables,
      contextValue: { ...(await contextFactory()), socket: new OperationSink(connection, id) },
    };
    const result: unknown =
      operation.operation === OperationTypeNode.SUBSCRIPTION ? await subscribe(args) : await execute(args);
    const pushed = pushedRunning(result);
    if (pushed) return void connection.keep(id, pushed);
    if (!isAsyncIterable(result)) {
      await connection.next(id, result);
      return connection.complete(id);
    }
    return follow(connection, id, result[Symbol.asyncIterator]());
  }

  /** A subscription's results, each sent before the next is taken, until it ends or is stopped. */
  async function follow(connection: Connection<Session>, id: string, iterator: AsyncIterator<ExecutionResult>) {
    if (!connection.keep(id, { stop: () => void iterator.return?.() })) return;
    try {
      for (;;) {
        const step = await iterator.next();
        if (step.done) break;
        await connection.next(id, step.value);
      }
      connection.complete(id);
    } catch (error) {
      options.logger.error({ err: error }, 'subscription failed');
      connection.error(id, [unexpected(error)]);
    }
  }

  function onMessage(this: WebSocket, data: RawData) {
    connections.get(this)?.receive(textOf(data));
  }
  function onPong(this: WebSocket) {
    const connection = connections.get(this);
    if (connection) connection.alive = true;
  }
  function onClose(this: WebSocket) {
    const connection = connections.get(this);
    if (!connection) return;
    connections.delete(this);
    slots[connection.keepAliveSlot]!.delete(this);
    connection.onClose();
  }
  function onError(this: WebSocket, error: Error) {
    // ws closes the socket itself (an oversized or malformed frame); the close handler does the rest.
    options.logger.debug({ err: error }, 'websocket error');
  }

  // Keeps proxies from dropping idle sockets and notices dead peers. One timer for every socket, not one each: sockets
  // are dealt into slots, and each tick pings one slot, so that pings go out evenly (a burst of thousands of them would
  // hold up a fan-out) and a socket that has not answered its previous ping by the next is cut.
  const keepAliveMs = options.keepAliveMs ?? 25_000;
  const slots = Array.from({ length: Math.max(1, Math.round(keepAliveMs / KEEP_ALIVE_TICK_MS)) }, () => new Set<WebSocket>());
  let dealt = 0;
  let tick = 0;
  const keepAlive = setInterval(() => {
    tick = (tick + 1) % slots.length;
    for (const socket of slots[tick]!) {
      const connection = connections.get(socket);
      if (!connection) continue;
      if (!connection.alive) {
        socket.terminate();
        continue;
      }
      connection.alive = false;
      socket.ping();
    }
  }, keepAliveMs / slots.length);
  keepAlive.unref();

  wss.on('connection', (socket) => {
    socket.on('message', onMessage);
    socket.on('pong', onPong);
    socket.on('close', onClose);
    socket.on('error', onError);
    if (socket.readyState !== socket.OPEN) return;
    const connection = new Connection<Session>(socket, handlers, INIT_WAIT_MS);
    connection.keepAliveSlot = (dealt += 1) % slots.length;
    slots[connection.keepAliveSlot]!.add(socket);
    connections.set(socket, connection);
  });

  return {
    /** Going Away (1001) to every socket; waits for their close handshakes (3 s at most), so onClose has run. */
    async close() {
      clearInterval(keepAlive);
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
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    connections: () => wss.clients.size,
  };
}

/** A message's text (ws hands over a Buffer unless binaryType was changed; the other forms for completeness). */
function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString();
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.from(data).toString();
}

/** An error that escaped an operation: masked for the client as HTTP's are (the original is logged). */
function unexpected(error: unknown): GraphQLError {
  const masked = maskUnexpectedError(error, 'Unexpected error.');
  return masked instanceof GraphQLError ? masked : new GraphQLError(masked.message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
