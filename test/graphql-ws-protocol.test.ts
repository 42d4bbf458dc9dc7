import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApi, type TestApi, type TestUser } from './helpers/api.ts';

/**
 * The graphql-transport-ws protocol as the API speaks it (src/http/ws-connection.ts), frame by frame with a raw socket:
 * what graphql-ws clients (Apollo, urql, graphql-ws itself) rely on, close codes included.
 */

interface Frame {
  id?: string;
  type: string;
  payload?: unknown;
}

/** A raw socket that records every frame and how it closed. */
class RawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly socket: WebSocket;
  private waiters: Array<() => void> = [];

  /** `protocol` null: the client offers none. */
  constructor(url: string, protocol: string | null = 'graphql-transport-ws', options: WebSocket.ClientOptions = {}) {
    this.socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, protocol ? [protocol] : [], options);
    this.socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('open', () => resolve()));
  }

  async send(frame: unknown) {
    await this.opened();
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first recorded frame that matches (waiting for it to arrive). */
  async frame(match: (frame: Frame) => boolean): Promise<Frame> {
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async init(token: string) {
    await this.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    await this.frame((f) => f.type === 'connection_ack');
  }

  close() {
    this.socket.terminate();
  }
}

const CreateGroup = parse('mutation { createConversation(input: { name: "protocol", type: GROUP, memberIds: [] }) { id } }') as TypedDocumentNode<
  { createConversation: { id: string } },
  Record<string, never>
>;

describe('graphql-ws protocol', () => {
  let api: TestApi;
  let alice: TestUser;
  const clients: RawClient[] = [];
  const client = (...args: ConstructorParameters<typeof RawClient> extends [string, ...infer Rest] ? Rest : never) => {
    const raw = new RawClient(api.url, ...args);
    clients.push(raw);
    return raw;
  };

  beforeAll(async () => {
    api = await startApi({ env: { WS_KEEP_ALIVE_MS: '300' } });
    alice = await api.user('alice');
  });

  afterAll(async () => {
    for (const raw of clients) raw.close();
    await api?.stop();
  });

  it('closes a socket that does not speak graphql-transport-ws with 4406', async () => {
    expect(await client(null).closed).toEqual({ code: 4406, reason: 'Subprotocol not acceptable' });
    // Offering only another protocol: the handshake names none, which a client (a browser too) takes as a failure.
    const other = client('graphql-ws');
    const failed = new Promise<Error>((resolve) => other.socket.once('error', resolve));
    expect((await failed).message).toBe('Server sent no subprotocol');
  });

  it('closes with 4400 on a frame that is not a protocol message', async () => {
    const notJson = client();
    await notJson.send('{not json');
    expect(await notJson.closed).toEqual({ code: 4400, reason: 'Invalid message received' });
    const unknownType = client();
    await unknownType.init(alice.token);
    await unknownType.send({ type: 'shout' });
    expect((await unknownType.closed).code).toBe(4400);
  });

  it('refuses a subscribe before the connection is acknowledged (4401) and a second init (4429)', async () => {
    const early = client();
    await early.send({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }' } });
    expect(await early.closed).toEqual({ code: 4401, reason: 'Unauthorized' });
    const twice = client();
    await twice.init(alice.token);
    await twice.send({ type: 'connection_init', payload: { authorization: `Bearer ${alice.token}` } });
    expect(await twice.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
  });

  it('answers ping with pong (echoing its payload) before and after the ack', async () => {
    const raw = client();
    await raw.send({ type: 'ping', payload: { at: 1 } });
    expect(await raw.frame((f) => f.type === 'pong')).toEqual({ type: 'pong', payload: { at: 1 } });
    await raw.init(alice.token);
    await raw.send({ type: 'ping' });
    await expect.poll(() => raw.frames.filter((f) => f.type === 'pong').length).toBe(2);
    expect(raw.frames.filter((f) => f.type === 'pong')[1]).toEqual({ type: 'pong' });
  });

  it('runs queries and mutations over the socket: one next, then complete', async () => {
    const raw = client();
    await raw.init(alice.token);
    await raw.send({ id: 'q', type: 'subscribe', payload: { query: '{ me { username } }' } });
    expect(await raw.frame((f) => f.id === 'q' && f.type === 'next')).toEqual({
      id: 'q',
      type: 'next',
      payload: { data: { me: { username: 'alice' } } },
    });
    await raw.frame((f) => f.id === 'q' && f.type === 'complete');
    // The id is free again once the operation completed.
    await raw.send({ id: 'q', type: 'subscribe', payload: { query: 'mutation { updateMe(input: { fullName: "Alice A" }) { fullName } }' } });
    await expect.poll(() => raw.frames.filter((f) => f.id === 'q' && f.type === 'complete').length).toBe(2);
    expect(raw.frames.filter((f) => f.id === 'q' && f.type === 'next')[1]?.payload).toEqual({
      data: { updateMe: { fullName: 'Alice A' } },
    });
  });

  it('answers a document that does not parse or validate with an error message, and keeps the socket', async () => {
    const raw = client();
    await raw.init(alice.token);
    await raw.send({ id: 'bad', type: 'subscribe', payload: { query: '{ me { noSuchField } }' } });
    const error = await raw.frame((f) => f.id === 'bad');
    expect(error.type).toBe('error');
    expect(error.payload).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    await raw.send({ id: 'syntax', type: 'subscribe', payload: { query: '{ me {' } });
    expect((await raw.frame((f) => f.id === 'syntax')).type).toBe('error');
    await raw.send({ id: 'ok', type: 'subscribe', payload: { query: '{ me { id } }' } });
    expect((await raw.frame((f) => f.id === 'ok')).type).toBe('next');
  });

  it('closes with 4409 when an id is reused while its operation runs, and frees an id the client completes', async () => {
    const { createConversation } = await alice.client.data(CreateGroup);
    const subscription = {
      query: 'subscription($c: ID!) { messageAdded(conversationId: $c) { content } }',
      variables: { c: createConversation.id },
    };
    const raw = client();
    await raw.init(alice.token);
    await raw.send({ id: 's', type: 'subscribe', payload: subscription });
    // Completed by the client: the id can be used again at once, and nothing more arrives for the first one.
    await raw.send({ id: 's', type: 'complete' });
    await raw.send({ id: 's', type: 'subscribe', payload: subscription });
    await raw.send({ id: 's', type: 'subscribe', payload: subscription });
    expect(await raw.closed).toEqual({ code: 4409, reason: 'Subscriber for s already exists' });
  });

  it('cuts a socket that stops answering pings, and keeps one that answers', async () => {
    const silent = client('graphql-transport-ws', { autoPong: false });
    const answering = client();
    await Promise.all([silent.init(alice.token), answering.init(alice.token)]);
    // Keep-alive is 300 ms here: a socket that has not answered one ping by the next is gone within two rounds.
    expect((await silent.closed).code).toBe(1006);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
  });
});
