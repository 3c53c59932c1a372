import { ConfigError } from '../../core/errors.js';
import type { ModelRef } from '../../core/model-ref.js';

/**
 * Key: GOOGLE_API_KEY, else GEMINI_API_KEY (the SDK's own precedence when both are set).
 * Base URL: the ref's `@baseUrl`, else GOOGLE_GEMINI_BASE_URL (the SDK's variable), else the
 * SDK default. A ref with an explicit `@baseUrl` may run without a key, as for openai.
 */
export function resolveGoogleEndpoint(ref: ModelRef, env: NodeJS.ProcessEnv): { baseUrl?: string; apiKey: string } {
  const baseUrl = ref.baseUrl || env.GOOGLE_GEMINI_BASE_URL?.trim() || undefined;
  const apiKey = env.GOOGLE_API_KEY?.trim() || env.GEMINI_API_KEY?.trim() || (ref.baseUrl ? 'none' : undefined);
  if (!apiKey) {
    throw new ConfigError(`GEMINI_API_KEY (or GOOGLE_API_KEY) is not set: export it to use ${ref.provider}:${ref.model}`);
  }
  return { baseUrl, apiKey };
}
