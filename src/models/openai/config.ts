import { ConfigError } from '../../core/errors.js';
import type { ModelRef } from '../../core/model-ref.js';

/** Where and how to reach one OpenAI-compatible service. */
export interface OpenAIEndpoint {
  baseURL: string;
  apiKey: string;
  /**
   * `max_completion_tokens` for OpenAI's API (its reasoning models reject `max_tokens`), also
   * when OPENAI_BASE_URL points at a proxy for it; `max_tokens` for Ollama and for refs with an
   * explicit `@baseUrl` to another host, since every OpenAI-compatible server understands that
   * older name and some (older vLLM, llama.cpp) silently ignore the newer one.
   */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
}

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Services that speak the OpenAI wire format under their own name. */
const SERVICES: Record<string, { keyVar?: string; baseUrlVar?: string; defaultBaseUrl: string; placeholderKey?: string }> = {
  openai: { keyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL', defaultBaseUrl: OPENAI_DEFAULT_BASE_URL },
  xai: { keyVar: 'XAI_API_KEY', defaultBaseUrl: 'https://api.x.ai/v1' },
  // Ollama ignores the key, but the SDK insists on one.
  ollama: { defaultBaseUrl: 'http://localhost:11434/v1', placeholderKey: 'ollama' },
};

/**
 * Base URL: the ref's `@baseUrl`, else the service's variable, else its default. Key: the
 * service's variable; a ref with an explicit `@baseUrl` (vLLM, llama.cpp server, the Crosscheck
 * gateway...) may run without one, since local servers often need none.
 */
export function resolveOpenAIEndpoint(ref: ModelRef, env: NodeJS.ProcessEnv): OpenAIEndpoint {
  const service = SERVICES[ref.provider] ?? SERVICES.openai;
  const baseURL = ref.baseUrl || (service.baseUrlVar ? env[service.baseUrlVar]?.trim() : undefined) || service.defaultBaseUrl;
  const fromEnv = service.keyVar ? env[service.keyVar]?.trim() : undefined;
  const apiKey = fromEnv || service.placeholderKey || (ref.baseUrl ? 'none' : undefined);
  if (!apiKey) {
    throw new ConfigError(`${service.keyVar} is not set: export it to use ${ref.provider}:${ref.model}`);
  }
  const compatibleServer = ref.provider === 'ollama' || (ref.baseUrl !== undefined && !isOpenAIHost(ref.baseUrl));
  return { baseURL, apiKey, maxTokensField: compatibleServer ? 'max_tokens' : 'max_completion_tokens' };
}

function isOpenAIHost(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
