import { parseModelRef } from './model-ref.js';

/**
 * Which lab a model comes from, for self-preference and same-lab exclusion. First-party APIs
 * name their lab; anything behind another base URL (a gateway, vLLM, Ollama) is told by its
 * model name; `--lab REF=LAB` overrides both. `unknown` when none of these says.
 */
const BY_PROVIDER: Record<string, string> = { openai: 'openai', anthropic: 'anthropic', google: 'google', xai: 'xai' };

const BY_MODEL_NAME: [RegExp, string][] = [
  [/^(gpt|o[1-9]|chatgpt|davinci|text-embedding)/i, 'openai'],
  [/^claude/i, 'anthropic'],
  [/^(gemini|gemma|palm)/i, 'google'],
  [/^grok/i, 'xai'],
  [/llama/i, 'meta'],
  [/^(mistral|mixtral|codestral|ministral)/i, 'mistral'],
  [/^qwen/i, 'alibaba'],
  [/^deepseek/i, 'deepseek'],
];

export function labOf(rawRef: string, overrides: Record<string, string> = {}): string {
  if (overrides[rawRef]) return overrides[rawRef];
  const ref = parseModelRef(rawRef);
  if (!ref.baseUrl && BY_PROVIDER[ref.provider]) return BY_PROVIDER[ref.provider];
  const name = ref.model.split('/').pop() ?? ref.model;
  return BY_MODEL_NAME.find(([re]) => re.test(name))?.[1] ?? 'unknown';
}
