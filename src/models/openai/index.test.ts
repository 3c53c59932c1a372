import assert from 'node:assert/strict';
import { expectProviderError } from '../testing/expect-provider-error.js';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConfigError, ProviderError } from '../../core/errors.js';
import type { GenerateRequest } from '../../core/generation.js';
import { parseModelRef } from '../../core/model-ref.js';
import { startFakeHttpServer } from '../testing/fake-http-server.js';
import {
  type FakeOpenAIServer,
  openAIChatCompletion,
  openAIChatStreamEvents,
  openAIError,
  openAIResponse,
  startFakeOpenAIServer,
} from '../testing/fake-openai-server.js';
import { createOpenAIProvider, type OpenAIProviderOptions } from './index.js';

const KEY = 'sk-test-SECRET-0123456789';
const env = { OPENAI_API_KEY: KEY };
const ask = (extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi?' },
  ],
  params: {},
  ...extra,
});

const failure = (p: Promise<unknown>) => expectProviderError(p, KEY);

describe('openai provider against a fake OpenAI server', () => {
  let fake: FakeOpenAIServer;
  const provider = (model = 'gpt-test', opts: OpenAIProviderOptions = {}) =>
    createOpenAIProvider(parseModelRef(`openai:${model}@${fake.url}`), { env, ...opts });

  before(async () => {
    fake = await startFakeOpenAIServer({ text: 'default answer' });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  it('maps a chat completion: text, usage, returned model, finish reason, recorded params', async () => {
    fake.enqueue({
      kind: 'json',
      body: openAIChatCompletion({
        text: 'Hello.', model: 'gpt-test-2025-01-01', finishReason: 'length',
        promptTokens: 12, completionTokens: 30, reasoningTokens: 20,
      }),
    });
    const p = await provider();
    const g = await p.generate(ask({ params: { temperature: 0.2, topP: 0.9, maxTokens: 50, seed: 7, stop: ['END'], reasoningEffort: 'low' } }));
    assert.equal(g.text, 'Hello.');
    assert.equal(g.refusal, null);
    assert.equal(g.stopReason, 'length');
    assert.deepEqual(g.usage, { inputTokens: 12, outputTokens: 30, reasoningTokens: 20 });
    assert.equal(g.returnedModel, 'gpt-test-2025-01-01');
    assert.ok(g.latencyMs >= 0);
    // An explicit @baseUrl to a non-OpenAI host gets the widely understood `max_tokens`.
    assert.deepEqual(g.request, { model: 'gpt-test', temperature: 0.2, top_p: 0.9, max_tokens: 50, seed: 7, stop: ['END'], reasoning_effort: 'low' });

    const wire = fake.requests[0];
    assert.equal(wire.path, '/v1/chat/completions');
    assert.equal(wire.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(wire.body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi?' },
    ]);
    const { messages: _m, ...sent } = wire.body;
    assert.deepEqual(sent, g.request, 'request records exactly what was sent, minus messages');
    assert.ok(!JSON.stringify(g.request).includes(KEY));
  });

  it('sends the instruction as `developer` when params.systemRole asks', async () => {
    const p = await provider();
    await p.generate(ask({ params: { systemRole: 'developer' } }));
    assert.deepEqual(fake.requests[0].body.messages.map((m: { role: string }) => m.role), ['developer', 'user']);
  });

  it('uses max_completion_tokens for OpenAI itself (OPENAI_BASE_URL, no @baseUrl)', async () => {
    const p = await createOpenAIProvider(parseModelRef('openai:gpt-test'), { env: { ...env, OPENAI_BASE_URL: fake.url } });
    const g = await p.generate(ask({ params: { maxTokens: 64 } }));
    assert.equal(g.text, 'default answer');
    assert.equal(fake.requests[0].body.max_completion_tokens, 64);
    assert.equal(fake.requests[0].body.max_tokens, undefined);
  });

  it('records the refusal field', async () => {
    fake.enqueue({ kind: 'json', body: openAIChatCompletion({ refusal: "I can't help with that." }) });
    const g = await (await provider()).generate(ask());
    assert.equal(g.refusal, "I can't help with that.");
    assert.equal(g.text, '');
  });

  it('streams over SSE with usage from the final chunk', async () => {
    fake.enqueue({
      kind: 'sse',
      events: openAIChatStreamEvents({ text: 'streamed words', model: 'gpt-test-s', promptTokens: 5, completionTokens: 3, reasoningTokens: 1 }),
    });
    const g = await (await provider('gpt-test', { stream: true })).generate(ask({ params: { maxTokens: 10 } }));
    assert.equal(g.text, 'streamed words');
    assert.equal(g.stopReason, 'stop');
    assert.equal(g.returnedModel, 'gpt-test-s');
    assert.deepEqual(g.usage, { inputTokens: 5, outputTokens: 3, reasoningTokens: 1 });
    assert.equal(fake.requests[0].body.stream, true);
    assert.deepEqual(fake.requests[0].body.stream_options, { include_usage: true });
    assert.deepEqual(g.request, { model: 'gpt-test', max_tokens: 10, stream: true, stream_options: { include_usage: true } });
  });

  it('streams a refusal', async () => {
    fake.enqueue({ kind: 'sse', events: openAIChatStreamEvents({ refusal: 'No.' }) });
    const g = await (await provider('gpt-test', { stream: true })).generate(ask());
    assert.equal(g.refusal, 'No.');
  });

  it('the default fake answers streamed requests too', async () => {
    const g = await (await provider('gpt-test', { stream: true })).generate(ask());
    assert.equal(g.text, 'default answer');
  });

  it('a stream cut off before finish_reason is bad_response', async () => {
    const events = openAIChatStreamEvents({ text: 'partial answer' }).slice(0, 2);
    fake.enqueue({ kind: 'sse', events, endAbruptly: true });
    const err = await failure((await provider('gpt-test', { stream: true })).generate(ask()));
    assert.equal(err.kind, 'bad_response');
  });

  it('an error event inside a stream is a server error', async () => {
    fake.enqueue({ kind: 'sse', events: [{ data: { error: { message: 'overloaded mid-stream', type: 'server_error' } } }] });
    const err = await failure((await provider('gpt-test', { stream: true })).generate(ask()));
    assert.equal(err.kind, 'server');
    assert.match(err.message, /overloaded mid-stream/);
  });

  it('429 with Retry-After seconds is rate_limit with retryAfterMs, and is not retried by the SDK', async () => {
    fake.enqueue(openAIError(429, 'Rate limit reached', { 'retry-after': '3' }));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'rate_limit');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 3000);
    assert.ok(err.retryable);
    assert.equal(fake.requests.length, 1);
  });

  it('429 prefers retry-after-ms, and understands an HTTP date', async () => {
    fake.enqueue(openAIError(429, 'slow down', { 'retry-after-ms': '1500', 'retry-after': '9' }));
    assert.equal((await failure((await provider()).generate(ask()))).retryAfterMs, 1500);
    fake.enqueue(openAIError(429, 'slow down', { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }));
    const ms = (await failure((await provider()).generate(ask()))).retryAfterMs ?? 0;
    assert.ok(ms > 55_000 && ms <= 60_000, `retryAfterMs ${ms}`);
  });

  it('500 is server, tried once', async () => {
    fake.enqueue(openAIError(500, 'boom'));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'server');
    assert.equal(err.status, 500);
    assert.equal(fake.requests.length, 1);
  });

  it('401 is auth and the echoed key is scrubbed', async () => {
    fake.enqueue(openAIError(401, `Incorrect API key provided: ${KEY}. Also sk-tes************6789.`));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'auth');
    assert.ok(!err.message.includes('6789'));
  });

  it('400 is client (not retryable)', async () => {
    fake.enqueue(openAIError(400, 'bad param'));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'client');
    assert.equal(err.retryable, false);
  });

  it('a reply slower than the caller signal is timeout', async () => {
    fake.enqueue({ kind: 'json', delayMs: 2000, body: openAIChatCompletion({ text: 'late' }) });
    const err = await failure((await provider()).generate(ask({ signal: AbortSignal.timeout(100) })));
    assert.equal(err.kind, 'timeout');
  });

  it('a stream that stalls past the signal is timeout', async () => {
    fake.enqueue({ kind: 'hang' });
    const err = await failure((await provider('gpt-test', { stream: true })).generate(ask({ signal: AbortSignal.timeout(100) })));
    assert.equal(err.kind, 'timeout');
  });

  it('a truncated body is bad_response', async () => {
    fake.enqueue({ kind: 'truncated', body: '{"id":"chatcmpl-x","choices":[{"mess' });
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'bad_response');
  });

  it('a malformed JSON body is bad_response', async () => {
    fake.enqueue({ kind: 'raw', body: '{"id": "chatcmpl-x", "choices": [' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
  });

  it('JSON that is not a chat completion is bad_response', async () => {
    fake.enqueue({ kind: 'json', body: { hello: 'world' } });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
  });

  it('a closed connection is connection', async () => {
    fake.enqueue({ kind: 'reset' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'connection');
  });

  it('uses the Responses API for models that need it (o3-pro)', async () => {
    fake.enqueue({
      kind: 'json',
      body: openAIResponse({ text: 'Deep answer.', model: 'o3-pro-2025-06-10', promptTokens: 9, completionTokens: 40, reasoningTokens: 32 }),
    });
    const g = await (await provider('o3-pro')).generate(ask({ params: { maxTokens: 100, reasoningEffort: 'high', seed: 1, systemRole: 'developer' } }));
    const wire = fake.requests[0];
    assert.equal(wire.path, '/v1/responses');
    assert.deepEqual(wire.body.input, [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'Hi?' },
    ]);
    assert.deepEqual(g.request, { model: 'o3-pro', store: false, max_output_tokens: 100, reasoning: { effort: 'high' } });
    assert.equal(g.text, 'Deep answer.');
    assert.equal(g.stopReason, 'completed');
    assert.equal(g.returnedModel, 'o3-pro-2025-06-10');
    assert.deepEqual(g.usage, { inputTokens: 9, outputTokens: 40, reasoningTokens: 32 });
  });

  it('maps Responses API refusals and incomplete status', async () => {
    fake.enqueue({ kind: 'json', body: openAIResponse({ refusal: 'Not able to.', status: 'incomplete', incompleteReason: 'content_filter' }) });
    const g = await (await provider('o3-pro')).generate(ask());
    assert.equal(g.refusal, 'Not able to.');
    assert.equal(g.stopReason, 'content_filter');
  });

  it('streams the Responses API to its final event', async () => {
    const g = await (await provider('gpt-5-codex', { stream: true })).generate(ask());
    assert.equal(fake.requests[0].path, '/v1/responses');
    assert.equal(fake.requests[0].body.stream, true);
    assert.equal(g.text, 'default answer');
  });
});

