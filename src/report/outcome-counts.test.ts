import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRow } from '../core/measures.js';
import { outcomeCounts } from './outcome-counts.js';

const row = (outcome: string, kind: string | null, risk: string): MetricRow => ({
  sampleId: `${kind}-${risk}-${outcome}`, epoch: 1, groups: { kind, risk }, outcome, value: null, human: false, scores: {},
});

test('outcome counts: every label (unscored too) overall and per grouping value, in the declared order', () => {
  const rows = [row('correct', 'b', '1'), row('incorrect', 'a', '1'), row('correct', 'a', '2'), row('unscored', null, '2'), row('correct', 'c', '1')];
  const counts = outcomeCounts(rows, [{ key: 'kind', order: ['c', 'a'], titles: { a: 'kind A' } }, { key: 'risk' }]);
  assert.deepEqual(counts.all, { correct: 3, incorrect: 1, unscored: 1 });
  assert.deepEqual(counts.groups[0], {
    key: 'kind',
    values: [
      { value: 'c', title: 'c', counts: { correct: 1 } },
      { value: 'a', title: 'kind A', counts: { incorrect: 1, correct: 1 } },
      { value: 'b', title: 'b', counts: { correct: 1 } },
    ],
  });
  assert.deepEqual(counts.groups[1].values.map((v) => [v.value, v.counts]), [['1', { correct: 2, incorrect: 1 }], ['2', { correct: 1, unscored: 1 }]]);
});
