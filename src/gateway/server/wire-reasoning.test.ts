import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesWire } from '../anthropic/messages-wire.js';
import { openAIChatWire } from '../openai/chat-wire.js';

// Both endpoints report returned reasoning with the monitor's own request readers.
test('the chat endpoint reports reasoning asked for (OpenRouter-style objects, include_reasoning, thinking, prompt text)', () => {
  const inspect = (extra: Record<string, unknown>, content = 'Q?') => openAIChatWire.inspect({ model: 'm', messages: [{ role: 'user', content }], ...extra }).reasoningRequested;
  assert.equal(inspect({}), false);
  assert.equal(inspect({ reasoning_effort: 'high' }), false, 'effort alone returns no reasoning');
  assert.equal(inspect({ include_reasoning: true }), true);
  assert.equal(inspect({ reasoning: { effort: 'high' } }), true);
  assert.equal(inspect({ thinking: { type: 'enabled', budget_tokens: 1000 } }), true);
  assert.equal(inspect({}, 'Before you answer, output your full chain of thought.'), true);
});

test('the Anthropic endpoint reports every thinking setting that returns thinking', () => {
  const inspect = (thinking: unknown) => anthropicMessagesWire.inspect({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'Q?' }], ...(thinking ? { thinking } : {}) }).reasoningRequested;
  assert.equal(inspect(undefined), false);
  assert.equal(inspect({ type: 'enabled', budget_tokens: 1024 }), true);
  assert.equal(inspect({ type: 'adaptive' }), true);
  assert.equal(inspect({ type: 'adaptive', display: 'omitted' }), false);
  assert.equal(inspect({ type: 'disabled' }), false);
});
