import { CloseCode, MessageType, parseMessage, type SubscribeMessage } from 'graphql-ws';
import type { WebSocket } from 'ws';
import { sendTextFrame } from './text-frame.ts';

/** The one subprotocol spoken (graphql-ws's graphql-transport-ws). */
export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';

export type SubscribePayload = SubscribeMessage['payload'];

/** An operation that keeps running after it started (a subscription): stopped by the client's complete or the close. */
export interface Running {
  stop(): void;
}

export interface ConnectionHandlers<Session> {
  /**
   * connection_init: the session of an accepted connection, or undefined to refuse it with 4403 (a handler that closes
   * the socket itself, with another code, returns undefined too).
   */
  init(connection: Connection<Session>, params: Record<string, unknown> | undefined): Promise<Session | undefined>;
  /** A subscribe message: runs the operation, answering through the connection (next, error, complete). */
  operation(connection: Connection<Session>, id: string, payload: SubscribePayload): Promise<void>;
  /** After the socket closed and its operations were stopped. */
  closed(connection: Connection<Session>): void;
}

/**
 * One socket speaking graphql-transport-ws (the protocol of graphql-ws, close codes and all), holding as little as it
 * can: a server may keep tens of thousands of these open, each with a live subscription. The protocol's rules:
 * connection_init within the wait (4408), once (4429), accepted or refused (4403); nothing but ping/pong before the ack
 * (4401); one operation per id (4409); anything unreadable closes with 4400.
 */
export class Connection<Session> {
  session: Session | undefined;
  /** Answered the last keep-alive ping, and which of the server's keep-alive slots pings it. */
  alive = true;
  keepAliveSlot = 0;
  private initReceived = false;
  private initTimer: NodeJS.Timeout | undefined;
  /** Operations by id: null while one is being set up, then what stops it (or null again for a one-off result). */
  private operations: Map<string, Running | null> | undefined;
  private isClosed = false;
  /** No extension was negotiated (known once the first frame of parts is sent). */
  private plainFrames: boolean | undefined;

  constructor(
    readonly socket: WebSocket,
    private readonly handlers: ConnectionHandlers<Session>,
    initWaitMs: number,
  ) {
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS) {
      socket.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
      return;
    }
    this.initTimer = setTimeout(closeUninitialised, initWaitMs, this);
  }

  get acknowledged(): boolean {
    return this.session !== undefined;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  receive(data: string): void {
    let message;
    try {
      message = parseMessage(data);
    } catch {
      return this.close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        return void this.init(message.payload);
      case MessageType.Ping:
        return this.send(JSON.stringify(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong }));
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        return this.subscribe(message.id, message.payload);
      case MessageType.Complete:
        return this.stop(message.id);
      default:
        return this.close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
    }
  }

  /** A text frame, given as text or as its UTF-8 bytes. */
  send(frame: string | Buffer): void {
    if (!this.isClosed) this.socket.send(frame, { binary: false });
  }

  /** A text frame of these bytes one after the other, joined in the frame's own buffer (text-frame.ts). */
  sendParts(parts: readonly Buffer[]): void {
    if (this.isClosed) return;
    this.plainFrames ??= this.socket.extensions === '';
    sendTextFrame(this.socket, parts, this.plainFrames);
  }

  /** Sends and resolves once the frame is handed to the kernel: iterators are not pulled faster than a socket drains. */
  sendAndWait(frame: string): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => this.socket.send(frame, () => resolve()));
  }

  /** Whether the client still wants operation `id` (it has not completed it, and the socket is open). */
  wants(id: string): boolean {
    return this.operations?.has(id) ?? false;
  }

  /** A result of operation `id`, unless the client no longer wants it. */
  next(id: string, result: unknown): Promise<void> {
    if (!this.wants(id)) return Promise.resolve();
    return this.sendAndWait(JSON.stringify({ id, type: MessageType.Next, payload: result }));
  }

  /** Operation `id` failed before it ran (parse, validation): its errors, and it is over. */
  error(id: string, errors: readonly unknown[]): void {
    if (!this.wants(id)) return;
    this.operations!.delete(id);
    this.send(JSON.stringify({ id, type: MessageType.Error, payload: errors }));
  }

  /** Operation `id` ended by itself: the client hears complete (unless it completed it first). */
  complete(id: string): void {
    if (!this.wants(id)) return;
    this.operations!.delete(id);
    this.send(JSON.stringify({ id, type: MessageType.Complete }));
  }

  /**
   * Operation `id` keeps running: what stops it. False when the client completed it (or the socket closed) while it
   * was being set up; it is stopped at once then.
   */
  keep(id: string, running: Running): boolean {
    if (!this.wants(id)) {
      running.stop();
      return false;
    }
    this.operations!.set(id, running);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  /** The socket closed: every operation stops. */
  onClose(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearTimeout(this.initTimer);
    const operations = this.operations;
    this.operations = undefined;
    for (const running of operations?.values() ?? []) running?.stop();
    this.handlers.closed(this);
  }

  private async init(payload: unknown) {
    if (this.initReceived) return this.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
    this.initReceived = true;
    clearTimeout(this.initTimer);
    this.initTimer = undefined;
    const params = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
    let session;
    try {
      session = await this.handlers.init(this, params);
    } catch {
      return this.close(CloseCode.InternalServerError, 'Internal server error');
    }
    if (this.isClosed) return;
    if (session === undefined) return this.close(CloseCode.Forbidden, 'Forbidden');
    this.session = session;
    this.send(`{"type":"${MessageType.ConnectionAck}"}`);
  }

  private subscribe(id: string, payload: SubscribePayload) {
    if (!this.acknowledged) return this.close(CloseCode.Unauthorized, 'Unauthorized');
    this.operations ??= new Map();
    if (this.operations.has(id)) return this.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
    this.operations.set(id, null);
    // The handler answers its own failures as GraphQL errors; what still escapes it is a bug, and ends the connection.
    this.handlers.operation(this, id, payload).catch(() => this.close(CloseCode.InternalServerError, 'Internal server error'));
  }

  private stop(id: string) {
    const running = this.operations?.get(id);
    this.operations?.delete(id);
    running?.stop();
  }
}

function closeUninitialised(connection: Connection<unknown>) {
  connection.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
}

const PUSHED = Symbol('pushed subscription');

/**
 * What a subscribe function returns for a subscription that writes to its socket itself (through the SocketSink in its
 * context) instead of yielding results: the transport only keeps what stops it.
 */
export interface PushedSubscription {
  [PUSHED]: Running;
}

export const pushedSubscription = (running: Running): PushedSubscription => ({ [PUSHED]: running });

export const pushedRunning = (result: unknown): Running | undefined =>
  typeof result === 'object' && result !== null && PUSHED in result ? (result as PushedSubscription)[PUSHED] : undefined;
