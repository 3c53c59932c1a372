import type OpenAI from 'openai';
import type { GenerateRequest } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';
import type { ChatResult } from './chat.js';

/**
 * OpenAI models served only by the Responses API, not chat completions: the -pro reasoning
 * models, Codex models and deep research. Matched on OpenAI's own API only (other services
 * that borrow the names speak chat completions).
 */
export const RESPONSES_ONLY_MODELS = /^(o1-pro|o3-pro|gpt-5(\.\d+)?-pro|codex-mini|gpt-5(\.\d+)?-codex|.*deep-research)/;

export function needsResponsesApi(model: string): boolean {
  return RESPONSES_ONLY_MODELS.test(model);
}

type ResponsesParams = Omit<OpenAI.Responses.ResponseCreateParamsNonStreaming, 'input'>;

/**
 * Wire parameters except the input. The Responses API has no `seed` or `stop`, so those are
 * not sent (and so not recorded). `store: false` keeps evaluation prompts off OpenAI's servers.
 */
export function responsesParams(model: string, req: GenerateRequest, stream: boolean): ResponsesParams {
  const p = req.params;
  const out: Record<string, unknown> = { model, store: false };
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.top_p = p.topP;
  if (p.maxTokens !== undefined) out.max_output_tokens = p.maxTokens;
  if (p.reasoningEffort !== undefined) out.reasoning = { effort: p.reasoningEffort };
  if (stream) out.stream = true;
  return out as unknown as ResponsesParams;
}

export function responsesInput(messages: ChatMessage[], systemRole?: 'system' | 'developer'): OpenAI.Responses.EasyInputMessage[] {
  return messages.map((m) => {
    const isInstruction = m.role === 'system' || m.role === 'developer';
    return { role: isInstruction && systemRole ? systemRole : m.role, content: m.content };
  });
}

/** Null when the body is not a Response (the caller reports bad_response). */
export function readResponse(body: OpenAI.Responses.Response): ChatResult | null {
  if (!body || !Array.isArray(body.output)) return null;
  let text = '';
  let refusal: string | null = null;
  for (const item of body.output) {
    if (item.type !== 'message') continue; // reasoning items are hidden thinking, not the answer
    for (const part of item.content) {
      if (part.type === 'output_text') text += part.text;
      else if (part.type === 'refusal') refusal = (refusal ?? '') + part.refusal;
    }
  }
  const reasoning = body.usage?.output_tokens_details?.reasoning_tokens;
  return {
    text,
    refusal,
    // "completed", or why it stopped early ("max_output_tokens", "content_filter").
    finishReason: body.status === 'incomplete' ? body.incomplete_details?.reason ?? 'incomplete' : body.status ?? null,
    usage: {
      inputTokens: body.usage?.input_tokens ?? 0,
      outputTokens: body.usage?.output_tokens ?? 0,
      ...(reasoning !== undefined && reasoning !== null ? { reasoningTokens: reasoning } : {}),
    },
    model: body.model ?? null,
  };
}

/**
 * A streamed response ends with one event carrying the whole Response; deltas before it are
 * not needed. Returns the final Response, or null if the stream ended without one (truncated).
 * A `response.failed` event is returned too: its status says "failed" and the caller reports it.
 */
export async function finalStreamedResponse(
  events: AsyncIterable<OpenAI.Responses.ResponseStreamEvent>,
): Promise<OpenAI.Responses.Response | null> {
  for await (const event of events) {
    if (event.type === 'response.completed' || event.type === 'response.incomplete' || event.type === 'response.failed') {
      return event.response;
    }
  }
  return null;
}
