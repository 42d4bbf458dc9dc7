import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { sendTextFrame } from '../src/http/text-frame.ts';

// Frames built by sendTextFrame, read by a real ws client: every header length of RFC 6455, in order with ws's own
// frames on the same socket, and through ws itself when an extension (compression) is in use.

describe('sendTextFrame', () => {
  let server: WebSocketServer;
  let url: string;

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true });
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Connects a client (compression offered or not) and returns the server's socket and what the client reads. */
  async function pair(compress: boolean) {
    const accepted = once(server, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(url, { perMessageDeflate: compress });
    const received: string[] = [];
    client.on('message', (data: Buffer, isBinary: boolean) => received.push(isBinary ? '<binary>' : data.toString()));
    await once(client, 'open');
    const [socket] = await accepted;
    const readAll = async (count: number) => {
      await expect.poll(() => received.length, { timeout: 5_000 }).toBe(count);
      client.close();
      return received;
    };
    return { socket, readAll };
  }

  const parts = (size: number) => [Buffer.from('{"id":"7","type":"next","payload":'), Buffer.from(JSON.stringify('x'.repeat(size))), Buffer.from('}')];
  const joined = (size: number) => Buffer.concat(parts(size)).toString();

  it('frames payloads of every length class (7-bit, 16-bit and 64-bit lengths) as text the client reads whole', async () => {
    const { socket, readAll } = await pair(false);
    expect(socket.extensions).toBe('');
    for (const size of [0, 50, 300, 70_000]) sendTextFrame(socket, parts(size));
    expect(await readAll(4)).toEqual([joined(0), joined(50), joined(300), joined(70_000)]);
  });

  it("keeps its place among ws's own frames on the same socket", async () => {
    const { socket, readAll } = await pair(false);
    socket.send('first');
    sendTextFrame(socket, [Buffer.from('second')]);
    socket.send('third');
    sendTextFrame(socket, parts(200));
    expect(await readAll(4)).toEqual(['first', 'second', 'third', joined(200)]);
  });

  it('goes through ws when the connection negotiated compression', async () => {
    const { socket, readAll } = await pair(true);
    expect(socket.extensions).toContain('permessage-deflate');
    socket.send('x'.repeat(2_000)); // compressed by ws, asynchronously: a raw frame now would overtake it
    sendTextFrame(socket, parts(100));
    expect(await readAll(2)).toEqual(['x'.repeat(2_000), joined(100)]);
  });
});
