import { type FakeHandler, type FakeReply, type FakeServer, type RecordedRequest, type SseEvent, startFakeHttpServer } from './fake-http-server.js';

/**
 * TEST DOUBLE: a loopback server speaking OpenAI's wire format (chat completions, streamed or
 * not, the Responses API, /models). By default it answers every chat completion at once with
 * `text`; script other replies with `replies` (a queue) or `handler`.
 *
 *   const fake = await startFakeOpenAIServer({ text: 'I cannot help with that.' });
 *   // model ref: `openai:any-model@${fake.url}`   (fake.url ends in /v1)
 *   fake.requests[0].body.messages  // what the client sent
 *   await fake.close();
 */
export interface FakeOpenAIOptions {
  /** Reply text, fixed or computed from the request body. Default "fake reply". */
  text?: string | ((body: any) => string);
  /** The `model` the server says answered. Default: the model asked for. */
  model?: string;
  /** Replies used first, in order, before the default behaviour. */
  replies?: FakeReply[];
  /** Replaces the default behaviour entirely. */
  handler?: FakeHandler;
}

export interface FakeOpenAIServer extends FakeServer {
  /** Base URL for the SDK / a model ref: `http://127.0.0.1:PORT/v1`. */
  url: string;
}

export async function startFakeOpenAIServer(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const server = await startFakeHttpServer(opts.handler ?? defaultOpenAIHandler(opts), opts.replies);
  return Object.assign(server, { url: `${server.origin}/v1` });
}

function defaultOpenAIHandler(opts: FakeOpenAIOptions): FakeHandler {
  return (req: RecordedRequest): FakeReply => {
    const body = req.body ?? {};
    const text = typeof opts.text === 'function' ? opts.text(body) : opts.text ?? 'fake reply';
    const model = opts.model ?? body.model ?? 'fake-model';
    const promptTokens = estimateTokens(JSON.stringify(body.messages ?? body.input ?? ''));
    const reply = { text, model, promptTokens, completionTokens: estimateTokens(text) };
    if (req.method === 'POST' && req.path.endsWith('/chat/completions')) {
      return body.stream ? { kind: 'sse', events: openAIChatStreamEvents(reply) } : { kind: 'json', body: openAIChatCompletion(reply) };
    }
    if (req.method === 'POST' && req.path.endsWith('/responses')) {
      const response = openAIResponse(reply);
      return body.stream
        ? { kind: 'sse', events: [{ event: 'response.completed', data: { type: 'response.completed', sequence_number: 0, response } }] }
        : { kind: 'json', body: response };
    }
    if (req.method === 'GET' && req.path.endsWith('/models')) {
      return { kind: 'json', body: { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }] } };
    }
    return openAIError(404, `fake OpenAI server: no route for ${req.method} ${req.path}`);
  };
}

export interface FakeChatReply {
  text?: string;
  refusal?: string | null;
  model?: string;
  finishReason?: string;
  promptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
}

/** A `chat.completion` body as OpenAI documents it. */
export function openAIChatCompletion(r: FakeChatReply): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1700000000,
    model: r.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.refusal ? null : r.text ?? '', refusal: r.refusal ?? null },
        logprobs: null,
        finish_reason: r.finishReason ?? 'stop',
      },
    ],
    usage: usage(r),
  };
}

/** `chat.completion.chunk` events: role, content in two pieces, finish, a usage-only chunk, [DONE]. */
export function openAIChatStreamEvents(r: FakeChatReply): SseEvent[] {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model: r.model ?? 'fake-model' };
  const chunk = (delta: unknown, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  const text = r.text ?? '';
  const half = Math.ceil(text.length / 2);
  const pieces = r.refusal ? [{ refusal: r.refusal }] : [{ content: text.slice(0, half) }, { content: text.slice(half) }];
  return [
    { data: chunk({ role: 'assistant', content: '' }) },
    ...pieces.map((p) => ({ data: chunk(p) })),
    { data: chunk({}, r.finishReason ?? 'stop') },
    { data: { ...base, choices: [], usage: usage(r) } }, // stream_options.include_usage
    '[DONE]',
  ];
}

/** A Responses API `response` object. */
export function openAIResponse(r: FakeChatReply & { status?: 'completed' | 'incomplete'; incompleteReason?: string }): unknown {
  const content = r.refusal ? [{ type: 'refusal', refusal: r.refusal }] : [{ type: 'output_text', text: r.text ?? '', annotations: [] }];
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: 1700000000,
    model: r.model ?? 'fake-model',
    status: r.status ?? 'completed',
    incomplete_details: r.incompleteReason ? { reason: r.incompleteReason } : null,
    error: null,
    output: [
      { type: 'reasoning', id: 'rs_fake', summary: [] },
      { type: 'message', id: 'msg_fake', role: 'assistant', status: 'completed', content },
    ],
    usage: {
      input_tokens: r.promptTokens ?? 0,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: r.completionTokens ?? 0,
      output_tokens_details: { reasoning_tokens: r.reasoningTokens ?? 0 },
      total_tokens: (r.promptTokens ?? 0) + (r.completionTokens ?? 0),
    },
  };
}

/** An OpenAI error body with the given status, e.g. `openAIError(429, 'slow down', {'retry-after': '2'})`. */
export function openAIError(status: number, message: string, headers?: Record<string, string>): FakeReply {
  return { kind: 'json', status, headers, body: { error: { message, type: 'fake_error', param: null, code: null } } };
}

function usage(r: FakeChatReply) {
  const prompt = r.promptTokens ?? 0;
  const completion = r.completionTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    completion_tokens_details: { reasoning_tokens: r.reasoningTokens ?? 0 },
  };
}

function estimateTokens(s: string): number {
  return Math.max(1, Math.ceil(s.length / 4));
}
