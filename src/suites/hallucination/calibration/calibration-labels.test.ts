import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../core/errors.js';
import { asGradable, parseLabelFile } from './calibration-labels.js';

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const good = { question: 'Capital of France?', response: 'Paris.', kind: 'answerable', answers: ['Paris'], label: 'correct' };

test('parses JSONL items, skipping blank lines and keeping each item\'s line number', () => {
  const text = [line(good), '', line({ ...good, kind: 'false_premise', answers: [], correction: 'He did not.', label: 'incorrect' }), ''].join('\n');
  const items = parseLabelFile(text, 'l.jsonl');
  assert.equal(items.length, 2);
  assert.equal(items[0].line, 1);
  assert.equal(items[1].line, 3);
  assert.equal(items[1].correction, 'He did not.');
  assert.equal(items[1].label, 'incorrect');
});

test('a bad line is a one-line UsageError naming the file and line', () => {
  const cases: [string, RegExp][] = [
    ['{"question": ', /l\.jsonl line 2: not valid JSON/],
    ['[1, 2]', /line 2: expected one JSON object/],
    [line({ ...good, label: 'wrong' }), /line 2: "label" must be one of correct, incorrect, abstained, got "wrong"/],
    [line({ ...good, label: undefined }), /line 2: "label" must be one of/],
    [line({ ...good, kind: 'trivia' }), /line 2: "kind" must be one of answerable, nonexistent, false_premise/],
    [line({ ...good, answers: 'Paris' }), /line 2: "answers" must be an array of strings/],
    [line({ ...good, answers: [] }), /line 2: an answerable item needs at least one answer/],
    [line({ ...good, kind: 'nonexistent', answers: [] }), /line 2: an invented-entity item has no "correct" answer/],
    [line({ ...good, response: 3 }), /line 2: "response" must be a string/],
    [line({ ...good, correction: 1 }), /line 2: "correction" must be a string/],
  ];
  for (const [bad, message] of cases) {
    assert.throws(() => parseLabelFile(`${line(good)}\n${bad}\n`, 'l.jsonl'), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, message);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  }
  assert.throws(() => parseLabelFile('\n\n', 'empty.jsonl'), /empty\.jsonl has no labelled items/);
});

test('an item becomes a sample and transcript the suite grader understands', () => {
  const [item] = parseLabelFile(line({ ...good, kind: 'false_premise', correction: 'X.' }), 'l');
  const { sample, transcript } = asGradable(item);
  assert.equal(sample.metadata.kind, 'false_premise');
  assert.equal(sample.metadata.question, 'Capital of France?');
  assert.equal(sample.metadata.correction, 'X.');
  assert.deepEqual(sample.target, ['Paris']);
  assert.equal(transcript.output, 'Paris.');
});
