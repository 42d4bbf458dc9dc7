import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible chat completions server (POST {baseUrl}/chat/completions, streamed as server-sent events)
 * whose behaviour a test scripts: how many tokens each reply has and how slowly they come, and how many of the next
 * requests fail with a 500. It records every request, so a test can wait for "the reply has started streaming" (say,
 * before killing the worker that reads it) and count how many times the model was asked.
 */
export interface ScriptedOpenAi {
  /** What to give AI_BASE_URL (ends in /v1). */
  baseUrl: string;
  /** Every request so far, in arrival order. */
  requests: RecordedRequest[];
  /** Changes how the next requests are answered (what is not given stays as it was). */
  configure(options: Partial<Behaviour>): void;
  /** Cuts the replies streaming right now (their connections are destroyed mid-stream); later requests are not touched. */
  dropStreams(): void;
  /** Resolves once a request matches; fails after timeoutMs, saying what did arrive. */
  waitFor(predicate: (request: RecordedRequest) => boolean, what: string, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export interface Behaviour {
  /** The reply's text, streamed one token (a word and its space) at a time. */
  reply: string;
  /** Pause before each token. */
  tokenDelayMs: number;
  /** This many of the next requests get a 500 (counted down as they arrive). */
  failNext: number;
}

export interface RecordedRequest {
  index: number;
  /** The request body (model, messages, stream…). */
  body: { model?: string; messages?: { role: string; content: string }[]; stream?: boolean };
  /** The last user message: what a test looks for to tell its jobs apart. */
  prompt: string;
  outcome: 'streaming' | 'failed' | 'completed' | 'aborted';
  /** Tokens written so far. */
  tokensSent: number;
}

export const MODEL = 'scripted-model';

export async function startScriptedOpenAi(initial: Partial<Behaviour> = {}): Promise<ScriptedOpenAi> {
  const behaviour: Behaviour = { reply: 'Hello from the scripted model.', tokenDelayMs: 0, failNext: 0, ...initial };
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const open = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body = JSON.parse(raw) as RecordedRequest['body'];
    const prompt = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
    const request: RecordedRequest = { index: requests.length, body, prompt, outcome: 'streaming', tokensSent: 0 };
    requests.push(request);

    if (behaviour.failNext > 0) {
      behaviour.failNext -= 1;
      request.outcome = 'failed';
      changed();
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error', code: null } }));
      return;
    }

    const tokens = behaviour.reply.split(/(?<= )/);
    const delay = behaviour.tokenDelayMs;
    const id = `chatcmpl-${request.index}`;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: MODEL, choices, ...extra })}\n\n`;
    let aborted = false;
    res.on('close', () => {
      open.delete(res);
      if (!res.writableFinished) {
        aborted = true;
        if (request.outcome === 'streaming') request.outcome = 'aborted';
        changed();
      }
    });
    open.add(res);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    for (const token of tokens) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (aborted) return;
      res.write(chunk([{ index: 0, delta: { content: token }, finish_reason: null }]));
      request.tokensSent += 1;
      changed();
    }
    if (aborted) return;
    res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    const promptTokens = (body.messages ?? []).reduce((n, m) => n + m.content.split(/\s+/).length, 0);
    res.write(
      chunk([], { usage: { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length } }),
    );
    res.end('data: [DONE]\n\n');
    request.outcome = 'completed';
    changed();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    configure(options) {
      Object.assign(behaviour, options);
    },
    dropStreams() {
      for (const res of open) res.destroy();
    },
    waitFor(predicate, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find(predicate);
          if (!found) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`scripted AI server: still waiting for ${what}; got ${JSON.stringify(requests.map(summary))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        const waiter = () => void check();
        waiters.add(waiter);
        check();
      });
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const summary = (r: RecordedRequest) => ({ index: r.index, prompt: r.prompt, outcome: r.outcome, tokensSent: r.tokensSent });
