import type { GenerateContentResponse } from '@google/genai';
import type { Usage } from '../../core/generation.js';

export interface GoogleResult {
  text: string;
  refusal: string | null;
  stopReason: string | null;
  usage: Usage;
  model: string | null;
}

/**
 * Finish reasons that mean the API blocked the answer on policy grounds. RECITATION (copyright)
 * and OTHER are left out: they are not a safety refusal.
 */
export const REFUSAL_FINISH_REASONS = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY']);

/**
 * Reads one response, or the chunks of a stream in order (text accumulates; the last chunk's
 * finish reason, usage and model version win). Null when no candidate finished and the prompt
 * was not blocked: a truncated stream or a body that is not a GenerateContentResponse.
 */
export function readGoogleResponses(chunks: GenerateContentResponse[]): GoogleResult | null {
  let text = '';
  let finishReason: string | undefined;
  let blockReason: string | undefined;
  let usage: GenerateContentResponse['usageMetadata'];
  let model: string | undefined;
  for (const chunk of chunks) {
    const candidate = chunk?.candidates?.[0];
    // Thought parts are hidden reasoning: counted in usage, never part of the answer.
    for (const part of candidate?.content?.parts ?? []) if (part.text && !part.thought) text += part.text;
    finishReason = candidate?.finishReason ?? finishReason;
    blockReason = chunk?.promptFeedback?.blockReason ?? blockReason;
    usage = chunk?.usageMetadata ?? usage;
    model = chunk?.modelVersion ?? model;
  }
  if (!finishReason && !blockReason) return null;
  let refusal: string | null = null;
  if (blockReason) refusal = `prompt blocked by the API (${blockReason})`;
  else if (finishReason && REFUSAL_FINISH_REASONS.has(finishReason)) refusal = `response blocked by the API (${finishReason})`;
  const thoughts = usage?.thoughtsTokenCount;
  return {
    text,
    refusal,
    stopReason: finishReason ?? blockReason ?? null,
    usage: {
      inputTokens: usage?.promptTokenCount ?? 0,
      // Gemini counts thoughts apart from the answer; OpenAI and Anthropic include them in
      // output tokens, so add them here for one meaning across providers.
      outputTokens: (usage?.candidatesTokenCount ?? 0) + (thoughts ?? 0),
      ...(thoughts !== undefined ? { reasoningTokens: thoughts } : {}),
    },
    model: model ?? null,
  };
}
