import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerType, readAnswer } from './answer-reading.js';

test('the canonical alias decides what a rival candidate looks like', () => {
  assert.equal(answerType(['1989']), 'number');
  assert.equal(answerType(['Canberra']), 'name');
  assert.equal(answerType(['talc']), 'word');
});

test('several accepted aliases together are one answer, not rival candidates', () => {
  assert.deepEqual(readAnswer('Ulaanbaatar, or Ulan Bator.', ['Ulaanbaatar', 'Ulan Bator'], 'What is the capital of Mongolia?'), { kind: 'match', alias: 'Ulaanbaatar' });
  const founders = ['Henry Dunant', 'Gustave Moynier'];
  assert.equal(readAnswer('Henry Dunant and Gustave Moynier.', founders, 'Who founded the ICRC?').kind, 'match');
});

test('a rival joined to the answer, a rival number, or no alias at all', () => {
  const r = readAnswer('Guido van Rossum and Larry Wall.', ['Guido van Rossum'], 'Who created Python?');
  assert.equal(r.kind, 'unsure');
  assert.match(r.kind === 'unsure' ? r.reason : '', /Larry Wall/);
  assert.equal(readAnswer('It was 1985 or 1989.', ['1989'], 'When did the Wall fall?').kind, 'unsure');
  // Days and other short numbers are not rival years.
  assert.equal(readAnswer('On 9 November 1989.', ['1989'], 'When did the Wall fall?').kind, 'match');
  assert.deepEqual(readAnswer('Sydney.', ['Canberra'], 'Capital of Australia?'), { kind: 'none' });
});
