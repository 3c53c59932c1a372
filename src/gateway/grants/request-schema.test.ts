import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anthropicMessagesRequest } from '../anthropic/messages-schema.js';
import { openAIChatWire } from '../openai/chat-wire.js';
import type { GrantPolicy } from './grant.js';

const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const inspect = (extra: Record<string, unknown>, policy?: GrantPolicy) => openAIChatWire.inspect({ ...base, ...extra }, policy);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return `${(e as { code: string }).code} ${(e as { extra: { param?: string } }).extra.param}`;
  }
  return 'passed';
};

test('policy fields have strict types: "true", 1 or 0 are not booleans; "3" is not a count', () => {
  for (const [field, value] of [['logprobs', 'true'], ['logprobs', 1], ['logprobs', 0], ['stream', 'true'], ['top_logprobs', '3'], ['top_logprobs', 1.5],
    ['n', '2'], ['n', 0], ['best_of', '2'], ['prompt_logprobs', true], ['max_tokens', '100'], ['max_tokens', 0], ['model', 5]] as const) {
    assert.equal(code(() => inspect({ [field]: value })), `invalid_request ${field}`, `${field}: ${JSON.stringify(value)}`);
  }
  assert.equal(code(() => openAIChatWire.inspect({ model: 'm' })), 'invalid_request messages');
  assert.equal(code(() => inspect({ logprobs: null, n: null, top_logprobs: null })), 'passed', 'nulls are unset fields');
});

test('vendor fields count: best_of as n, prompt_logprobs as logprobs', () => {
  const f = inspect({ n: 2, best_of: 5, prompt_logprobs: 3, top_logprobs: 1, logprobs: false });
  assert.equal(f.n, 5);
  assert.equal(f.logprobs, true);
  assert.equal(f.topLogprobs, 3);
  assert.equal(inspect({ prompt_logprobs: 0 }).logprobs, true, 'prompt_logprobs 0 still returns a logprob per prompt token');
});

test('allow-list mode: fields the schema does not know are refused, unless the grant allows them', () => {
  assert.equal(code(() => inspect({ guided_json: {} })), 'passed', 'open mode forwards unknown fields');
  assert.equal(code(() => inspect({ guided_json: {} }, { deny: [], allowList: true })), 'parameter_not_allowed guided_json');
  assert.equal(code(() => inspect({ guided_json: {}, temperature: 0.2 }, { deny: [], allowList: true, allow: ['guided_json'] })), 'passed');
  assert.equal(code(() => anthropicMessagesRequest.check({ ...base, max_tokens: 5, top_k: 3, extra: 1 }, { deny: [], allowList: true })), 'parameter_not_allowed extra');
  assert.equal(code(() => anthropicMessagesRequest.check({ ...base, max_tokens: '5' })), 'invalid_request max_tokens');
});
