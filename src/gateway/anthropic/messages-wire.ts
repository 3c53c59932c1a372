import type { IncomingHttpHeaders } from 'node:http';
import type { GenerateParams, GenerateRequest, Generation } from '../../core/generation.js';
import type { ChatMessage } from '../../core/messages.js';
import { resolveAnthropicEndpoint } from '../../models/anthropic/config.js';
import type { GatewayModelConfig } from '../config.js';
import type { GrantModel } from '../grants/grant.js';
import type { CallFeatures } from '../grants/policy.js';
import { anthropicAsksForReasoning, asksForHiddenReasoning } from '../monitor/request-traffic.js';
import { GatewayError } from '../server/gateway-error.js';
import { anthropicMessagesRequest } from './messages-schema.js';
import { SseSplitter } from '../server/sse-splitter.js';
import { type PassthroughTarget, type ReportedUsage, type StreamMeter, type Wire, bearer, contentText, looseText } from '../server/wire.js';

const ERROR_TYPE: Record<GatewayError['kind'], string> = {
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  invalid_request: 'invalid_request_error',
  too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  upstream: 'api_error',
  timeout: 'timeout_error',
  server: 'api_error',
};

const DEFAULT_VERSION = '2023-06-01';

/** Fields the Provider path can translate (or safely ignore); anything else gets a 400 there. */
const PROVIDER_FIELDS = new Set(['model', 'messages', 'system', 'max_tokens', 'temperature', 'top_p', 'stop_sequences', 'thinking', 'stream', 'metadata']);

