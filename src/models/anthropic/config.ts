import { ConfigError } from '../../core/errors.js';
import type { ModelRef } from '../../core/model-ref.js';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * Base URL: the ref's `@baseUrl`, else ANTHROPIC_BASE_URL, else the API. The key comes from
 * ANTHROPIC_API_KEY; a ref with an explicit `@baseUrl` may run without one (a local or
 * gateway endpoint that needs none), as for the openai provider.
 */
export function resolveAnthropicEndpoint(ref: ModelRef, env: NodeJS.ProcessEnv): { baseURL: string; apiKey: string } {
  const baseURL = ref.baseUrl || env.ANTHROPIC_BASE_URL?.trim() || ANTHROPIC_DEFAULT_BASE_URL;
  const apiKey = env.ANTHROPIC_API_KEY?.trim() || (ref.baseUrl ? 'none' : undefined);
  if (!apiKey) throw new ConfigError(`ANTHROPIC_API_KEY is not set: export it to use ${ref.provider}:${ref.model}`);
  return { baseURL, apiKey };
}
