/**
 * A counting TCP proxy in front of Postgres: every statement a client has the server execute arrives as a simple Query
 * ('Q', possibly several statements separated by semicolons) or an extended-protocol Execute ('E') message, so
 * counting those in the client-to-server stream counts statements exactly, whatever the driver (postgres.js prepares
 * named statements; node-postgres uses the unnamed one). BEGIN/COMMIT and set_config calls count like any statement.
 *
 * It stands in for pg_stat_statements where that is not loaded (it needs shared_preload_libraries and a server
 * restart), and, unlike it, attributes statements to the one process connected through it. It adds a hop, so it is
 * used for counting passes only, never on the path of a throughput measurement.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { splitStatements } from '../../src/db/split-statements.ts';
import { onCleanup } from './cleanup.ts';

export interface StatementCounter {
  /** postgres://… URL that reaches the target database through the proxy. */
  url: string;
  /** Statements executed since start (or the last reset). */
  count(): number;
  /** The statements' texts since the last reset (recorded only while `record` is on). */
  texts(): string[];
  reset(options?: { record?: boolean }): void;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export async function startStatementCounter(databaseUrl: string): Promise<StatementCounter> {
  const target = new URL(databaseUrl);
  let count = 0;
  let record = false;
  let texts: string[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    upstream.pipe(client);

    // Client-to-server parsing: untyped startup packets first, then typed messages.
    let startup = true;
    let buffer: Buffer = Buffer.alloc(0);
    const statementText = new Map<string, string>();
    const portalText = new Map<string, string>();
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (startup) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'Q') {
          const text = cstring(body, 0).value;
          const statements = splitStatements(text);
          count += Math.max(1, statements.length);
          if (record) texts.push(...(statements.length ? statements : [text]));
        } else if (type === 'P') {
          const name = cstring(body, 0);
          statementText.set(name.value, cstring(body, name.next).value);
        } else if (type === 'B') {
          const portal = cstring(body, 0);
          const statement = cstring(body, portal.next);
          portalText.set(portal.value, statementText.get(statement.value) ?? '?');
        } else if (type === 'E') {
          count += 1;
          if (record) texts.push(portalText.get(cstring(body, 0).value) ?? '?');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);

  const close = onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return {
    url: proxied.toString(),
    count: () => count,
    texts: () => texts,
    reset(options = {}) {
      count = 0;
      texts = [];
      record = options.record ?? false;
    },
    close,
  };
}

function cstring(buffer: Buffer, offset: number): { value: string; next: number } {
  const end = buffer.indexOf(0, offset);
  const stop = end === -1 ? buffer.length : end;
  return { value: buffer.toString('utf8', offset, stop), next: stop + 1 };
}