describe('openai provider configuration', () => {
  it('a missing key is a one-line ConfigError naming the variable', async () => {
    await assert.rejects(createOpenAIProvider(parseModelRef('openai:gpt-4.1'), { env: {} }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.message, 'OPENAI_API_KEY is not set: export it to use openai:gpt-4.1');
      return true;
    });
    await assert.rejects(createOpenAIProvider(parseModelRef('xai:grok-4'), { env: { OPENAI_API_KEY: KEY } }), /XAI_API_KEY is not set/);
  });

  it('an explicit @baseUrl needs no key, and ollama needs none', async () => {
    const fake = await startFakeOpenAIServer();
    try {
      const local = await createOpenAIProvider(parseModelRef(`openai:local-model@${fake.url}`), { env: {} });
      assert.equal((await local.generate(ask())).text, 'fake reply');
      assert.equal(fake.requests[0].headers.authorization, 'Bearer none');
      const ollama = await createOpenAIProvider(parseModelRef(`ollama:llama3.2@${fake.url}`), { env: {} });
      await ollama.generate(ask({ params: { maxTokens: 5 } }));
      assert.equal(fake.requests[1].body.max_tokens, 5);
    } finally {
      await fake.close();
    }
  });

  it('a refused connection is connection', async () => {
    const gone = await startFakeHttpServer(() => ({ kind: 'hang' }));
    await gone.close(); // the port is now (almost certainly) closed
    const p = await createOpenAIProvider(parseModelRef(`openai:m@${gone.origin}/v1`), { env });
    const err = await failure(p.generate(ask()));
    assert.equal(err.kind, 'connection');
  });
});
