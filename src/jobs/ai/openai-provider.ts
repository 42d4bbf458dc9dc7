import OpenAI from 'openai';
import type { AiProvider } from './provider.ts';

/** Any OpenAI-compatible chat completions API (OpenAI, a gateway, a local server), streamed. */
export function createOpenAiProvider(options: { baseUrl: string; apiKey: string; model: string; timeoutMs: number }): AiProvider {
  // Retries are the job queue's business (with backoff and a reply saved at most once), not the client's.
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey, timeout: options.timeoutMs, maxRetries: 0 });
  return {
    name: 'openai-compatible',
    async chat(messages, { signal, onDelta }) {
      const stream = await client.chat.completions.create(
        { model: options.model, messages, stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      let text = '';
      let model = options.model;
      let usage: Awaited<ReturnType<AiProvider['chat']>>['usage'] = null;
      for await (const chunk of stream) {
        model = chunk.model || model;
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
      return { text, model, usage };
    },
  };
}
