import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConfigError, ProviderError } from '../../core/errors.js';
import type { GenerateRequest } from '../../core/generation.js';
import { parseModelRef } from '../../core/model-ref.js';
import {
  type FakeAnthropicServer,
  anthropicError,
  anthropicMessage,
  anthropicStreamEvents,
  startFakeAnthropicServer,
} from '../testing/fake-anthropic-server.js';
import { expectProviderError } from '../testing/expect-provider-error.js';
import { createAnthropicProvider } from './index.js';

const KEY = 'sk-ant-test-SECRET-0123456789';
const env = { ANTHROPIC_API_KEY: KEY };
const ask = (extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'developer', content: 'Answer in English.' },
    { role: 'user', content: 'Hi?' },
    { role: 'assistant', content: 'Hello.' },
    { role: 'user', content: 'Again?' },
  ],
  params: {},
  ...extra,
});

const failure = (p: Promise<unknown>) => expectProviderError(p, KEY);

describe('anthropic provider against a fake Messages API server', () => {
  let fake: FakeAnthropicServer;
  const provider = (stream = false) => createAnthropicProvider(parseModelRef(`anthropic:claude-test@${fake.url}`), { env, stream });

  before(async () => {
    fake = await startFakeAnthropicServer({ text: 'default answer' });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  it('maps a message: text blocks only, usage, returned model, stop reason, recorded params', async () => {
    fake.enqueue({
      kind: 'json',
      body: anthropicMessage({
        thinking: 'secret musing', text: 'Hello there.', model: 'claude-test-20250101',
        stopReason: 'max_tokens', inputTokens: 21, outputTokens: 40, thinkingTokens: 30,
      }),
    });
    const g = await (await provider()).generate(ask({ params: { temperature: 0.5, topP: 0.8, maxTokens: 3000, stop: ['END'], seed: 3, thinking: { enabled: true, budgetTokens: 2048 } } }));
    assert.equal(g.text, 'Hello there.', 'thinking blocks are not part of the text');
    assert.equal(g.refusal, null);
    assert.equal(g.stopReason, 'max_tokens');
    assert.deepEqual(g.usage, { inputTokens: 21, outputTokens: 40, reasoningTokens: 30 });
    assert.equal(g.returnedModel, 'claude-test-20250101');
    assert.deepEqual(g.request, {
      model: 'claude-test', max_tokens: 3000, temperature: 0.5, top_p: 0.8, stop_sequences: ['END'],
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });

    const wire = fake.requests[0];
    assert.equal(wire.path, '/v1/messages');
    assert.equal(wire.body.system, 'Be brief.\n\nAnswer in English.');
    assert.deepEqual(wire.body.messages, [
      { role: 'user', content: 'Hi?' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'Again?' },
    ]);
    const { messages: _m, system: _s, ...sent } = wire.body;
    assert.deepEqual(sent, g.request, 'request records exactly what was sent, minus content');
    assert.ok(JSON.stringify(wire.headers).includes(KEY), 'the key is sent on the wire');
    assert.ok(!JSON.stringify(g.request).includes(KEY));
  });

  it('defaults max_tokens to 1024 and can turn thinking off explicitly', async () => {
    const g = await (await provider()).generate(ask({ params: { thinking: { enabled: false } } }));
    assert.equal(g.text, 'default answer');
    assert.equal(fake.requests[0].body.max_tokens, 1024);
    assert.deepEqual(fake.requests[0].body.thinking, { type: 'disabled' });
    await (await provider()).generate(ask());
    assert.equal(fake.requests[1].body.thinking, undefined);
  });

  it('thinking on without max tokens leaves room above the budget', async () => {
    await (await provider()).generate(ask({ params: { thinking: { enabled: true, budgetTokens: 4000 } } }));
    assert.ok(fake.requests[0].body.max_tokens > 4000);
  });

  it('stop_reason "refusal" sets refusal and stopReason', async () => {
    fake.enqueue({ kind: 'json', body: anthropicMessage({ text: '', stopReason: 'refusal', refusalCategory: 'cyber' }) });
    const g = await (await provider()).generate(ask());
    assert.equal(g.stopReason, 'refusal');
    assert.equal(typeof g.refusal, 'string');
    assert.match(g.refusal!, /cyber/);
  });

  it('streams over SSE', async () => {
    fake.enqueue({
      kind: 'sse',
      events: anthropicStreamEvents({ thinking: 'hmm', text: 'streamed words', model: 'claude-test-s', inputTokens: 8, outputTokens: 15, thinkingTokens: 9 }),
    });
    const g = await (await provider(true)).generate(ask());
    assert.equal(g.text, 'streamed words');
    assert.equal(g.stopReason, 'end_turn');
    assert.equal(g.returnedModel, 'claude-test-s');
    assert.deepEqual(g.usage, { inputTokens: 8, outputTokens: 15, reasoningTokens: 9 });
    assert.equal(fake.requests[0].body.stream, true);
    assert.equal(g.request.stream, true);
  });

  it('streams a refusal', async () => {
    fake.enqueue({ kind: 'sse', events: anthropicStreamEvents({ text: 'I', stopReason: 'refusal' }) });
    const g = await (await provider(true)).generate(ask());
    assert.equal(g.stopReason, 'refusal');
    assert.equal(g.refusal, 'refused by the API');
  });

  it('a stream cut off before message_stop is bad_response', async () => {
    fake.enqueue({ kind: 'sse', events: anthropicStreamEvents({ text: 'partial' }).slice(0, 4), endAbruptly: true });
    assert.equal((await failure((await provider(true)).generate(ask()))).kind, 'bad_response');
  });

  it('an error event inside a stream is a server error', async () => {
    fake.enqueue({ kind: 'sse', events: [{ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }] });
    const err = await failure((await provider(true)).generate(ask()));
    assert.equal(err.kind, 'server');
    assert.match(err.message, /Overloaded/);
  });

  it('429 with Retry-After is rate_limit with retryAfterMs, tried once', async () => {
    fake.enqueue(anthropicError(429, 'rate_limit_error', 'Too many requests', { 'retry-after': '7' }));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'rate_limit');
    assert.equal(err.retryAfterMs, 7000);
    assert.equal(fake.requests.length, 1);
  });

  it('500 and 529 are server, tried once', async () => {
    fake.enqueue(anthropicError(500, 'api_error', 'Internal'));
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'server');
    fake.enqueue(anthropicError(529, 'overloaded_error', 'Overloaded'));
    const err = await failure((await provider()).generate(ask()));
    assert.equal(err.kind, 'server');
    assert.equal(err.status, 529);
    assert.equal(fake.requests.length, 2);
  });

  it('401 is auth, 400 is client', async () => {
    fake.enqueue(anthropicError(401, 'authentication_error', `invalid x-api-key ${KEY}`));
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'auth');
    fake.enqueue(anthropicError(400, 'invalid_request_error', 'max_tokens: too large'));
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'client');
  });

  it('a reply slower than the caller signal is timeout', async () => {
    fake.enqueue({ kind: 'json', delayMs: 2000, body: anthropicMessage({ text: 'late' }) });
    assert.equal((await failure((await provider()).generate(ask({ signal: AbortSignal.timeout(100) })))).kind, 'timeout');
  });

  it('a truncated or malformed body is bad_response', async () => {
    fake.enqueue({ kind: 'truncated', body: '{"id":"msg_x","content":[{"ty' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
    fake.enqueue({ kind: 'raw', body: '{"id": "msg_x", "content": [' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
    fake.enqueue({ kind: 'json', body: { unexpected: true } });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'bad_response');
  });

  it('a closed connection is connection', async () => {
    fake.enqueue({ kind: 'reset' });
    assert.equal((await failure((await provider()).generate(ask()))).kind, 'connection');
  });
});

describe('anthropic provider configuration', () => {
  it('a missing key is a one-line ConfigError naming the variable', async () => {
    await assert.rejects(createAnthropicProvider(parseModelRef('anthropic:claude-sonnet-4-5'), { env: {} }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.message, 'ANTHROPIC_API_KEY is not set: export it to use anthropic:claude-sonnet-4-5');
      return true;
    });
  });

  it('ANTHROPIC_BASE_URL is used when the ref has no @baseUrl', async () => {
    const fake = await startFakeAnthropicServer();
    try {
      const p = await createAnthropicProvider(parseModelRef('anthropic:claude-test'), { env: { ...env, ANTHROPIC_BASE_URL: fake.url } });
      assert.equal((await p.generate(ask())).text, 'fake reply');
      assert.equal(fake.requests.length, 1);
    } finally {
      await fake.close();
    }
  });
});
