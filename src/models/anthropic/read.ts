import type Anthropic from '@anthropic-ai/sdk';
import type { Usage } from '../../core/generation.js';

export interface MessageResult {
  text: string;
  refusal: string | null;
  stopReason: string | null;
  usage: Usage;
  model: string | null;
}

/** Null when the body is not a Message (the caller reports bad_response). */
export function readMessage(msg: Anthropic.Message): MessageResult | null {
  if (!msg || !Array.isArray(msg.content)) return null;
  // Thinking blocks are hidden reasoning: counted in usage, never part of the answer.
  const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  return {
    text,
    refusal: refusalOf(msg.stop_reason, msg.stop_details),
    stopReason: msg.stop_reason ?? null,
    usage: readUsage(msg.usage?.input_tokens, msg.usage?.output_tokens, msg.usage?.output_tokens_details),
    model: msg.model ?? null,
  };
}

/**
 * Folds the stream's events into one result. Null if it ended before `message_stop`
 * (truncated). Output tokens come from the last `message_delta`, which counts them all.
 */
export async function readMessageStream(events: AsyncIterable<Anthropic.MessageStreamEvent>): Promise<MessageResult | null> {
  let text = '';
  let model: string | null = null;
  let stopReason: string | null = null;
  let stopDetails: Anthropic.RefusalStopDetails | null = null;
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let details: Anthropic.OutputTokensDetails | null | undefined;
  let stopped = false;
  for await (const e of events) {
    if (e.type === 'message_start') {
      model = e.message.model ?? null;
      inputTokens = e.message.usage?.input_tokens;
      outputTokens = e.message.usage?.output_tokens;
    } else if (e.type === 'content_block_start' && e.content_block.type === 'text') {
      text += e.content_block.text ?? '';
    } else if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') {
      text += e.delta.text;
    } else if (e.type === 'message_delta') {
      stopReason = e.delta.stop_reason ?? stopReason;
      stopDetails = e.delta.stop_details ?? stopDetails;
      inputTokens = e.usage.input_tokens ?? inputTokens;
      outputTokens = e.usage.output_tokens ?? outputTokens;
      details = e.usage.output_tokens_details ?? details;
    } else if (e.type === 'message_stop') {
      stopped = true;
    }
  }
  if (!stopped) return null;
  return { text, refusal: refusalOf(stopReason, stopDetails), stopReason, usage: readUsage(inputTokens, outputTokens, details), model };
}

/** `stop_reason: "refusal"` is the API's own refusal signal; say which policy category if given. */
function refusalOf(stopReason: string | null | undefined, details: Anthropic.RefusalStopDetails | null | undefined): string | null {
  if (stopReason !== 'refusal') return null;
  return details?.category ? `refused by the API (category: ${details.category})` : 'refused by the API';
}

function readUsage(input?: number | null, output?: number | null, details?: Anthropic.OutputTokensDetails | null): Usage {
  const thinking = details?.thinking_tokens;
  return {
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    ...(typeof thinking === 'number' ? { reasoningTokens: thinking } : {}),
  };
}
