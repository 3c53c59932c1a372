import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import type { GenerateRequest, Generation } from '../../core/generation.js';
import type { ModelRef } from '../../core/model-ref.js';
import type { Provider, ProviderOptions } from '../provider.js';

/**
 * A deterministic TEST DOUBLE, for tests and examples only: never a real model.
 *
 *   scripted:echo          replies with the last user message
 *   scripted:idk           always "I don't know."
 *   scripted:PATH.json     rules: {"rules":[{"match":"regex","reply":"text"}], "default":"...",
 *                                  "delayMs": 0, "returnedModel": "..."}
 *
 * The first rule whose regex matches the last user message (case-insensitive) wins.
 */
export interface ScriptFile {
  rules?: { match: string; reply: string; refusal?: boolean }[];
  default?: string;
  delayMs?: number;
  returnedModel?: string;
}

export async function createScriptedProvider(ref: ModelRef, _opts: ProviderOptions): Promise<Provider> {
  const script = loadScript(ref);
  const rules = (script.rules ?? []).map((r) => ({ ...r, re: new RegExp(r.match, 'i') }));
  return {
    ref,
    async generate(req: GenerateRequest): Promise<Generation> {
      const started = performance.now();
      if (script.delayMs) await sleep(script.delayMs, req.signal);
      const lastUser = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      const rule = rules.find((r) => r.re.test(lastUser));
      const text = ref.model === 'echo' ? lastUser : rule?.reply ?? script.default ?? '';
      const promptChars = req.messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text,
        refusal: rule?.refusal ? text : null,
        stopReason: rule?.refusal ? 'refusal' : 'stop',
        usage: { inputTokens: Math.ceil(promptChars / 4), outputTokens: Math.ceil(text.length / 4) },
        latencyMs: performance.now() - started,
        returnedModel: script.returnedModel ?? `scripted-${ref.model}`,
        request: { model: ref.model, ...req.params },
      };
    },
  };
}

function loadScript(ref: ModelRef): ScriptFile {
  if (ref.model === 'echo') return {};
  if (ref.model === 'idk') return { default: "I don't know." };
  if (!ref.model.endsWith('.json')) {
    throw new UsageError(`scripted model "${ref.model}" is not echo, idk or a .json script file`);
  }
  try {
    return JSON.parse(readFileSync(ref.model, 'utf8')) as ScriptFile;
  } catch (err) {
    throw new UsageError(`cannot read scripted model file ${ref.model}: ${(err as Error).message}`);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason ?? new Error('aborted'));
    }, { once: true });
  });
}
