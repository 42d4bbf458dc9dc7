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
