import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client on the API's /graphql, authenticated the way the frontend does it. */
export function wsClient(httpUrl: string, token: string | undefined, options: { retry?: boolean } = {}): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retry ? 5 : 0,
    lazy: true,
  });
}

export interface Subscription<R> {
  /** The next result, or a rejection when the subscription errs out. */
  next(): Promise<FormattedExecutionResult<R, Record<string, unknown>>>;
  /** Resolves when the server completes the subscription (after its last result). */
  done(): Promise<void>;
  close(): Promise<void>;
}

/** Subscribes and resolves once the server has accepted the subscription and its first read is in place. */
export function subscribe<R, V>(client: Client, document: TypedDocumentNode<R, V>, variables: V): Subscription<R> {
  const iterator = client.iterate<R, Record<string, unknown>>({ query: print(document), variables: variables as Record<string, unknown> });
  return {
    async next() {
      const { value, done } = await iterator.next();
      if (done) throw new Error('subscription completed');
      return value;
    },
    async done() {
      for (;;) {
        const { done } = await iterator.next();
        if (done) return;
      }
    },
    async close() {
      await iterator.return?.();
    },
  };
}
