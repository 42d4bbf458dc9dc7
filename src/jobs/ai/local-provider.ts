import type { AiProvider } from './provider.ts';

/**
 * The offline stand-in used when no AI_BASE_URL is configured: it answers deterministically from the last message,
 * says plainly that it is not a real model, and streams word by word like one, so the whole flow works on a laptop.
 */
export function createLocalProvider(options: { delayMs?: number } = {}): AiProvider {
  const delay = options.delayMs ?? 20;
  return {
    name: 'local',
    async chat(messages, { signal, onDelta }) {
      const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      const text =
        `I am Uvian's built-in local assistant (no AI model is configured: set AI_BASE_URL, AI_API_KEY and AI_MODEL). ` +
        `You said: "${last.slice(0, 200)}". I have read the last ${messages.length - 1} messages of this conversation.`;
      const words = text.split(/(?<= )/);
      for (const word of words) {
        signal.throwIfAborted();
        onDelta(word);
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      }
      const promptTokens = messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0);
      return { text, model: 'uvian-local', usage: { promptTokens, completionTokens: words.length, totalTokens: promptTokens + words.length } };
    },
  };
}
