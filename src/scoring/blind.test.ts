import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blind } from './blind.js';

test('self-identifying phrases are removed and recorded', () => {
  const cases: [string, RegExp][] = [
    ['As an AI developed by OpenAI, I cannot browse.', /As an AI \[redacted\], I cannot browse\./],
    ["I'm Claude, an AI assistant made by Anthropic. The answer is 1989.", /\[redacted\], an AI assistant \[redacted\]\. The answer is 1989\./],
    ['I am Gemini 2.5 Pro and I think it was Paris.', /\[redacted\] and I think it was Paris\./],
    ['As a language model from Google DeepMind, I would say 42.', /As \[redacted\], I would say 42\./],
    ["OpenAI's language model cannot know that.", /\[redacted\] cannot know that\./],
    ['My name is Grok-4. Canberra.', /\[redacted\]\. Canberra\./],
  ];
  for (const [input, expected] of cases) {
    const r = blind(input);
    assert.match(r.text, expected, input);
    assert.ok(r.redactions.length >= 1, input);
    assert.ok(!/OpenAI|Anthropic|Claude|Gemini|Grok|DeepMind/.test(r.text), `${input} → ${r.text}`);
  }
});

test('names that are part of an answer are left alone', () => {
  for (const answer of [
    'Water Lilies was painted by Claude Monet.',
    'Google was founded in 1998 by Larry Page and Sergey Brin.',
    'OpenAI was founded in 2015.',
    'The Gemini program preceded Apollo.',
    'Prelude to the Afternoon of a Faun is by Claude Debussy.',
  ]) {
    const r = blind(answer);
    assert.equal(r.text, answer);
    assert.deepEqual(r.redactions, []);
  }
});

test('makers and names the patterns do not know are caught by shape, and the run\'s own model names anywhere', () => {
  const r = blind('As an AI developed by AcmeAI, I think so. I am Orion 2, an AI assistant. model-a says 1901.', ['model-a']);
  assert.equal(r.text, "[redacted], I think so. [redacted], an AI assistant. [redacted] says 1901.");
  assert.equal(r.redactions.length, 3);
});
