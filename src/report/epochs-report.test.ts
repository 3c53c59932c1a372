import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SampleOutcome } from '../store/records.js';
import { epochReports } from './epochs-report.js';

const o = (sampleId: string, epoch: number, outcome: SampleOutcome['outcome']): SampleOutcome =>
  ({ model: 'm', sampleId, epoch, kind: 'answerable', outcome, human: false });

test('epochs reduce per sample, and agreement across epochs is measured', () => {
  const outcomes = [
    o('a', 1, 'correct'), o('a', 2, 'correct'), o('a', 3, 'correct'), // always right
    o('b', 1, 'correct'), o('b', 2, 'incorrect'), o('b', 3, 'incorrect'), // mostly wrong
    o('c', 1, 'abstained'), o('c', 2, 'abstained'), o('c', 3, 'abstained'),
    o('d', 1, 'incorrect'), o('d', 2, 'correct'), o('d', 3, 'unscored'), // one epoch unscored: two left
  ];
  const [r] = epochReports(outcomes, ['m'], 3);
  assert.equal(r.samples, 4);
  assert.equal(r.majority.correct.k, 1);
  assert.equal(r.majority.incorrect.k, 2, 'b is incorrect by majority; d ties and takes the first seen (incorrect)');
  assert.equal(r.majority.ties, 1);
  assert.equal(r.consistency.k, 2, 'a and c agree in every epoch');
  assert.equal(r.consistency.n, 4);
  // k = 2 (d has only two scored epochs). pass@2: a 1, b 1 - C(2,2)/C(3,2) = 2/3, c 0, d 1 → (1 + 2/3 + 0 + 1) / 4.
  assert.ok(Math.abs(r.passAtK - (1 + 2 / 3 + 0 + 1) / 4) < 1e-12);
  // pass^2: a 1, b 0, c 0, d 0.
  assert.equal(r.passHatK, 0.25);
  assert.equal(r.correctClustered.n, 11);
  assert.equal(r.correctClustered.clusters, 4);
  assert.ok(r.correctClustered.designEffect > 1, 'epochs of one sample move together');
});
