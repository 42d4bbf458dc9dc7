/**
 * A raw graphql-ws (graphql-transport-ws) subscriber: the protocol by hand keeps the load generator light. One socket,
 * one subscription.
 */
import WebSocket from 'ws';

export interface Subscription {
  socket: WebSocket;
  close(): void;
}

export interface SubscribeOptions {
  /** http://host:port of the API (no /graphql). */
  url: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Every `next` payload's data, with the receipt time (performance.now()). */
  onNext(data: Record<string, unknown>, at: number): void;
  onError?(error: unknown): void;
}

/** Resolves once the server acknowledged the connection and the subscribe message was sent. */
export function subscribe(options: SubscribeOptions): Promise<Subscription> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${options.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    let acknowledged = false;
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${options.token}` } })),
    );
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: Record<string, unknown> } };
      if (message.type === 'connection_ack') {
        acknowledged = true;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: options.query, variables: options.variables ?? {} } }));
        resolve({ socket, close: () => socket.terminate() });
      } else if (message.type === 'next') {
        if (message.payload?.data) options.onNext(message.payload.data, performance.now());
        else options.onError?.(new Error(`subscription error: ${JSON.stringify(message.payload)}`));
      } else if (message.type === 'error') {
        options.onError?.(new Error(`subscription error: ${JSON.stringify(message.payload)}`));
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.on('error', (error) => (acknowledged ? options.onError?.(error) : reject(error)));
    socket.on('close', (code, reason) => {
      if (!acknowledged) reject(new Error(`socket closed before ack: ${code} ${reason.toString()}`));
    });
  });
}

/** The cursor the API gives the event with this seq (`after` resumes after it). */
export const seqCursor = (seq: number) => Buffer.from(JSON.stringify(['seq', seq])).toString('base64url');
