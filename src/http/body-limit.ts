import type { IncomingMessage } from 'node:http';

/**
 * Checks the declared size of a request body before anything reads it: 'ok', 'too-large' (413), or 'unknown-length'
 * (411) for a chunked body, which would otherwise be buffered whole before its size is known. Every GraphQL client
 * sends a Content-Length with its JSON.
 */
export function checkBodySize(req: IncomingMessage, limit: number): 'ok' | 'too-large' | 'unknown-length' {
  const declared = req.headers['content-length'];
  if (declared !== undefined) return Number(declared) <= limit ? 'ok' : 'too-large';
  return req.headers['transfer-encoding'] ? 'unknown-length' : 'ok';
}

/**
 * The whole body of a request whose size checkBodySize accepted, or undefined when the client went away before
 * sending it. Read here, in one Buffer, and handed to yoga as the request's parsed body (it takes `req.body` as
 * given): yoga's own reading goes through a stream pipeline that makes an AbortController and, when it ends, a
 * DOMException with a stack trace, which was a twentieth of a small query's CPU.
 */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once('close', () => resolve(undefined));
    req.once('error', () => resolve(undefined));
  });
}
