import type OpenAI from 'openai';
import type { GenerateRequest, Usage } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';
import type { OpenAIEndpoint } from './config.js';

/** What a generation needs from one chat completion, streamed or not. */
export interface ChatResult {
  text: string;
  refusal: string | null;
  finishReason: string | null;
  usage: Usage;
  model: string | null;
}

type ChatParams = Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'messages'>;

/** The wire parameters except messages: this is also what Generation.request records. */
export function chatParams(model: string, req: GenerateRequest, endpoint: OpenAIEndpoint, stream: boolean): ChatParams {
  const p = req.params;
  const out: Record<string, unknown> = { model };
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.top_p = p.topP;
  if (p.maxTokens !== undefined) out[endpoint.maxTokensField] = p.maxTokens;
  if (p.seed !== undefined) out.seed = p.seed;
  if (p.stop?.length) out.stop = p.stop;
  if (p.reasoningEffort !== undefined) out.reasoning_effort = p.reasoningEffort;
  if (stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  return out as unknown as ChatParams;
}

/** System and developer messages both become the role `params.systemRole` asks for, if it asks. */
export function chatMessages(messages: ChatMessage[], systemRole?: 'system' | 'developer'): OpenAI.Chat.ChatCompletionMessageParam[] {
  return messages.map((m) => {
    const isInstruction = m.role === 'system' || m.role === 'developer';
    const role = isInstruction && systemRole ? systemRole : m.role;
    return { role, content: m.content } as OpenAI.Chat.ChatCompletionMessageParam;
  });
}

/** Returns null when the body is not a chat completion at all (the caller reports bad_response). */
export function readChatCompletion(body: OpenAI.Chat.ChatCompletion): ChatResult | null {
  const choice = Array.isArray(body?.choices) ? body.choices[0] : undefined;
  if (!choice?.message) return null;
  return {
    text: choice.message.content ?? '',
    refusal: choice.message.refusal ?? null,
    finishReason: choice.finish_reason ?? null,
    usage: readUsage(body.usage),
    model: body.model ?? null,
  };
}

/** Folds streamed chunks; null when the stream ended before any choice finished (truncated). */
export async function readChatStream(chunks: AsyncIterable<OpenAI.Chat.ChatCompletionChunk>): Promise<ChatResult | null> {
  let text = '';
  let refusal: string | null = null;
  let finishReason: string | null = null;
  let usage: OpenAI.CompletionUsage | null | undefined;
  let model: string | null = null;
  for await (const chunk of chunks) {
    model = chunk.model ?? model;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (choice.delta?.content) text += choice.delta.content;
    if (choice.delta?.refusal) refusal = (refusal ?? '') + choice.delta.refusal;
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (finishReason === null) return null;
  return { text, refusal, finishReason, usage: readUsage(usage), model };
}

function readUsage(usage: OpenAI.CompletionUsage | null | undefined): Usage {
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    ...(reasoning !== undefined && reasoning !== null ? { reasoningTokens: reasoning } : {}),
  };
}
