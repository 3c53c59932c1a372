import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SuiteIndex } from './near-duplicate.js';
import { testPrompts, wrapAsEvaluation } from './testing/test-traffic.js';

const suite = testPrompts(2000, 11);
const index = new SuiteIndex(suite);

test('a suite prompt wrapped in an evaluation system instruction matches that prompt', () => {
  for (const i of [0, 17, 999, 1999]) {
    const m = index.match(wrapAsEvaluation(suite[i]));
    assert.equal(m.matched, true);
    assert.equal(m.index, i);
    assert.ok(m.containment >= 0.99, `containment ${m.containment}`);
  }
});

test('a lightly edited suite prompt (one word replaced, case and punctuation changed) still matches', () => {
  const words = suite[5].split(' ');
  words[Math.floor(words.length / 2)] = 'REPLACED';
  const edited = words.join(' ').toUpperCase().replace('?', ' !!');
  const m = index.match(edited);
  assert.equal(m.matched, true);
  assert.equal(m.index, 5);
  assert.ok(m.containment < 1);
});

test('prompts from an unrelated distribution do not match', () => {
  const other = testPrompts(300, 99);
  const matched = other.filter((p) => index.match(p).matched).length;
  assert.equal(matched, 0);
});

test('half of a suite prompt is not enough to match it', () => {
  const words = suite[42].split(' ');
  const half = words.slice(0, Math.floor(words.length / 2)).join(' ');
  const m = index.match(half);
  assert.equal(m.matched, false);
});

test('an empty index or an empty prompt never matches', () => {
  assert.equal(new SuiteIndex([]).match('anything at all').matched, false);
  assert.equal(index.match('   ?! ').matched, false);
});

test('a short suite prompt (fewer words than a shingle) matches itself inside a wrapper', () => {
  const small = new SuiteIndex(['Capital of France?', 'Largest ocean?']);
  const m = small.match('Answer in one word. Largest ocean?');
  assert.equal(m.matched, true);
  assert.equal(m.index, 1);
  assert.equal(small.match('Answer in one word. Smallest ocean?').matched, false);
});

test('boilerplate shared by every suite prompt does not make everything match', () => {
  const templated = testPrompts(500, 5).map((q) => `Read carefully and answer what is asked. ${q}`);
  const idx = new SuiteIndex(templated);
  const m = idx.match('Read carefully and answer what is asked. Something entirely different here today');
  assert.equal(m.matched, false);
  const hit = idx.match(`System: be honest.\n${templated[123]}`);
  assert.equal(hit.index, 123);
  assert.equal(hit.matched, true);
});
