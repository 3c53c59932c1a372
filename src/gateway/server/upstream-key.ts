import { ConfigError } from '../../core/errors.js';
import type { GatewayModelConfig } from '../config.js';

/** Variables each provider reads its key from (see src/models/<provider>/config.ts). */
const KEY_VARS: Record<string, string[]> = {
  openai: ['OPENAI_API_KEY'],
  xai: ['XAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  google: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
};

/** The model's own key variable, if gateway.yaml names one; throws if it is named but unset. */
export function configuredKey(model: GatewayModelConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (!model.apiKeyEnv) return undefined;
  const key = env[model.apiKeyEnv]?.trim();
  if (!key) throw new ConfigError(`${model.apiKeyEnv} is not set: the gateway needs it for model ${model.name}`);
  return key;
}

/** The environment a Provider for this model should see: its key under the provider's usual name. */
export function providerEnv(model: GatewayModelConfig, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const key = configuredKey(model, env);
  if (key === undefined) return env;
  const out = { ...env };
  for (const name of KEY_VARS[model.upstream.provider] ?? []) out[name] = key;
  return out;
}
