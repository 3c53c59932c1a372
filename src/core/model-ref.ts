import { UsageError } from './errors.js';

/**
 * `provider:model`, optionally `provider:model@baseUrl`, e.g. `openai:gpt-4.1`,
 * `openai:my-model@http://host:8000/v1`, `llamacpp:./model.gguf`.
 */
export interface ModelRef {
  provider: string;
  model: string;
  baseUrl?: string;
  /** The string as the user wrote it (without secrets: refs never carry keys). */
  raw: string;
}

export function parseModelRef(raw: string): ModelRef {
  const colon = raw.indexOf(':');
  if (colon <= 0 || colon === raw.length - 1) {
    throw new UsageError(`malformed model ref "${raw}": expected provider:model, e.g. openai:gpt-4.1`);
  }
  const provider = raw.slice(0, colon);
  if (!/^[a-z][a-z0-9_-]*$/.test(provider)) {
    throw new UsageError(`malformed model ref "${raw}": provider "${provider}" must be lower-case letters, digits, - or _`);
  }
  let model = raw.slice(colon + 1);
  let baseUrl: string | undefined;
  // The base URL starts at the first "@http" so model names may themselves contain "@".
  const at = model.search(/@https?:\/\//);
  if (at >= 0) {
    baseUrl = model.slice(at + 1);
    model = model.slice(0, at);
    try {
      new URL(baseUrl);
    } catch {
      throw new UsageError(`malformed model ref "${raw}": "${baseUrl}" is not a URL`);
    }
  }
  if (!model) throw new UsageError(`malformed model ref "${raw}": the model name is empty`);
  return { provider, model, baseUrl, raw };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}:${ref.model}${ref.baseUrl ? `@${ref.baseUrl}` : ''}`;
}
