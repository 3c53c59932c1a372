/** Stored rows as the store's users see them, shared by the store's reads. */
import type { StoredGeneration } from './records.js';

export interface RawGeneration {
  role: string; model_ref: string; messages: string; request: string; text: string; refusal: string | null; stop_reason: string | null;
  input_tokens: number; output_tokens: number; reasoning_tokens: number | null; latency_ms: number; returned_model: string | null; cached: number;
}

export function toStoredGeneration(r: RawGeneration): StoredGeneration {
  return {
    role: r.role as StoredGeneration['role'],
    modelRef: r.model_ref,
    messages: JSON.parse(r.messages) as StoredGeneration['messages'],
    generation: {
      text: r.text, refusal: r.refusal, stopReason: r.stop_reason,
      usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens, ...(r.reasoning_tokens !== null ? { reasoningTokens: r.reasoning_tokens } : {}) },
      latencyMs: r.latency_ms, returnedModel: r.returned_model, request: JSON.parse(r.request) as Record<string, unknown>,
      cached: r.cached === 1,
    },
  };
}
