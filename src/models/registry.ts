import { UsageError } from '../core/errors.js';
import type { ModelRef } from '../core/model-ref.js';
import type { Provider, ProviderFactory, ProviderOptions } from './provider.js';

/**
 * Provider name -> factory. Imports are lazy so that `crosscheck runs` never loads an SDK or
 * the llama.cpp binding. OpenAI-compatible services (xai, ollama, vLLM...) reuse the openai
 * provider with their own default base URL and key variable.
 */
const factories: Record<string, () => Promise<ProviderFactory>> = {
  openai: async () => (await import('./openai/index.js')).createOpenAIProvider,
  xai: async () => (await import('./openai/index.js')).createOpenAIProvider,
  ollama: async () => (await import('./openai/index.js')).createOpenAIProvider,
  anthropic: async () => (await import('./anthropic/index.js')).createAnthropicProvider,
  google: async () => (await import('./google/index.js')).createGoogleProvider,
  llamacpp: async () => (await import('./llamacpp/index.js')).createLlamaCppProvider,
  scripted: async () => (await import('./scripted/index.js')).createScriptedProvider,
};

export const PROVIDER_NAMES = Object.keys(factories);

export async function createProvider(ref: ModelRef, opts: ProviderOptions = {}): Promise<Provider> {
  const load = factories[ref.provider];
  if (!load) {
    throw new UsageError(`unknown provider "${ref.provider}" in "${ref.raw}": use one of ${PROVIDER_NAMES.join(', ')}`);
  }
  const factory = await load();
  return factory(ref, opts);
}
