import Anthropic from '@anthropic-ai/sdk';
import type { GenerateRequest, Generation } from '../../core/generation.js';
import type { ModelRef } from '../../core/model-ref.js';
import { GatewayEvidenceRecorder } from '../gateway-evidence.js';
import { type ErrorContext, badResponse, timeoutError } from '../http-errors.js';
import { nodeHttpFetch } from '../node-http-fetch.js';
import type { Provider, ProviderOptions } from '../provider.js';
import { resolveAnthropicEndpoint } from './config.js';
import { toAnthropicProviderError } from './errors.js';
import { messageParams, splitMessages } from './params.js';
import { type MessageResult, readMessage, readMessageStream } from './read.js';

/** Claude through the official SDK's Messages API, with the SDK's retries off. */
export async function createAnthropicProvider(ref: ModelRef, opts: ProviderOptions = {}): Promise<Provider> {
  const { baseURL, apiKey } = resolveAnthropicEndpoint(ref, opts.env ?? process.env);
  // Keeps a Crosscheck gateway's receipts with each generation; other servers' replies pass untouched.
  const evidence = new GatewayEvidenceRecorder(nodeHttpFetch, baseURL);
  const client = new Anthropic({
    apiKey,
    baseURL,
    maxRetries: 0,
    fetch: evidence.fetch,
    logLevel: 'off',
    // Tracing would read its own environment variables and could export prompts: not ours to turn on.
    openTelemetry: false,
  });
  const stream = opts.stream ?? false;

  return {
    ref,
    async generate(req: GenerateRequest): Promise<Generation> {
      const ctx: ErrorContext = { ref, signal: req.signal, secrets: [apiKey] };
      const params = messageParams(ref.model, req, stream);
      const body = { ...params, ...splitMessages(req.messages) };
      const started = performance.now();
      let result: MessageResult | null;
      let response: Response;
      try {
        if (stream) {
          const sent = await client.messages.create({ ...body, stream: true }, { signal: req.signal }).withResponse();
          response = sent.response;
          result = await readMessageStream(sent.data);
        } else {
          const sent = await client.messages.create(body, { signal: req.signal }).withResponse();
          response = sent.response;
          result = readMessage(sent.data);
        }
      } catch (err) {
        throw toAnthropicProviderError(err, ctx);
      }
      if (!result) {
        // The SDK ends an aborted stream quietly, so an unfinished reply may be our timeout.
        throw req.signal?.aborted ? timeoutError(ctx) : badResponse(stream ? 'stream ended before message_stop' : 'no content array in the reply', ctx);
      }
      const gateway = await evidence.evidenceFor(response);
      return {
        text: result.text,
        refusal: result.refusal,
        stopReason: result.stopReason,
        usage: result.usage,
        latencyMs: performance.now() - started,
        returnedModel: result.model,
        request: { ...params },
        ...(gateway ? { gateway } : {}),
      };
    },
  };
}
