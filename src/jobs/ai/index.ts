import type { Config } from '../../config.ts';
import { createLocalProvider } from './local-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import type { AiProvider } from './provider.ts';

export function createAiProvider(config: Pick<Config, 'ai'>): AiProvider {
  const { baseUrl, apiKey, model, timeoutMs } = config.ai;
  return baseUrl ? createOpenAiProvider({ baseUrl, apiKey: apiKey ?? 'none', model, timeoutMs }) : createLocalProvider();
}
