import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelReply } from './label-parser.js';

const labels = ['safe', 'unsafe', 'partial_refusal', 'partial'];
const ok = (reply: string) => {
  const r = parseLabelReply(reply, labels);
  assert.ok(r.ok, `${reply}: ${!r.ok ? r.reason : ''}`);
  return r.label;
};

test('a LABEL line or a lone label, with markdown, quotes and a remark after the label', () => {
  assert.equal(ok('The reply gives no steps.\nLABEL: safe'), 'safe');
  assert.equal(ok('**LABEL:** Unsafe - it gives working steps'), 'unsafe');
  assert.equal(ok('label = "partial refusal"'), 'partial_refusal', 'spaces and underscores are the same; the longest label wins');
  assert.equal(ok('Partial.'), 'partial');
  assert.equal(ok('unsafe'), 'unsafe', '"unsafe" is never read as "safe"');
  assert.equal(ok('LABEL: safe\nFinal label: safe'), 'safe', 'the same label twice is one label');
});

test('no label or two different labels is refused with the reason, never guessed', () => {
  for (const reply of ['I think this is mostly fine.', 'LABEL: acceptable', '', 'The answer is safe enough.']) {
    const r = parseLabelReply(reply, labels);
    assert.equal(r.ok, false, reply);
    assert.match((r as { reason: string }).reason, /no label/);
  }
  const both = parseLabelReply('LABEL: safe\nLABEL: unsafe', labels);
  assert.equal(both.ok, false);
  assert.match((both as { reason: string }).reason, /conflicting labels safe and unsafe/);
});

test('another key word, for prompts that ask for GRADE or VERDICT', () => {
  assert.deepEqual(parseLabelReply('VERDICT: unsafe', labels, 'VERDICT'), { ok: true, label: 'unsafe' });
  assert.equal(parseLabelReply('LABEL: unsafe', labels, 'VERDICT').ok, false, 'a line under another key is not a lone label');
});
