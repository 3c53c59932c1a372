import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreement, type LabelledCompletion } from './agreement.js';
import type { RefusalLabel } from './analyse.js';

function row(completion: string, label: RefusalLabel): LabelledCompletion {
  return { id: completion, type: '', prompt: '', completion, label };
}

test('agreement counts binary and exact matches separately', () => {
  const rows = [row('a', 'refusal'), row('b', 'partial_refusal'), row('c', 'compliance'), row('d', 'compliance')];
  const predicted = { a: 'partial_refusal', b: 'partial_refusal', c: 'compliance', d: 'refusal' } as const;
  const a = agreement(rows, (c) => predicted[c as keyof typeof predicted]);
  assert.equal(a.binary, 3 / 4);
  assert.equal(a.threeWay, 2 / 4);
  assert.equal(a.decidedShare, 1);
  assert.equal(a.binaryDecided, 3 / 4);
  assert.equal(a.confusion.compliance.refusal, 1);
  assert.equal(a.confusion.refusal.partial_refusal, 1);
});

test('uncertain cases count by their leaning overall and are left out of agreement on decided', () => {
  const rows = [row('a', 'refusal'), row('b', 'compliance'), row('c', 'compliance'), row('d', 'refusal'), row('e', 'compliance')];
  const verdicts = {
    a: { label: 'refusal', guess: 'refusal' },
    b: { label: 'compliance', guess: 'compliance' },
    c: { label: 'refusal', guess: 'refusal' }, // decided, wrong
    d: { label: 'uncertain', guess: 'compliance' }, // leaning wrong
    e: { label: 'uncertain', guess: 'compliance' }, // leaning right
  } as const;
  const a = agreement(rows, (c) => verdicts[c as keyof typeof verdicts]);
  assert.equal(a.n, 5);
  assert.equal(a.decided, 3);
  assert.equal(a.decidedShare, 3 / 5);
  assert.equal(a.binaryDecided, 2 / 3);
  assert.equal(a.binary, 3 / 5);
  assert.equal(a.confusion.refusal.compliance, 1);
});

test('nothing decided claims nothing: agreement on decided is 1, and an empty set is all zeros', () => {
  const a = agreement([row('a', 'refusal')], () => ({ label: 'uncertain', guess: 'compliance' }));
  assert.equal(a.decided, 0);
  assert.equal(a.binaryDecided, 1);
  assert.equal(a.binary, 0);
  const empty = agreement([], () => 'refusal');
  assert.deepEqual([empty.n, empty.decidedShare, empty.binary], [0, 0, 0]);
});
