import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, MemoryResponseCache, responseCacheKey, type CacheKeyInput } from './response-cache.js';

const base: CacheKeyInput = {
  provider: 'openai',
  model: 'gpt-4.1',
  params: { temperature: 0, maxTokens: 100 },
  messages: [{ role: 'user', content: 'hello' }],
  epoch: 1,
};

test('the key is a sha256 hex digest and stable for equal input', () => {
  const key = responseCacheKey(base);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(responseCacheKey(structuredClone(base)), key);
});

test('key order in params and messages does not change the key', () => {
  const reordered: CacheKeyInput = {
    epoch: 1,
    messages: [{ content: 'hello', role: 'user' }],
    params: { maxTokens: 100, temperature: 0 },
    model: 'gpt-4.1',
    provider: 'openai',
  };
  assert.equal(responseCacheKey(reordered), responseCacheKey(base));
});

test('the key changes with epoch, params, baseUrl, messages, model and provider', () => {
  const key = responseCacheKey(base);
  const variants: CacheKeyInput[] = [
    { ...base, epoch: 2 },
    { ...base, params: { temperature: 0.7, maxTokens: 100 } },
    { ...base, params: { temperature: 0, maxTokens: 100, seed: 1 } },
    { ...base, baseUrl: 'http://127.0.0.1:8000/v1' },
    { ...base, messages: [{ role: 'user', content: 'hello!' }] },
    { ...base, messages: [{ role: 'system', content: 'hello' }] },
    { ...base, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }] },
    { ...base, model: 'gpt-4.1-mini' },
    { ...base, provider: 'xai' },
  ];
  const keys = new Set(variants.map(responseCacheKey));
  assert.equal(keys.size, variants.length);
  assert.ok(!keys.has(key));
});

test('canonicalJson sorts nested keys and drops undefined values', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
});

test('MemoryResponseCache returns what was set', () => {
  const cache = new MemoryResponseCache();
  const gen = { text: 'hi', refusal: null, stopReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, returnedModel: null, request: {} };
  assert.equal(cache.get('k'), undefined);
  cache.set('k', gen);
  assert.deepEqual(cache.get('k'), gen);
  assert.equal(cache.size, 1);
});
