import { type FakeHandler, type FakeReply, type FakeServer, type RecordedRequest, type SseEvent, startFakeHttpServer } from './fake-http-server.js';

/**
 * TEST DOUBLE: a loopback server speaking Anthropic's Messages API wire format (JSON and SSE).
 * By default it answers every `POST /v1/messages` with `text`; script other replies with
 * `replies` (a queue) or `handler`. Model ref: `anthropic:any-model@${fake.url}`.
 */
export interface FakeAnthropicOptions {
  text?: string | ((body: any) => string);
  /** The `model` the server says answered. Default: the model asked for. */
  model?: string;
  replies?: FakeReply[];
  handler?: FakeHandler;
}

export interface FakeAnthropicServer extends FakeServer {
  /** Base URL for the SDK / a model ref (the SDK appends /v1/messages). */
  url: string;
}

export async function startFakeAnthropicServer(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropicServer> {
  const server = await startFakeHttpServer(opts.handler ?? defaultAnthropicHandler(opts), opts.replies);
  return Object.assign(server, { url: server.origin });
}

function defaultAnthropicHandler(opts: FakeAnthropicOptions): FakeHandler {
  return (req: RecordedRequest): FakeReply => {
    if (req.method !== 'POST' || !req.path.startsWith('/v1/messages')) {
      return anthropicError(404, 'not_found_error', `fake Anthropic server: no route for ${req.method} ${req.path}`);
    }
    const body = req.body ?? {};
    const text = typeof opts.text === 'function' ? opts.text(body) : opts.text ?? 'fake reply';
    const reply: FakeMessageReply = {
      text,
      model: opts.model ?? body.model,
      inputTokens: Math.max(1, Math.ceil(JSON.stringify(body.messages ?? '').length / 4)),
      outputTokens: Math.max(1, Math.ceil(text.length / 4)),
    };
    return body.stream ? { kind: 'sse', events: anthropicStreamEvents(reply) } : { kind: 'json', body: anthropicMessage(reply) };
  };
}

export interface FakeMessageReply {
  text?: string;
  /** Text of a thinking block placed before the answer. */
  thinking?: string;
  model?: string;
  stopReason?: string;
  refusalCategory?: string;
  inputTokens?: number;
  outputTokens?: number;
  thinkingTokens?: number;
}

/** A `message` body as Anthropic documents it. */
export function anthropicMessage(r: FakeMessageReply): unknown {
  const content: unknown[] = [];
  if (r.thinking !== undefined) content.push({ type: 'thinking', thinking: r.thinking, signature: 'fake-signature' });
  if (r.text !== undefined) content.push({ type: 'text', text: r.text, citations: null });
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model: r.model ?? 'claude-fake',
    content,
    stop_reason: r.stopReason ?? 'end_turn',
    stop_sequence: null,
    stop_details: r.refusalCategory ? { type: 'refusal', category: r.refusalCategory, explanation: null } : null,
    usage: usage(r),
  };
}

/** The documented event sequence: message_start, blocks with deltas, message_delta, message_stop. */
export function anthropicStreamEvents(r: FakeMessageReply): SseEvent[] {
  const ev = (data: { type: string; [field: string]: unknown }): SseEvent => ({ event: data.type, data });
  const events: SseEvent[] = [
    ev({
      type: 'message_start',
      message: { ...(anthropicMessage({ ...r, text: undefined, thinking: undefined }) as object), content: [], stop_reason: null, usage: { ...usage(r), output_tokens: 1 } },
    }),
    ev({ type: 'ping' }),
  ];
  let index = 0;
  if (r.thinking !== undefined) {
    events.push(
      ev({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      ev({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: r.thinking } }),
      ev({ type: 'content_block_stop', index }),
    );
    index++;
  }
  const text = r.text ?? '';
  const half = Math.ceil(text.length / 2);
  events.push(
    ev({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } }),
    ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: text.slice(0, half) } }),
    ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: text.slice(half) } }),
    ev({ type: 'content_block_stop', index }),
    ev({
      type: 'message_delta',
      delta: {
        stop_reason: r.stopReason ?? 'end_turn',
        stop_sequence: null,
        stop_details: r.refusalCategory ? { type: 'refusal', category: r.refusalCategory, explanation: null } : null,
      },
      usage: { output_tokens: r.outputTokens ?? 0, output_tokens_details: r.thinkingTokens === undefined ? null : { thinking_tokens: r.thinkingTokens } },
    }),
    ev({ type: 'message_stop' }),
  );
  return events;
}

/** An Anthropic error body, e.g. `anthropicError(529, 'overloaded_error', 'Overloaded')`. */
export function anthropicError(status: number, type: string, message: string, headers?: Record<string, string>): FakeReply {
  return { kind: 'json', status, headers, body: { type: 'error', error: { type, message } } };
}

function usage(r: FakeMessageReply) {
  return {
    input_tokens: r.inputTokens ?? 0,
    output_tokens: r.outputTokens ?? 0,
    cache_creation_input_tokens: null,
    cache_read_input_tokens: null,
    output_tokens_details: r.thinkingTokens === undefined ? null : { thinking_tokens: r.thinkingTokens },
  };
}
