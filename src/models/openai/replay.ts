import OpenAI from 'openai';
import type { ChatMessage } from '../../core/messages.js';
import { type CapturedCall, type ReplayedCall, recordedFetch, requestJson, sameMessages } from '../replay-call.js';
import { readChatCompletion, readChatStream, type ChatResult } from './chat.js';
import { finalStreamedResponse, readResponse } from './responses.js';

/** A kept OpenAI-format call read again by the SDK and the provider's readers (chat completions or the Responses API). */
export async function replayOpenAI(call: CapturedCall): Promise<ReplayedCall> {
  const body = requestJson(call);
  const client = new OpenAI({ apiKey: 'replay', baseURL: 'http://replay.invalid/v1', maxRetries: 0, fetch: recordedFetch(call), logLevel: 'off' });
  const responsesApi = 'input' in body;
  let result: ChatResult | null;
  if (responsesApi) {
    const params = body as unknown as OpenAI.Responses.ResponseCreateParams;
    const response = call.stream
      ? await finalStreamedResponse(await client.responses.create({ ...params, stream: true } as OpenAI.Responses.ResponseCreateParamsStreaming))
      : await client.responses.create({ ...params, stream: false } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    result = response ? readResponse(response) : null;
  } else {
    const params = body as unknown as OpenAI.Chat.ChatCompletionCreateParams;
    result = call.stream
      ? await readChatStream(await client.chat.completions.create({ ...params, stream: true } as OpenAI.Chat.ChatCompletionCreateParamsStreaming))
      : readChatCompletion(await client.chat.completions.create({ ...params, stream: false } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming));
  }
  if (!result) throw new Error(call.stream ? 'the kept stream ends before the reply finished' : 'the kept reply is not a completion');
  const { messages, input, ...request } = body;
  const sent = (responsesApi ? input : messages) as unknown;
  return {
    text: result.text, refusal: result.refusal, stopReason: result.finishReason, returnedModel: result.model, usage: result.usage, request,
    sentMessages: (expected: ChatMessage[]) => Array.isArray(sent) && sent.every(isTextMessage) && sameMessages(sent, expected),
  };
}

function isTextMessage(m: unknown): m is ChatMessage {
  return !!m && typeof m === 'object' && typeof (m as ChatMessage).role === 'string' && typeof (m as ChatMessage).content === 'string';
}
