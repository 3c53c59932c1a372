import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasMatches, findAliasSpans, matchAlias, normalizeAnswer, normalizeTokens, tokenSpans } from './normalize.js';

test('normalizeAnswer lower-cases, strips diacritics, punctuation and articles', () => {
  assert.equal(normalizeAnswer('  The Café   de Flore! '), 'cafe de flore');
  assert.equal(normalizeAnswer('Ångström, Zoë & Dvořák'), 'angstrom zoe dvorak');
  assert.equal(normalizeAnswer('An apple a day'), 'apple day');
  assert.equal(normalizeAnswer('São Paulo'), 'sao paulo');
  // Compatibility forms (NFKD): full-width letters and ligatures.
  assert.equal(normalizeAnswer('ｆｉｎｅ ﬁsh'), 'fine fish');
});

test('apostrophes (straight and curly) join words instead of splitting them', () => {
  assert.equal(normalizeAnswer("O'Brien"), 'obrien');
  assert.equal(normalizeAnswer('O\u2019Brien'), 'obrien');
  assert.equal(normalizeAnswer('don\u2019t'), normalizeAnswer("don't"));
});

test('number words become digits (0-20, tens, and tens-units compounds)', () => {
  assert.equal(normalizeAnswer('seven'), '7');
  assert.equal(normalizeAnswer('Zero'), '0');
  assert.equal(normalizeAnswer('twenty'), '20');
  assert.equal(normalizeAnswer('eleven players'), '11 players');
  assert.equal(normalizeAnswer('forty'), '40');
  assert.equal(normalizeAnswer('twenty-one'), '21');
  assert.equal(normalizeAnswer('ninety nine'), '99');
  // "twenty ten" is not a number we compose; each word converts alone.
  assert.equal(normalizeAnswer('twenty ten'), '20 10');
  assert.equal(normalizeAnswer('1,000 people'), '1000 people');
});

test('aliasMatches finds whole-word phrases only', () => {
  assert.ok(aliasMatches('It fell in 1989.', ['1989']));
  assert.ok(!aliasMatches('It fell in 1989.', ['19']));
  assert.ok(!aliasMatches('The Parish of St Mary', ['Paris']));
  assert.ok(aliasMatches('The capital is Paris, France.', ['Paris']));
  assert.ok(aliasMatches('It was written by Gabriel García Márquez.', ['Gabriel Garcia Marquez']));
  assert.ok(!aliasMatches('Gabriel wrote it, not Marquez.', ['Gabriel Garcia Marquez']));
  assert.ok(aliasMatches('There are seven of them.', ['7']));
  assert.ok(aliasMatches('There are 7 of them.', ['seven']));
  assert.ok(aliasMatches('The answer is twenty-one.', ['21']));
  assert.ok(!aliasMatches('The answer is 211.', ['21']));
  assert.ok(aliasMatches('It was the Beatles.', ['Beatles']));
  assert.ok(aliasMatches('Beatles', ['The Beatles']));
});

test('a plural -s/-es on the last word of an alias still matches, but not on numbers or mid-phrase', () => {
  assert.ok(aliasMatches('Whales are mammals.', ['mammal']));
  assert.ok(aliasMatches('They are made of nucleotides.', ['nucleotide']));
  assert.ok(aliasMatches('Both are red foxes.', ['red fox']));
  assert.ok(!aliasMatches('the 1980s', ['1980']));
  assert.ok(!aliasMatches('reds fox', ['red fox']));
  assert.ok(!aliasMatches('mammalian', ['mammal']));
});

test('matchAlias returns the first alias that matched and ignores aliases that normalise to nothing', () => {
  assert.equal(matchAlias('He was known as Bird.', ['Charlie Parker', 'Bird']), 'Bird');
  assert.equal(matchAlias('the', ['The']), null);
  assert.equal(matchAlias('Anything at all', []), null);
  assert.equal(matchAlias('', ['x']), null);
});

test('tokenSpans gives the same tokens as normalizeTokens, each with its place in the text', () => {
  for (const text of ['It was seventy-nine, not 1,000!', "Don't say O'Brien — the Beatles", 'Mathématiques twenty one', 'Liliʻuokalani, 221B Baker St.']) {
    const spans = tokenSpans(text);
    assert.deepEqual(spans.map((s) => s.token), normalizeTokens(text), text);
    for (const s of spans) assert.ok(s.start < s.end && s.end <= text.length);
  }
  const [n] = tokenSpans('about seventy-nine people');
  assert.equal(n.token, 'about');
  const seventyNine = tokenSpans('about seventy-nine people')[1];
  assert.deepEqual(seventyNine, { token: '79', start: 6, end: 18 });
});

test('findAliasSpans finds every occurrence as character ranges, in order', () => {
  const text = 'Not Canberra? Yes: CANBERRA, the capital.';
  const spans = findAliasSpans(text, ['Canberra']);
  assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['Canberra', 'CANBERRA']);
  assert.deepEqual(findAliasSpans('nothing here', ['Canberra']), []);
});
