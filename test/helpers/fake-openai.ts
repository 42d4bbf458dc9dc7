import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What one POST /v1/chat/completions carried, and how far its answer has got. */
export interface ChatRequest {
  /** Its place in arrival order (0, 1, …). */
  index: number;
  authorization: string | undefined;
  body: {
    model?: string;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    messages?: { role: string; content: string }[];
  };
  /** The last user message: what a test looks for to tell its jobs apart. */
  prompt: string;
  /**
   * streaming until the answer ends: completed (the whole reply and [DONE]), failed (HTTP 500), cut (ended on purpose
   * after one token), or aborted (its connection closed before the end: the client went away, or dropStreams()).
   */
  outcome: 'streaming' | 'completed' | 'failed' | 'cut' | 'aborted';
  /** Tokens of the reply written so far. */
  tokensSent: number;
}

/** How the next requests are answered, in order of precedence: fail, stall, cut off, then stream the reply. */
export type StallMode = 'no-response' | 'mid-stream';
/** A response that ends cleanly after one token, without its finish_reason and [DONE]: a reply cut off. */
export type CutMode = 'cut-off';

/**
 * A local OpenAI-compatible chat completions server on 127.0.0.1 (node:http), streaming `text/event-stream` chunks
 * the way the real API does: one chunk per token, a last chunk with its finish_reason, a usage chunk, then
 * `data: [DONE]`. A test decides how the next requests go: the reply to stream and how slowly, HTTP 500 for the next
 * N, a stall (no answer at all, or headers and one token and then nothing) for the next N, or a reply cut off after
 * one token for the next N. `hold()` keeps new requests waiting, unanswered, until `release()`; `dropStreams()` cuts
 * the connections of the replies streaming now (as a dying network would). Every request is recorded with how far
 * its answer got, so a test can wait for "the reply has started streaming" (say, before killing the worker reading it).
 */
export interface FakeOpenAi {
  /** The base URL to give as AI_BASE_URL (ends with /v1). */
  baseUrl: string;
  readonly model: string;
  /** Chat completion requests received so far (every one, whatever its answer). */
  readonly requests: ChatRequest[];
  /**
   * Streams `text` (token by token, whitespace kept with the word before it) to the following requests, a pause of
   * `tokenDelayMs` (default 5) before each token.
   */
  reply(text: string, options?: { tokenDelayMs?: number }): void;
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
  /** Resolves with the first request that matches (checked whenever one arrives or streams a token); fails after `timeoutMs`. */
  waitFor(predicate: (request: ChatRequest) => boolean, what: string, timeoutMs?: number): Promise<ChatRequest>;
  /** Destroys the connections of the replies streaming now; later requests are answered as usual. */
  dropStreams(): void;
  /** Back to a plain reply, no failures, no stalls, no hold. */
  reset(): void;
  close(): Promise<void>;
}

export const tokensOf = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

const DEFAULT_REPLY = 'Hello from the fake model.';
const DEFAULT_TOKEN_DELAY_MS = 5;

export async function startFakeOpenAi(options: { model?: string } = {}): Promise<FakeOpenAi> {
  const model = options.model ?? 'fake-1';
  let replyText = DEFAULT_REPLY;
  // A moment between tokens, so that they reach the API (and its subscribers) one by one, as from a real model.
  let tokenDelayMs = DEFAULT_TOKEN_DELAY_MS;
  let failures = 0;
  let stalls: { n: number; mode: StallMode } = { n: 0, mode: 'no-response' };
  let cuts = 0;
  let holding = false;
  let held: (() => void)[] = [];
  const requests: ChatRequest[] = [];
  // Called whenever a request arrives or its answer moves on.
  let watchers = new Set<() => void>();
  const changed = () => {
    for (const watcher of [...watchers]) watcher();
  };
  const streaming = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const sse = (res: ServerResponse, payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  const chunk = (id: string, delta: Record<string, unknown>, finish: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const settle = (req: ChatRequest, outcome: ChatRequest['outcome']) => {
    req.outcome = outcome;
    changed();
  };

  async function answer(req: ChatRequest, res: ServerResponse) {
    if (failures > 0) {
      failures -= 1;
      settle(req, 'failed');
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'the fake model failed on purpose', type: 'server_error', code: null } }));
      return;
    }
    const id = `chatcmpl-${randomBytes(6).toString('hex')}`;
    streaming.add(res);
    res.once('close', () => {
      streaming.delete(res);
      if (req.outcome === 'streaming') settle(req, 'aborted');
    });
    if (stalls.n > 0) {
      stalls.n -= 1;
      if (stalls.mode === 'no-response') return; // never a byte: the client's timeout has to end it
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      sse(res, chunk(id, { role: 'assistant', content: '' }));
      sse(res, chunk(id, { content: 'Thinking' }));
      req.tokensSent = 1;
      changed();
      return; // headers and a first token, then silence
    }
    if (cuts > 0) {
      cuts -= 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      sse(res, chunk(id, { role: 'assistant', content: '' }));
      sse(res, chunk(id, { content: 'Cut' }));
      req.tokensSent = 1;
      settle(req, 'cut');
      res.end();
      return;
    }
    const tokens = tokensOf(replyText);
    const delay = tokenDelayMs;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    sse(res, chunk(id, { role: 'assistant', content: '' }));
    for (const token of tokens) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (res.destroyed) return;
      sse(res, chunk(id, { content: token }));
      req.tokensSent += 1;
      changed();
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
    settle(req, 'completed');
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
      const prompt = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
      const request: ChatRequest = {
        index: requests.length,
        authorization: req.headers.authorization,
        body,
        prompt,
        outcome: 'streaming',
        tokensSent: 0,
      };
      requests.push(request);
      changed();
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

  /** Resolves with what `probe` finds, probing now and whenever a request arrives or moves on. */
  const until = <T>(probe: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        const seen = requests.map(({ index, prompt, outcome, tokensSent }) => ({ index, prompt, outcome, tokensSent }));
        reject(new Error(`fake OpenAI: still waiting for ${what}; got ${JSON.stringify(seen)}`));
      }, timeoutMs);
      watchers.add(check);
      check();
    });

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    model,
    requests,
    reply(text, replyOptions = {}) {
      replyText = text;
      tokenDelayMs = replyOptions.tokenDelayMs ?? DEFAULT_TOKEN_DELAY_MS;
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
      await until(() => (requests.length >= count ? true : undefined), `${count} requests`, timeoutMs);
    },
    waitFor: (predicate, what, timeoutMs = 20_000) => until(() => requests.find(predicate), what, timeoutMs),
    dropStreams() {
      for (const res of streaming) res.destroy();
    },
    reset() {
      replyText = DEFAULT_REPLY;
      tokenDelayMs = DEFAULT_TOKEN_DELAY_MS;
      failures = 0;
      stalls = { n: 0, mode: 'no-response' };
      cuts = 0;
      holding = false;
      for (const go of held.splice(0)) go();
    },
    async close() {
      watchers = new Set();
      held = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
