import Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage } from '../../core/messages.js';
import { type CapturedCall, type ReplayedCall, recordedFetch, requestJson } from '../replay-call.js';
import { splitMessages } from './params.js';
import { readMessage, readMessageStream } from './read.js';

/** A kept Messages API call read again by the SDK and the provider's readers. */
export async function replayAnthropic(call: CapturedCall): Promise<ReplayedCall> {
  const body = requestJson(call);
  const client = new Anthropic({ apiKey: 'replay', baseURL: 'http://replay.invalid', maxRetries: 0, fetch: recordedFetch(call), logLevel: 'off', openTelemetry: false });
  const params = body as unknown as Anthropic.MessageCreateParams;
  const result = call.stream
    ? await readMessageStream(await client.messages.create({ ...params, stream: true } as Anthropic.MessageCreateParamsStreaming))
    : readMessage(await client.messages.create({ ...params, stream: false } as Anthropic.MessageCreateParamsNonStreaming));
  if (!result) throw new Error(call.stream ? 'the kept stream ends before message_stop' : 'the kept reply is not a message');
  const { system, messages, ...request } = body;
  return {
    text: result.text, refusal: result.refusal, stopReason: result.stopReason, returnedModel: result.model, usage: result.usage, request,
    // The provider sends the transcript's messages as splitMessages makes them: compare in that form.
    sentMessages: (expected: ChatMessage[]) => JSON.stringify(splitMessages(expected)) === JSON.stringify({ ...(system !== undefined ? { system } : {}), messages }),
  };
}
