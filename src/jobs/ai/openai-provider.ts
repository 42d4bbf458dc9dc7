import OpenAI from 'openai';
import type { AiProvider } from './provider.ts';

/** An answer that stopped arriving: the model sent nothing for the configured timeout. */
export class AiTimeoutError extends Error {}

/** Any OpenAI-compatible chat completions API (OpenAI, a gateway, a local server), streamed. */
export function createOpenAiProvider(options: { baseUrl: string; apiKey: string; model: string; timeoutMs: number }): AiProvider {
  // Retries are the job queue's business (with backoff and a reply saved at most once), not the client's.
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey, timeout: options.timeoutMs, maxRetries: 0 });
  return {
    name: 'openai-compatible',
    async chat(messages, { signal, onDelta }) {
      // The client's timeout only runs until the response headers: a stream that stops half-way would hang the attempt
      // until the job's own timeout (minutes). So every wait for the next chunk is bounded by the same timeout.
      const idle = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const rearm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => idle.abort(new AiTimeoutError(`AI response timed out: nothing received for ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      };
      try {
        const stream = await client.chat.completions.create(
          { model: options.model, messages, stream: true, stream_options: { include_usage: true } },
          { signal: AbortSignal.any([signal, idle.signal]) },
        );
        rearm();
        let text = '';
        let model = options.model;
        let usage: Awaited<ReturnType<AiProvider['chat']>>['usage'] = null;
        let finished = false;
        for await (const chunk of stream) {
          rearm();
          model = chunk.model || model;
          if (chunk.choices[0]?.finish_reason) finished = true;
          const delta = chunk.choices[0]?.delta?.content ?? '';
          if (delta) {
            text += delta;
            onDelta(delta);
          }
          if (chunk.usage) {
            usage = {
              promptTokens: chunk.usage.prompt_tokens,
              completionTokens: chunk.usage.completion_tokens,
              totalTokens: chunk.usage.total_tokens,
            };
          }
        }
        // The SDK ends a stream that is aborted as if it had ended: a cut-off reply must not pass for a whole one.
        if (idle.signal.aborted) throw idle.signal.reason as AiTimeoutError;
        signal.throwIfAborted();
        // So does a response that closes before its last chunk (the one with a finish_reason): the reply is cut off.
        if (!finished) throw new Error('AI response ended before it was complete (no finish_reason)');
        return { text, model, usage };
      } catch (error) {
        // Our own abort surfaces as the client's "Request was aborted": say what happened instead.
        if (idle.signal.aborted && !signal.aborted) throw idle.signal.reason as AiTimeoutError;
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
