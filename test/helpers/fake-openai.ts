import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What one POST /v1/chat/completions carried. */
export interface ChatRequest {
  authorization: string | undefined;
  body: {
    model?: string;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    messages?: { role: string; content: string }[];
  };
}

/** How the next requests are answered, in order of precedence: fail, stall, cut off, then stream the reply. */
export type StallMode = 'no-response' | 'mid-stream';
/** A response that ends cleanly after one token, without its finish_reason and [DONE]: a reply cut off. */
export type CutMode = 'cut-off';

/**
 * A local OpenAI-compatible chat completions server on 127.0.0.1 (node:http), streaming `text/event-stream` chunks
 * the way the real API does: one chunk per token, a last chunk with its finish_reason, a usage chunk, then
 * `data: [DONE]`. A test decides how the next requests go: the reply to stream, HTTP 500 for the next N, a stall (no
 * answer at all, or headers and one token and then nothing) for the next N, or a reply cut off after one token for the
 * next N. `hold()` keeps new requests waiting, unanswered, until `release()`.
 */
export interface FakeOpenAi {
  /** The base URL to give as AI_BASE_URL (ends with /v1). */
  baseUrl: string;
  readonly model: string;
  /** Chat completion requests received so far (every one, whatever its answer). */
  readonly requests: ChatRequest[];
  /** Streams `text` (token by token, whitespace kept with the word before it) to the following requests. */
  reply(text: string): void;
  /** Answers the next `n` requests with HTTP 500. */
  failNext(n: number): void;
  /** Stalls the next `n` requests. */
  stallNext(n: number, mode?: StallMode): void;
  /** Ends the next `n` responses after their first token, cleanly but without a finish_reason or [DONE]. */
  cutNext(n: number): void;
  /** New requests wait (nothing written) until release(); then they are answered as usual. */
  hold(): void;
  release(): void;
  /** Resolves once `count` requests have arrived in total; fails after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Back to a plain reply, no failures, no stalls, no hold. */
  reset(): void;
  close(): Promise<void>;
}

export const tokensOf = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

export async function startFakeOpenAi(options: { model?: string } = {}): Promise<FakeOpenAi> {
  const model = options.model ?? 'fake-1';
  let replyText = 'Hello from the fake model.';
  let failures = 0;
  let stalls: { n: number; mode: StallMode } = { n: 0, mode: 'no-response' };
  let cuts = 0;
  let holding = false;
  let held: (() => void)[] = [];
  const requests: ChatRequest[] = [];
  let arrivals: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const sse = (res: ServerResponse, payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  const chunk = (id: string, delta: Record<string, unknown>, finish: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

  async function answer(req: ChatRequest, res: ServerResponse) {
    if (failures > 0) {
      failures -= 1;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'the fake model failed on purpose', type: 'server_error', code: null } }));
      return;
    }
    const id = `chatcmpl-${randomBytes(6).toString('hex')}`;
    if (stalls.n > 0) {
      stalls.n -= 1;
      if (stalls.mode === 'no-response') return; // never a byte: the client's timeout has to end it
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      sse(res, chunk(id, { role: 'assistant', content: '' }));
      sse(res, chunk(id, { content: 'Thinking' }));
      return; // headers and a first token, then silence
    }
    if (cuts > 0) {
      cuts -= 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      sse(res, chunk(id, { role: 'assistant', content: '' }));
      sse(res, chunk(id, { content: 'Cut' }));
      res.end();
      return;
    }
    const tokens = tokensOf(replyText);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    sse(res, chunk(id, { role: 'assistant', content: '' }));
    for (const token of tokens) {
      if (res.destroyed) return;
      sse(res, chunk(id, { content: token }));
      // A moment between tokens, so that they reach the API (and its subscribers) one by one, as from a real model.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    sse(res, chunk(id, {}, 'stop'));
    const promptTokens = (req.body.messages ?? []).reduce((n, m) => n + tokensOf(m.content).length, 0);
    sse(res, {
      id,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [],
      usage: { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length },
    });
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => (raw += part));
    req.on('end', () => {
      let body: ChatRequest['body'] = {};
      try {
        body = JSON.parse(raw) as ChatRequest['body'];
      } catch {
        // recorded as an empty body; the test will see it
      }
      const request: ChatRequest = { authorization: req.headers.authorization, body };
      requests.push(request);
      for (const wake of arrivals.splice(0)) wake();
      const go = () => void answer(request, res).catch(() => res.destroy());
      if (holding) held.push(go);
      else go();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    model,
    requests,
    reply(text) {
      replyText = text;
    },
    failNext(n) {
      failures = n;
    },
    stallNext(n, mode = 'no-response') {
      stalls = { n, mode };
    },
    cutNext(n) {
      cuts = n;
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const go of held.splice(0)) go();
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`fake OpenAI: ${requests.length} requests, still waiting for ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          arrivals.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    reset() {
      replyText = 'Hello from the fake model.';
      failures = 0;
      stalls = { n: 0, mode: 'no-response' };
      cuts = 0;
      holding = false;
      for (const go of held.splice(0)) go();
    },
    async close() {
      arrivals = [];
      held = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
