import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModelRef, formatModelRef } from './model-ref.js';
import { UsageError } from './errors.js';

test('parses provider:model', () => {
  const ref = parseModelRef('openai:gpt-4.1');
  assert.equal(ref.provider, 'openai');
  assert.equal(ref.model, 'gpt-4.1');
  assert.equal(ref.baseUrl, undefined);
});

test('parses a base URL after @ and keeps @ inside model names', () => {
  const ref = parseModelRef('openai:my-model@http://host:8000/v1');
  assert.deepEqual([ref.model, ref.baseUrl], ['my-model', 'http://host:8000/v1']);
  const scoped = parseModelRef('openai:org@v2/model@https://gw.example/v1');
  assert.deepEqual([scoped.model, scoped.baseUrl], ['org@v2/model', 'https://gw.example/v1']);
  assert.equal(formatModelRef(scoped), 'openai:org@v2/model@https://gw.example/v1');
});

test('local paths keep their colons-free path as the model', () => {
  assert.equal(parseModelRef('llamacpp:./models/tiny.gguf').model, './models/tiny.gguf');
});

test('malformed refs are usage errors with a one-line message', () => {
  for (const bad of ['gpt-4', ':gpt-4', 'openai:', 'Open AI:gpt', 'openai:@http://x']) {
    assert.throws(() => parseModelRef(bad), (err: unknown) => err instanceof UsageError && !err.message.includes('\n'), bad);
  }
});
