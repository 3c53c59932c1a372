import type { IncomingHttpHeaders } from 'node:http';
import type { GenerateParams, GenerateRequest, Generation } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';
import { resolveOpenAIEndpoint } from '../../models/openai/config.js';
import type { GatewayModelConfig } from '../config.js';
import type { GrantModel } from '../grants/grant.js';
import type { CallFeatures } from '../grants/policy.js';
import { asksForHiddenReasoning, openAIAsksForReasoning } from '../monitor/request-traffic.js';
import { GatewayError } from '../server/gateway-error.js';
import { openAIChatRequest } from './chat-schema.js';
import { SseSplitter } from '../server/sse-splitter.js';
import { type PassthroughTarget, type ReportedUsage, type StreamMeter, type Wire, bearer, contentText, looseText } from '../server/wire.js';

const ERROR_TYPE: Record<GatewayError['kind'], string> = {
  authentication: 'invalid_request_error',
  permission: 'invalid_request_error',
  not_found: 'invalid_request_error',
  invalid_request: 'invalid_request_error',
  too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  upstream: 'server_error',
  timeout: 'server_error',
  server: 'server_error',
};

/** Upstream providers reached by forwarding OpenAI requests as they are. */
const OPENAI_WIRE_PROVIDERS = new Set(['openai', 'xai', 'ollama']);

/** Fields the Provider path can translate (or safely ignore); anything else gets a 400 there. */
const PROVIDER_FIELDS = new Set([
  'model', 'messages', 'stream', 'stream_options', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens',
  'seed', 'stop', 'reasoning_effort', 'user', 'n', 'logprobs', 'metadata', 'store',
]);

