/** One chat turn given to the model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatResult {
  text: string;
  model: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
}

/** An OpenAI-compatible chat model, streamed: onDelta gets each piece of text as it arrives. */
export interface AiProvider {
  name: string;
  chat(messages: ChatMessage[], options: { signal: AbortSignal; onDelta(delta: string): void }): Promise<ChatResult>;
}
