import assert from 'node:assert/strict';
import { expectProviderError } from '../testing/expect-provider-error.js';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConfigError, ProviderError } from '../../core/errors.js';
import type { GenerateRequest } from '../../core/generation.js';
import { parseModelRef } from '../../core/model-ref.js';
import {
  type FakeGoogleServer,
  googleError,
  googleResponse,
  googleStreamEvents,
  startFakeGoogleServer,
} from '../testing/fake-google-server.js';
import { createGoogleProvider } from './index.js';

const KEY = 'AIza-test-SECRET-0123456789';
const env = { GEMINI_API_KEY: KEY };
const ask = (extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi?' },
    { role: 'assistant', content: 'Hello.' },
    { role: 'user', content: 'Again?' },
  ],
  params: {},
  ...extra,
});

const failure = (p: Promise<unknown>) => expectProviderError(p, KEY);

describe('google provider against a fake Gemini API server', () => {
  let fake: FakeGoogleServer;
  const provider = (stream = false) => createGoogleProvider(parseModelRef(`google:gemini-test@${fake.url}`), { env, stream });

  before(async () => {
    fake = await startFakeGoogleServer({ text: 'default answer' });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  it('maps a response: text without thoughts, usage, modelVersion, finish reason, recorded params', async () => {
    fake.enqueue({
      kind: 'json',
      body: googleResponse({
        thought: 'pondering', text: 'Hello there.', model: 'gemini-test-001', finishReason: 'MAX_TOKENS',
        promptTokens: 11, candidatesTokens: 4, thoughtsTokens: 20,
      }),
    });
    const g = await (await provider()).generate(ask({ params: { temperature: 0.1, topP: 0.7, maxTokens: 256, seed: 5, stop: ['END'], thinking: { enabled: true, budgetTokens: 512 } } }));
    assert.equal(g.text, 'Hello there.');
    assert.equal(g.refusal, null);
    assert.equal(g.stopReason, 'MAX_TOKENS');
    assert.deepEqual(g.usage, { inputTokens: 11, outputTokens: 24, reasoningTokens: 20 });
    assert.equal(g.returnedModel, 'gemini-test-001');
    assert.deepEqual(g.request, {
      model: 'gemini-test', temperature: 0.1, topP: 0.7, maxOutputTokens: 256, seed: 5, stopSequences: ['END'],
      thinkingConfig: { thinkingBudget: 512 },
    });

    const wire = fake.requests[0];
    assert.match(wire.path, /^\/v1beta\/models\/gemini-test:generateContent/);
    assert.deepEqual(wire.body.systemInstruction.parts, [{ text: 'Be brief.' }]);
    assert.deepEqual(wire.body.contents, [
      { role: 'user', parts: [{ text: 'Hi?' }] },
      { role: 'model', parts: [{ text: 'Hello.' }] },
      { role: 'user', parts: [{ text: 'Again?' }] },
    ]);
    assert.deepEqual(wire.body.generationConfig, {
      temperature: 0.1, topP: 0.7, maxOutputTokens: 256, seed: 5, stopSequences: ['END'], thinkingConfig: { thinkingBudget: 512 },
    });
    assert.equal(wire.headers['x-goog-api-key'], KEY, 'the key is sent on the wire');
    assert.ok(!JSON.stringify(g.request).includes(KEY));
  });

  it('thinking off sends thinkingBudget 0', async () => {
    const g = await (await provider()).generate(ask({ params: { thinking: { enabled: false } } }));
    assert.equal(g.text, 'default answer');
    assert.deepEqual(fake.requests[0].body.generationConfig.thinkingConfig, { thinkingBudget: 0 });
  });

  it('finishReason SAFETY is a refusal', async () => {
    fake.enqueue({ kind: 'json', body: googleResponse({ text: '', finishReason: 'SAFETY' }) });
    const g = await (await provider()).generate(ask());
    assert.equal(g.stopReason, 'SAFETY');
    assert.match(g.refusal ?? '', /SAFETY/);
  });

  it('a blocked prompt (promptFeedback.blockReason, no candidates) is a refusal', async () => {
    fake.enqueue({ kind: 'json', body: googleResponse({ blockReason: 'PROHIBITED_CONTENT' }) });
    const g = await (await provider()).generate(ask());
    assert.equal(g.text, '');
    assert.match(g.refusal ?? '', /prompt blocked.*PROHIBITED_CONTENT/);
  });

  it('RECITATION is not counted as a refusal', async () => {
    fake.enqueue({ kind: 'json', body: googleResponse({ text: 'partial', finishReason: 'RECITATION' }) });
    assert.equal((await (await provider()).generate(ask())).refusal, null);
  });

  it('streams over SSE', async () => {
    fake.enqueue({
      kind: 'sse',
      events: googleStreamEvents({ thought: 'hmm', text: 'streamed words', model: 'gemini-test-s', promptTokens: 6, candidatesTokens: 3, thoughtsTokens: 2 }),
    });
    const g = await (await provider(true)).generate(ask());
    assert.match(fake.requests[0].path, /:streamGenerateContent\?alt=sse/);
    assert.equal(g.text, 'streamed words');
    assert.equal(g.stopReason, 'STOP');
    assert.equal(g.returnedModel, 'gemini-test-s');
    assert.deepEqual(g.usage, { inputTokens: 6, outputTokens: 5, reasoningTokens: 2 });
    assert.equal(g.request.stream, true);
  });

  it('a stream cut off before finishReason is bad_response', async () => {
    fake.enqueue({ kind: 'sse', events: googleStreamEvents({ text: 'partial answer' }).slice(0, 1), endAbruptly: true });
    assert.equal((await failure((await provider(true)).generate(ask()))).kind, 'bad_response');
  });

  it('429 with Retry-After is rate_limit with retryAfterMs, tried once', async () => {
    fake.enqueue(googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', { 'retry-after': '4' }));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'rate_limit');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 4000);
    assert.match(err.message, /Quota exceeded/);
    assert.equal(fake.requests.length, 1);
  });

  it('429 without the header falls back to the body RetryInfo', async () => {
    fake.enqueue(googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', undefined, [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' },
    ]));
    assert.equal((await failure((await provider()).generate(ask()))).retryAfterMs, 12_000);
  });

  it('500 is server, tried once', async () => {
    fake.enqueue(googleError(500, 'INTERNAL', 'boom'));
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'server');
    assert.equal(fake.requests.length, 1);
  });

  it('403 is auth (key scrubbed), 400 is client', async () => {
    fake.enqueue(googleError(403, 'PERMISSION_DENIED', `API key ${KEY} not valid`));
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'auth');
    fake.enqueue(googleError(400, 'INVALID_ARGUMENT', 'bad'));
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'client');
  });

  it('a reply slower than the caller signal is timeout', async () => {
    fake.enqueue({ kind: 'json', delayMs: 2000, body: googleResponse({ text: 'late' }) });
    assert.equal((await failure((await provider()).generate(ask({ signal: AbortSignal.timeout(100) })))).kind, 'timeout');
  });

  it('a truncated or malformed body is bad_response', async () => {
    fake.enqueue({ kind: 'truncated', body: '{"candidates":[{"content":{"par' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
    fake.enqueue({ kind: 'raw', body: '{"candidates": [' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
    fake.enqueue({ kind: 'json', body: { unexpected: true } });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
  });

  it('a closed connection is connection', async () => {
    fake.enqueue({ kind: 'reset' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'connection');
  });
});

describe('google provider configuration', () => {
  it('a missing key is a one-line ConfigError naming the variable', async () => {
    await assert.rejects(createGoogleProvider(parseModelRef('google:gemini-2.5-pro'), { env: {} }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /^GEMINI_API_KEY \(or GOOGLE_API_KEY\) is not set: export it to use google:gemini-2\.5-pro$/);
      return true;
    });
  });

  it('GOOGLE_API_KEY works too', async () => {
    const fake = await startFakeGoogleServer();
    try {
      const p = await createGoogleProvider(parseModelRef('google:gemini-test'), { env: { GOOGLE_API_KEY: 'g-key-1234', GOOGLE_GEMINI_BASE_URL: fake.url } });
      assert.equal((await p.generate(ask())).text, 'fake reply');
      assert.equal(fake.requests[0].headers['x-goog-api-key'], 'g-key-1234');
    } finally {
      await fake.close();
    }
  });
});
