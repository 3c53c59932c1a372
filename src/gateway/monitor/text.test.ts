import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, gramHash, hashString, shingleSet, tokenize, words } from './text.js';
import { testPrompts } from './testing/test-traffic.js';

const SAMPLES = [
  'Qu’est-ce que l’ÉTÉ? <b>2025</b> naïve_café',
  'İstanbul ΣΊΣΥΦΟΣ straße 東京都 𝒳𝒴 emoji 🙂 end',
  '  ?! ',
  'trailing-word',
  ...testPrompts(20, 4),
];

test('words: lower-case letters and digits, Unicode-aware, punctuation and markup are separators', () => {
  assert.deepEqual(words('Qu’est-ce que l’ÉTÉ? <b>2025</b> naïve_café'), ['qu', 'est', 'ce', 'que', 'l', 'été', 'b', '2025', 'b', 'naïve', 'café']);
  assert.deepEqual(words('  ?! '), []);
});

test('tokenize splits exactly like words() and hashes each word like hashString(word)', () => {
  for (const s of SAMPLES) {
    const t = tokenize(s);
    const w = words(s);
    assert.deepEqual([...t.hashes], w.map((x) => hashString(x)), s);
    assert.deepEqual(
      [...t.starts].map((start, i) => t.text.slice(start, t.ends[i])),
      w,
      s,
    );
  }
});

test('tokenize reads at most maxChars characters', () => {
  const t = tokenize('alpha beta gamma delta', 10);
  assert.deepEqual([...t.hashes], ['alpha', 'beta'].map((x) => hashString(x)));
});

test('shingles: distinct word 3-grams; fewer than 3 words make one shingle', () => {
  const wh = tokenize('a b c a b c d').hashes;
  assert.equal(shingleSet(wh).size, 4); // abc, bca, cab, bcd
  assert.equal(shingleSet(tokenize('x y').hashes).size, 1);
  assert.equal(shingleSet(new Uint32Array()).size, 0);
  // the short-prompt shingle equals that 2-gram inside a longer text, which is what lets short prompts match
  const long = tokenize('please x y now').hashes;
  assert.equal(gramHash(long, 1, 2), [...shingleSet(tokenize('x y').hashes)][0]);
});

test('contentHash: same words same hash in [0, 1); order and length matter', () => {
  const h = (t: string) => contentHash(tokenize(t).hashes);
  assert.equal(h('Hello, World!'), h('hello world'));
  assert.notEqual(h('hello world'), h('world hello'));
  assert.notEqual(h('a'), h('a a'));
  for (const t of ['a', 'b c', 'd e f']) assert.ok(h(t) >= 0 && h(t) < 1);
});
