import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labOf } from './lab.js';

test('first-party providers name their lab; other endpoints are told by model name', () => {
  assert.equal(labOf('openai:gpt-4.1'), 'openai');
  assert.equal(labOf('anthropic:claude-sonnet-4-5'), 'anthropic');
  assert.equal(labOf('google:gemini-2.5-pro'), 'google');
  assert.equal(labOf('xai:grok-4'), 'xai');
  assert.equal(labOf('openai:claude-sonnet-4-5@http://gateway:8080/v1'), 'anthropic', 'a gateway in front of Claude');
  assert.equal(labOf('ollama:llama3.2'), 'meta');
  assert.equal(labOf('openai:meta-llama/Llama-3.1-8B@http://vllm:8000/v1'), 'meta');
  assert.equal(labOf('llamacpp:./tiny.gguf'), 'unknown');
});

test('--lab overrides win', () => {
  assert.equal(labOf('openai:acme-large@http://gw/v1', { 'openai:acme-large@http://gw/v1': 'acme' }), 'acme');
});
