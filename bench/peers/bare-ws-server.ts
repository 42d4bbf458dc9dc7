/**
 * Benchmark peer (not part of the API): the floor of fan-out on this machine. One process, a plain `ws` server without
 * compression, no auth, no database: each message a client sends is written, as the same bytes, to every other open
 * connection. A new connection gets "ready" once the server tracks it.
 *
 * Environment: PORT (0), HOST. Prints {"url":"http://host:port/graphql"} on stdout once listening (the line
 * bench/lib/api-process.ts waits for, as the API prints it; the path itself means nothing here); SIGTERM closes it.
 */
import { WebSocketServer, WebSocket } from 'ws';

const server = new WebSocketServer({
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST ?? '127.0.0.1',
  perMessageDeflate: false,
});

server.on('connection', (socket) => {
  socket.on('message', (data: Buffer, isBinary) => {
    // Serialised once (the received bytes), written to every other connection.
    for (const client of server.clients) {
      if (client !== socket && client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
  socket.send('ready');
});

server.on('listening', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(JSON.stringify({ msg: 'listening', url: `http://${address.address}:${address.port}/graphql` }));
});

const shutdown = () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