/** Anthropic `POST /v1/messages`. */
export const anthropicMessagesWire: Wire = {
  name: 'anthropic',
  endpoint: 'anthropic.messages',

  /** `x-api-key`, or `Authorization: Bearer` (which SDK versions with auth tokens send). */
  readKey(headers: IncomingHttpHeaders) {
    const key = headers['x-api-key'];
    if (typeof key === 'string' && key.trim()) return key.trim();
    return bearer(headers);
  },

  inspect(body, policy): CallFeatures {
    anthropicMessagesRequest.check(body, policy);
    let promptText = systemText(body.system) ?? looseText(body.system);
    for (const m of body.messages as { content?: unknown }[]) promptText += looseText(m?.content);
    return {
      model: body.model as string,
      stream: body.stream === true,
      maxOutputTokens: body.max_tokens as number,
      n: 1,
      logprobs: false,
      topLogprobs: 0,
      reasoningRequested: anthropicAsksForReasoning(body) || asksForHiddenReasoning(promptText), // the monitor's own reader
      promptText,
    };
  },

  setMaxTokens: (body, maxTokens) => void (body.max_tokens = maxTokens), // required in this format: never missing

  errorBody: (err) => ({ type: 'error', error: { type: ERROR_TYPE[err.kind], message: err.message } }),

  streamErrorEvent: (err) => `event: error\ndata: ${JSON.stringify(anthropicMessagesWire.errorBody(err))}\n\n`,

  usageOf(json): ReportedUsage | null {
    const u = (json as { usage?: Record<string, unknown> } | null)?.usage;
    return u ? readUsage(u) : null;
  },

  streamMeter(): StreamMeter {
    const usage: ReportedUsage = {};
    let outputChars = 0;
    const splitter = new SseSplitter((event, data) => {
      if (event === 'ping' || data.charCodeAt(0) !== 123 /* { */) return;
      let e: any;
      try {
        e = JSON.parse(data);
      } catch {
        return;
      }
      if (e?.type === 'message_start' && e.message?.usage) Object.assign(usage, defined(readUsage(e.message.usage)));
      else if (e?.type === 'message_delta' && e.usage) Object.assign(usage, defined(readUsage(e.usage))); // cumulative counts
      else if (e?.type === 'content_block_delta') {
        const d = e.delta;
        if (typeof d?.text === 'string') outputChars += d.text.length;
        if (typeof d?.thinking === 'string') outputChars += d.thinking.length;
      }
    });
    return { push: (c) => splitter.push(c), result: () => ({ ...usage, outputChars }) };
  },

  modelsBody: (models: GrantModel[]) => ({
    data: models.map((m) => ({ type: 'model', id: m.name, display_name: m.name, created_at: '1970-01-01T00:00:00Z' })),
    has_more: false,
    first_id: models[0]?.name ?? null,
    last_id: models.at(-1)?.name ?? null,
  }),

  passthrough(model: GatewayModelConfig, env): PassthroughTarget | null {
    const ref = model.upstream;
    if (ref.provider !== 'anthropic') return null;
    const endpoint = resolveAnthropicEndpoint(ref, env);
    const key = endpoint.apiKey;
    const url = new URL(`${endpoint.baseURL.replace(/\/+$/, '')}/v1/messages`);
    return {
      url,
      headers(incoming) {
        const out: Record<string, string> = {
          'content-type': 'application/json',
          'x-api-key': key,
          'anthropic-version': typeof incoming['anthropic-version'] === 'string' ? incoming['anthropic-version'] : DEFAULT_VERSION,
        };
        if (typeof incoming['anthropic-beta'] === 'string') out['anthropic-beta'] = incoming['anthropic-beta'];
        return out;
      },
      body: (body) => ({ ...body, model: ref.model }),
    };
  },

  toGenerateRequest(body): GenerateRequest {
    for (const field of Object.keys(body)) {
      if (!PROVIDER_FIELDS.has(field)) throw unsupported(field);
    }
    const messages: ChatMessage[] = [];
    if (body.system !== undefined) {
      const system = systemText(body.system);
      if (system === null) throw invalid('system: only text is supported for this model');
      messages.push({ role: 'system', content: system });
    }
    (body.messages as any[]).forEach((m, i) => {
      const content = contentText(m?.content);
      if ((m?.role !== 'user' && m?.role !== 'assistant') || content === null) {
        throw invalid(`messages.${i}: only user and assistant messages with text content are supported for this model`);
      }
      messages.push({ role: m.role, content });
    });
    const params: GenerateParams = { maxTokens: body.max_tokens as number };
    if (typeof body.temperature === 'number') params.temperature = body.temperature;
    if (typeof body.top_p === 'number') params.topP = body.top_p;
    if (Array.isArray(body.stop_sequences)) params.stop = body.stop_sequences.filter((s): s is string => typeof s === 'string');
    const thinking = body.thinking as { type?: string; budget_tokens?: number } | undefined;
    if (thinking?.type === 'enabled') params.thinking = { enabled: true, budgetTokens: thinking.budget_tokens };
    else if (thinking?.type === 'disabled') params.thinking = { enabled: false };
    return { messages, params };
  },

  generationBody: (gen, model, requestId) => ({
    id: `msg_${requestId}`,
    type: 'message',
    role: 'assistant',
    model: gen.returnedModel ?? model,
    content: [{ type: 'text', text: gen.text }],
    stop_reason: stopReason(gen),
    stop_sequence: null,
    usage: { input_tokens: gen.usage.inputTokens, output_tokens: gen.usage.outputTokens },
  }),

  generationEvents(gen, model, requestId) {
    const message = anthropicMessagesWire.generationBody(gen, model, requestId) as Record<string, unknown>;
    const events: [string, unknown][] = [
      ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: gen.usage.inputTokens, output_tokens: 0 } } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: gen.text } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: stopReason(gen), stop_sequence: null }, usage: { output_tokens: gen.usage.outputTokens } }],
      ['message_stop', { type: 'message_stop' }],
    ];
    return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
  },
};

function systemText(system: unknown): string | null {
  if (system === undefined || system === null) return '';
  return contentText(system);
}

function stopReason(gen: Generation): string {
  if (gen.refusal) return 'refusal';
  switch (gen.stopReason) {
    case 'length':
    case 'max_tokens':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    default:
      return 'end_turn';
  }
}

/** Input includes prompt-cache reads and writes: they are tokens the upstream processed. */
function readUsage(u: Record<string, unknown>): ReportedUsage {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const input = n(u.input_tokens);
  const cached = (n(u.cache_creation_input_tokens) ?? 0) + (n(u.cache_read_input_tokens) ?? 0);
  return { inputTokens: input === undefined ? undefined : input + cached, outputTokens: n(u.output_tokens) };
}

function defined(u: ReportedUsage): ReportedUsage {
  const out: ReportedUsage = {};
  if (u.inputTokens !== undefined) out.inputTokens = u.inputTokens;
  if (u.outputTokens !== undefined) out.outputTokens = u.outputTokens;
  return out;
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', 'invalid_request', message);
}

function unsupported(field: string): GatewayError {
  return new GatewayError('invalid_request', 'unsupported_parameter', `${field}: not supported for this model through the gateway`, { param: field });
}
