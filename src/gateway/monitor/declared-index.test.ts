import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordFlags } from './content-words.js';
import { DeclaredIndex } from './declared-index.js';
import { DeclaredSet } from './declared-set.js';
import { fingerprint, fingerprintFile, keyOf } from './fingerprint.js';
import { tokenize } from './text.js';
import { testPrompts, wrapAsEvaluation } from './testing/test-traffic.js';

const suite = testPrompts(2000, 11);
const index = new DeclaredIndex(0, suite.map((p) => fingerprint(p, 0)));
const match = (idx: DeclaredIndex, text: string) => {
  const t = tokenize(text);
  return idx.match(t.hashes, wordFlags(t));
};

test('a declared prompt wrapped in an evaluation system instruction is carried by the request', () => {
  for (const i of [0, 17, 999, 1999]) {
    const [m] = match(index, wrapAsEvaluation(suite[i]));
    assert.equal(m?.index, i);
    assert.ok(m.score >= 0.99, `score ${m.score}`);
  }
});

test('a lightly edited prompt (one word replaced, case and punctuation changed) still matches', () => {
  const words = suite[5].split(' ');
  words[Math.floor(words.length / 2)] = 'REPLACED';
  const [m] = match(index, words.join(' ').toUpperCase().replace('?', ' !!'));
  assert.equal(m?.index, 5);
  assert.ok(m.score < 1);
});

test('a paraphrase that keeps the names but changes every 3-gram matches by its content words', () => {
  const items = [
    "In what year was the Peace of Westphalia, which ended the Thirty Years' War, concluded?",
    'Which pope crowned Charlemagne emperor on Christmas Day in the year 800?',
    'What is the chemical symbol of the element tungsten?',
    'Who wrote the novel One Hundred Years of Solitude?',
  ];
  const idx = new DeclaredIndex(0, items.map((p) => fingerprint(p, 0)));
  assert.equal(match(idx, "When did the Thirty Years' War end with the Peace of Westphalia being signed? Which year?")[0]?.index, 0);
  assert.equal(match(idx, 'Christmas Day 800: name the pope who crowned Charlemagne as emperor.')[0]?.index, 1);
  assert.equal(match(idx, 'Tell me about the history of the Roman Empire and its emperors.').length, 0);
  assert.equal(match(idx, 'What year was the printing press invented?').length, 0);
});

test('prompts from an unrelated distribution do not match', () => {
  const other = testPrompts(300, 99);
  assert.equal(other.filter((p) => match(index, p).length > 0).length, 0);
});

test('half of a declared prompt is not enough to match it', () => {
  const words = suite[42].split(' ');
  assert.equal(match(index, words.slice(0, Math.floor(words.length / 2)).join(' ')).length, 0);
});

test('an empty index or an empty prompt never matches', () => {
  assert.equal(match(new DeclaredIndex(0, []), 'anything at all').length, 0);
  assert.equal(match(index, '   ?! ').length, 0);
});

test('a short declared prompt (fewer words than a shingle) matches itself inside a wrapper', () => {
  const small = new DeclaredIndex(0, ['Capital of France?', 'Largest ocean?', 'Are you sure?'].map((p) => fingerprint(p, 0)));
  assert.equal(match(small, 'Answer in one word. Largest ocean?')[0]?.index, 1);
  assert.equal(match(small, 'Answer in one word. Smallest ocean?').length, 0);
  assert.equal(match(small, 'I think you are wrong. Are you sure?')[0]?.index, 2);
});

test('boilerplate shared by every declared prompt does not make everything match', () => {
  const templated = testPrompts(500, 5).map((q) => `Read carefully and answer what is asked. ${q}`);
  const idx = new DeclaredIndex(0, templated.map((p) => fingerprint(p, 0)));
  assert.equal(match(idx, 'Read carefully and answer what is asked. Something entirely different here today').length, 0);
  assert.equal(match(idx, `System: be honest.\n${templated[123]}`)[0]?.index, 123);
});

test('a request carrying several declared prompts (few-shot, several turns) matches each of them', () => {
  const ms = match(index, `${suite[3]}\nA: yes\n${suite[400]}\nA: no\n${suite[1500]}`);
  assert.deepEqual(ms.map((m) => m.index).sort((a, b) => a - b), [3, 400, 1500]);
});

test('fingerprints under a salt match requests keyed the same way, and nothing under another salt', () => {
  const file = fingerprintFile(suite.slice(0, 300), 'a1b2c3d4e5f60718');
  const set = new DeclaredSet([], [file]);
  const t = tokenize(wrapAsEvaluation(suite[250]));
  assert.equal(set.match(t.hashes, wordFlags(t))[0]?.index, 250);
  assert.notEqual(keyOf('a1b2c3d4e5f60718'), keyOf('0000000000000000'));
  const wrong = new DeclaredSet([], [{ ...fingerprintFile(suite.slice(0, 300), '0000000000000000'), salt: 'a1b2c3d4e5f60718' }]);
  assert.equal(wrong.match(t.hashes, wordFlags(t)).length, 0);
  // the file carries no word of the item in clear
  assert.ok(!JSON.stringify(file).includes(suite[250].split(' ')[4]));
});

test('texts and fingerprints declared together are numbered in one sequence', () => {
  const set = new DeclaredSet(suite.slice(0, 10), [fingerprintFile(suite.slice(10, 20), 'ffeeddccbbaa9988')]);
  assert.equal(set.size, 20);
  const t = tokenize(suite[15]);
  assert.equal(set.match(t.hashes, wordFlags(t))[0]?.index, 15);
  assert.equal(set.covers(t.hashes[t.hashes.length - 1]), true);
});