/** OpenAI `POST /v1/chat/completions`. */
export const openAIChatWire: Wire = {
  name: 'openai',
  endpoint: 'openai.chat.completions',

  readKey: (headers: IncomingHttpHeaders) => bearer(headers),

  inspect(body, policy): CallFeatures {
    openAIChatRequest.check(body, policy);
    const max = body.max_completion_tokens ?? body.max_tokens;
    const promptLogprobs = body.prompt_logprobs as number | null | undefined;
    let promptText = '';
    for (const m of body.messages as { content?: unknown }[]) promptText += looseText(m?.content);
    return {
      model: body.model as string,
      stream: body.stream === true,
      maxOutputTokens: typeof max === 'number' ? max : undefined,
      // vLLM's best_of samples that many candidates per choice: it costs (and reveals) like n.
      n: Math.max((body.n as number | null) ?? 1, (body.best_of as number | null) ?? 1),
      logprobs: body.logprobs === true || typeof promptLogprobs === 'number',
      topLogprobs: Math.max((body.top_logprobs as number | null) ?? 0, promptLogprobs ?? 0),
      reasoningRequested: openAIAsksForReasoning(body) || asksForHiddenReasoning(promptText), // the monitor's own reader
      promptText,
    };
  },

  // max_tokens, as every OpenAI-compatible server reads it (OpenAI's o-series want max_completion_tokens: set it yourself there).
  setMaxTokens: (body, maxTokens) => void (body.max_tokens = maxTokens),

  errorBody: (err) => ({ error: { message: err.message, type: ERROR_TYPE[err.kind], param: err.extra.param ?? null, code: err.code } }),

  streamErrorEvent: (err) => `data: ${JSON.stringify(openAIChatWire.errorBody(err))}\n\n`,

  usageOf(json): ReportedUsage | null {
    const u = (json as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
    if (!u) return null;
    return { inputTokens: num(u.prompt_tokens), outputTokens: num(u.completion_tokens) };
  },

  streamMeter(): StreamMeter {
    let usage: ReportedUsage | null = null;
    let outputChars = 0;
    const splitter = new SseSplitter((_event, data) => {
      if (data === '[DONE]' || data.charCodeAt(0) !== 123 /* { */) return;
      let chunk: any;
      try {
        chunk = JSON.parse(data);
      } catch {
        return;
      }
      if (chunk?.usage) usage = openAIChatWire.usageOf(chunk);
      for (const choice of chunk?.choices ?? []) {
        const d = choice?.delta;
        if (typeof d?.content === 'string') outputChars += d.content.length;
        if (typeof d?.refusal === 'string') outputChars += d.refusal.length;
      }
    });
    return { push: (c) => splitter.push(c), result: () => ({ ...usage, outputChars }) };
  },

  modelsBody: (models: GrantModel[]) => ({
    object: 'list',
    data: models.map((m) => ({ id: m.name, object: 'model', created: 0, owned_by: 'crosscheck-gateway' })),
  }),

  passthrough(model: GatewayModelConfig, env): PassthroughTarget | null {
    const ref = model.upstream;
    if (!OPENAI_WIRE_PROVIDERS.has(ref.provider)) return null;
    const endpoint = resolveOpenAIEndpoint(ref, env);
    const key = endpoint.apiKey;
    const url = new URL(`${endpoint.baseURL.replace(/\/+$/, '')}/chat/completions`);
    const fixed = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    return {
      url,
      headers: () => fixed,
      body(body, stream) {
        const out: Record<string, unknown> = { ...body, model: ref.model };
        // Usage in the stream is how the gateway settles streamed calls exactly.
        if (stream) out.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
        return out;
      },
    };
  },

  toGenerateRequest(body): GenerateRequest {
    for (const field of Object.keys(body)) {
      if (!PROVIDER_FIELDS.has(field)) throw unsupported(field);
    }
    if ((body.n ?? 1) !== 1) throw unsupported('n');
    if (body.logprobs === true) throw unsupported('logprobs');
    const messages: ChatMessage[] = (body.messages as any[]).map((m, i) => {
      const role = m?.role;
      const content = contentText(m?.content);
      if (!['system', 'developer', 'user', 'assistant'].includes(role) || content === null) {
        throw invalid(`messages[${i}]: only system, developer, user and assistant messages with text content are supported for this model`, `messages[${i}]`);
      }
      return { role, content };
    });
    const params: GenerateParams = {};
    if (typeof body.temperature === 'number') params.temperature = body.temperature;
    if (typeof body.top_p === 'number') params.topP = body.top_p;
    const max = body.max_completion_tokens ?? body.max_tokens;
    if (typeof max === 'number') params.maxTokens = max;
    if (typeof body.seed === 'number') params.seed = body.seed;
    if (typeof body.stop === 'string') params.stop = [body.stop];
    else if (Array.isArray(body.stop)) params.stop = body.stop.filter((s): s is string => typeof s === 'string');
    if (typeof body.reasoning_effort === 'string') params.reasoningEffort = body.reasoning_effort as GenerateParams['reasoningEffort'];
    return { messages, params };
  },

  generationBody: (gen, model, requestId) => ({
    id: `chatcmpl-${requestId}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: gen.returnedModel ?? model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: gen.refusal ? null : gen.text, refusal: gen.refusal },
        logprobs: null,
        finish_reason: finishReason(gen),
      },
    ],
    usage: usageBody(gen),
  }),

  generationEvents(gen, model, requestId, body) {
    const base = { id: `chatcmpl-${requestId}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: gen.returnedModel ?? model };
    const chunk = (delta: unknown, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const events: unknown[] = [
      chunk({ role: 'assistant', content: '' }),
      chunk(gen.refusal ? { refusal: gen.refusal } : { content: gen.text }),
      chunk({}, finishReason(gen)),
    ];
    if ((body.stream_options as { include_usage?: unknown } | undefined)?.include_usage) events.push({ ...base, choices: [], usage: usageBody(gen) });
    return events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n';
  },
};

function finishReason(gen: Generation): string {
  if (gen.refusal) return 'content_filter';
  switch (gen.stopReason) {
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'tool_calls':
    case 'tool_use':
      return 'tool_calls';
    default:
      return 'stop';
  }
}

function usageBody(gen: Generation) {
  const { inputTokens, outputTokens, reasoningTokens } = gen.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    ...(reasoningTokens !== undefined ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
  };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError('invalid_request', 'invalid_request', message, { param });
}

function unsupported(field: string): GatewayError {
  return new GatewayError('invalid_request', 'unsupported_parameter', `The parameter '${field}' is not supported for this model through the gateway.`, { param: field });
}
