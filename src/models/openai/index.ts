import OpenAI from 'openai';
import type { GenerateRequest, Generation } from '../../core/generation.js';
import type { ModelRef } from '../../core/model-ref.js';
import { GatewayEvidenceRecorder } from '../gateway-evidence.js';
import { type ErrorContext, badResponse, makeError, timeoutError } from '../http-errors.js';
import { nodeHttpFetch } from '../node-http-fetch.js';
import type { Provider, ProviderOptions } from '../provider.js';
import { type ChatResult, chatMessages, chatParams, readChatCompletion, readChatStream } from './chat.js';
import { resolveOpenAIEndpoint } from './config.js';
import { toOpenAIProviderError } from './errors.js';
import { finalStreamedResponse, needsResponsesApi, readResponse, responsesInput, responsesParams } from './responses.js';

export interface OpenAIProviderOptions extends ProviderOptions {
  /** Force an API; by default the Responses API is used only for models in RESPONSES_ONLY_MODELS. */
  api?: 'chat' | 'responses';
}

/**
 * OpenAI and every service speaking its wire format (`xai`, `ollama`, or any `@baseUrl`),
 * through the official SDK with its retries off: the scheduler owns retries.
 */
export async function createOpenAIProvider(ref: ModelRef, opts: OpenAIProviderOptions = {}): Promise<Provider> {
  const env = opts.env ?? process.env;
  const endpoint = resolveOpenAIEndpoint(ref, env);
  // Keeps a Crosscheck gateway's receipts with each generation; other servers' replies pass untouched.
  const evidence = new GatewayEvidenceRecorder(nodeHttpFetch, endpoint.baseURL);
  const client = new OpenAI({
    apiKey: endpoint.apiKey,
    baseURL: endpoint.baseURL,
    maxRetries: 0,
    fetch: evidence.fetch,
    // Set explicitly so the SDK never falls back to process.env, and so OpenAI's org and
    // project headers are not sent to xAI, Ollama or other servers.
    organization: ref.provider === 'openai' ? env.OPENAI_ORG_ID || null : null,
    project: ref.provider === 'openai' ? env.OPENAI_PROJECT_ID || null : null,
    logLevel: 'off', // the SDK's own log lines would bypass our one-line errors
  });
  const useResponses = opts.api ? opts.api === 'responses' : ref.provider === 'openai' && needsResponsesApi(ref.model);
  const stream = opts.stream ?? false;

  return {
    ref,
    async generate(req: GenerateRequest): Promise<Generation> {
      const ctx: ErrorContext = { ref, signal: req.signal, secrets: [endpoint.apiKey] };
      const started = performance.now();
      try {
        const { request, result, response } = useResponses
          ? await callResponses(client, ref.model, req, stream, ctx)
          : await callChat(client, ref.model, req, stream, endpoint, ctx);
        const gateway = await evidence.evidenceFor(response);
        return {
          text: result.text,
          refusal: result.refusal,
          stopReason: result.finishReason,
          usage: result.usage,
          latencyMs: performance.now() - started,
          returnedModel: result.model,
          request: { ...request },
          ...(gateway ? { gateway } : {}),
        };
      } catch (err) {
        throw toOpenAIProviderError(err, ctx);
      }
    },
  };
}

type Call = Promise<{ request: Record<string, unknown>; result: ChatResult; response: Response }>;

async function callChat(
  client: OpenAI,
  model: string,
  req: GenerateRequest,
  stream: boolean,
  endpoint: ReturnType<typeof resolveOpenAIEndpoint>,
  ctx: ErrorContext,
): Call {
  const params = chatParams(model, req, endpoint, stream);
  const messages = chatMessages(req.messages, req.params.systemRole);
  let result: ChatResult | null;
  let response: Response;
  if (stream) {
    const sent = await client.chat.completions.create({ ...params, messages, stream: true }, { signal: req.signal }).withResponse();
    response = sent.response;
    result = await readChatStream(sent.data);
  } else {
    const sent = await client.chat.completions.create({ ...params, messages }, { signal: req.signal }).withResponse();
    response = sent.response;
    result = readChatCompletion(sent.data);
  }
  if (!result) throw incomplete(ctx, stream ? 'stream ended before a choice finished' : 'no choices[0].message in the reply');
  return { request: params as unknown as Record<string, unknown>, result, response };
}

async function callResponses(client: OpenAI, model: string, req: GenerateRequest, stream: boolean, ctx: ErrorContext): Call {
  const params = responsesParams(model, req, stream);
  const input = responsesInput(req.messages, req.params.systemRole);
  let body: OpenAI.Responses.Response | null;
  let response: Response;
  if (stream) {
    const sent = await client.responses.create({ ...params, input, stream: true }, { signal: req.signal }).withResponse();
    response = sent.response;
    body = await finalStreamedResponse(sent.data);
  } else {
    const sent = await client.responses.create({ ...params, input }, { signal: req.signal }).withResponse();
    response = sent.response;
    body = sent.data;
  }
  if (body?.status === 'failed') {
    throw makeError('server', `response failed: ${body.error?.message ?? 'no reason given'}`, ctx);
  }
  const result = body ? readResponse(body) : null;
  if (!result) throw incomplete(ctx, stream ? 'stream ended before response.completed' : 'no output array in the reply');
  return { request: params as unknown as Record<string, unknown>, result, response };
}

/** The SDK ends an aborted stream quietly, so an incomplete reply may really be our timeout. */
function incomplete(ctx: ErrorContext, detail: string) {
  return ctx.signal?.aborted ? timeoutError(ctx) : badResponse(detail, ctx);
}
