import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.js';
import { fingerprintFile } from './fingerprint.js';
import { parsePromptFile } from './prompt-file.js';

const texts = (text: string, source: string) => {
  const s = parsePromptFile(text, source);
  assert.ok('texts' in s);
  return s.texts;
};

test('JSONL items: strings, prompt / question fields, message lists (assistant turns left out), turns; repeats once', () => {
  const jsonl = [
    JSON.stringify('What is 2 + 2?'),
    JSON.stringify({ id: 'a', question: 'Who wrote Hamlet?', answer: 'Shakespeare' }),
    JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name a prime.' }, { role: 'assistant', content: '7' }] }),
    JSON.stringify({ turns: ['I feel low.', 'Nobody would notice.'] }),
    JSON.stringify({ input: [{ role: 'user', content: [{ type: 'text', text: 'Parts work too.' }] }] }),
    JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Another.' }] }),
    '',
  ].join('\n');
  assert.deepEqual(texts(jsonl, 'suite.jsonl'), ['What is 2 + 2?', 'Who wrote Hamlet?', 'Be brief.', 'Name a prime.', 'I feel low.', 'Nobody would notice.', 'Parts work too.', 'Another.']);
});

test('JSON and YAML lists or { items | samples }, and plain text lines', () => {
  assert.deepEqual(texts('{"samples":[{"prompt":"A?"},{"prompt":"B?"}]}', 's.json'), ['A?', 'B?']);
  assert.deepEqual(texts('items:\n  - question: C?\n  - D?\n', 'suite.yaml'), ['C?', 'D?']);
  assert.deepEqual(texts('E?\n\n  F?\n', 'probes.txt'), ['E?', '  F?']);
});

test('a fingerprint file is passed on as fingerprints', () => {
  const file = fingerprintFile(['Secret item one?', 'Secret item two?'], '00112233445566778899');
  const s = parsePromptFile(JSON.stringify(file), 'held-out.json');
  assert.ok('fingerprints' in s && s.fingerprints.prompts.length === 2);
});

test('bad files are one-line ConfigErrors naming the file and the item', () => {
  for (const [text, source, says] of [
    ['{"q": 1}\nnot json', 's.jsonl', /s\.jsonl: line 2 is not valid JSON/],
    ['{"answer": "x"}', 's.jsonl', /item 1 has no prompt text/],
    ['{"nothing": []}', 's.json', /expected a list of items/],
    ['a,b', 's.csv', /declare prompts in a \.jsonl/],
    ['', 'empty.txt', /no prompts/],
    ['{"format":"crosscheck-prompt-fingerprints/v1","salt":"zz","prompts":[]}', 'f.json', /salt must be 16-128 hex digits/],
  ] as const) {
    assert.throws(() => parsePromptFile(text, source), (e: unknown) => e instanceof ConfigError && says.test(e.message) && !e.message.includes('\n'), source);
  }
});
