import { type FakeHandler, type FakeReply, type FakeServer, type RecordedRequest, type SseEvent, startFakeHttpServer } from './fake-http-server.js';

/**
 * TEST DOUBLE: a loopback server speaking the Gemini API wire format
 * (`POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`).
 * By default it answers with `text`; script other replies with `replies` or `handler`.
 * Model ref: `google:any-model@${fake.url}`.
 */
export interface FakeGoogleOptions {
  text?: string | ((body: any) => string);
  /** The `modelVersion` the server reports. Default: the model in the path. */
  model?: string;
  replies?: FakeReply[];
  handler?: FakeHandler;
}

export interface FakeGoogleServer extends FakeServer {
  /** Base URL for the SDK's `httpOptions.baseUrl` / a model ref. */
  url: string;
}

export async function startFakeGoogleServer(opts: FakeGoogleOptions = {}): Promise<FakeGoogleServer> {
  const server = await startFakeHttpServer(opts.handler ?? defaultGoogleHandler(opts), opts.replies);
  return Object.assign(server, { url: server.origin });
}

function defaultGoogleHandler(opts: FakeGoogleOptions): FakeHandler {
  return (req: RecordedRequest): FakeReply => {
    const route = /\/models\/([^/:]+):(generateContent|streamGenerateContent)/.exec(req.path);
    if (req.method !== 'POST' || !route) return googleError(404, 'NOT_FOUND', `fake Google server: no route for ${req.method} ${req.path}`);
    const body = req.body ?? {};
    const text = typeof opts.text === 'function' ? opts.text(body) : opts.text ?? 'fake reply';
    const reply: FakeGeminiReply = {
      text,
      model: opts.model ?? decodeURIComponent(route[1]),
      promptTokens: Math.max(1, Math.ceil(JSON.stringify(body.contents ?? '').length / 4)),
      candidatesTokens: Math.max(1, Math.ceil(text.length / 4)),
    };
    return route[2] === 'streamGenerateContent' ? { kind: 'sse', events: googleStreamEvents(reply) } : { kind: 'json', body: googleResponse(reply) };
  };
}

export interface FakeGeminiReply {
  text?: string;
  /** A thought part placed before the answer. */
  thought?: string;
  model?: string;
  finishReason?: string;
  /** Set to answer with no candidates and `promptFeedback.blockReason`. */
  blockReason?: string;
  promptTokens?: number;
  candidatesTokens?: number;
  thoughtsTokens?: number;
}

/** A GenerateContentResponse body as the Gemini API documents it. */
export function googleResponse(r: FakeGeminiReply): unknown {
  const parts: unknown[] = [];
  if (r.thought !== undefined) parts.push({ text: r.thought, thought: true });
  if (r.text !== undefined) parts.push({ text: r.text });
  return {
    ...(r.blockReason
      ? { promptFeedback: { blockReason: r.blockReason } }
      : { candidates: [{ content: { role: 'model', parts }, finishReason: r.finishReason ?? 'STOP', index: 0 }] }),
    usageMetadata: usage(r),
    modelVersion: r.model ?? 'gemini-fake',
    responseId: 'fake-response',
  };
}

/** Stream chunks: the text in two pieces, the last carrying finishReason and usage. */
export function googleStreamEvents(r: FakeGeminiReply): SseEvent[] {
  const text = r.text ?? '';
  const half = Math.ceil(text.length / 2);
  const model = r.model ?? 'gemini-fake';
  const chunk = (parts: unknown[], last: boolean) => ({
    data: {
      candidates: [{ content: { role: 'model', parts }, ...(last ? { finishReason: r.finishReason ?? 'STOP' } : {}), index: 0 }],
      usageMetadata: last ? usage(r) : { promptTokenCount: r.promptTokens ?? 0 },
      modelVersion: model,
      responseId: 'fake-response',
    },
  });
  const first = r.thought !== undefined ? [{ text: r.thought, thought: true }, { text: text.slice(0, half) }] : [{ text: text.slice(0, half) }];
  return [chunk(first, false), chunk([{ text: text.slice(half) }], true)];
}

/** A Google API error body, e.g. `googleError(429, 'RESOURCE_EXHAUSTED', 'quota', {'retry-after': '5'})`. */
export function googleError(status: number, statusName: string, message: string, headers?: Record<string, string>, details?: unknown[]): FakeReply {
  return { kind: 'json', status, headers, body: { error: { code: status, message, status: statusName, ...(details ? { details } : {}) } } };
}

function usage(r: FakeGeminiReply) {
  return {
    promptTokenCount: r.promptTokens ?? 0,
    candidatesTokenCount: r.candidatesTokens ?? 0,
    ...(r.thoughtsTokens !== undefined ? { thoughtsTokenCount: r.thoughtsTokens } : {}),
    totalTokenCount: (r.promptTokens ?? 0) + (r.candidatesTokens ?? 0) + (r.thoughtsTokens ?? 0),
  };
}
