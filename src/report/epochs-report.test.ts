import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRow } from '../core/measures.js';
import { epochReports } from './epochs-report.js';

const o = (sampleId: string, epoch: number, outcome: string): MetricRow =>
  ({ sampleId, epoch, groups: {}, outcome, value: null, human: false, scores: {} });
const measures = { epochs: { success: 'correct', majority: ['correct', 'incorrect', 'abstained'] } };
const share = (r: ReturnType<typeof epochReports>[number], label: string) => r.majority.find((m) => m.label === label)!.share;

test('epochs reduce per sample, and agreement across epochs is measured', () => {
  const outcomes = [
    o('a', 1, 'correct'), o('a', 2, 'correct'), o('a', 3, 'correct'), // always right
    o('b', 1, 'correct'), o('b', 2, 'incorrect'), o('b', 3, 'incorrect'), // mostly wrong
    o('c', 1, 'abstained'), o('c', 2, 'abstained'), o('c', 3, 'abstained'),
    o('d', 1, 'incorrect'), o('d', 2, 'correct'), o('d', 3, 'unscored'), // one epoch unscored: two left
  ];
  const [r] = epochReports(new Map([['m', outcomes]]), measures, 3);
  assert.equal(r.samples, 4);
  assert.equal(share(r, 'correct').k, 1);
  assert.equal(share(r, 'incorrect').k, 2, 'b is incorrect by majority; d ties and takes the first seen (incorrect)');
  assert.equal(r.ties, 1);
  assert.equal(r.consistency.k, 2, 'a and c agree in every epoch');
  assert.equal(r.consistency.n, 4);
  // k = 2 (d has only two scored epochs). pass@2: a 1, b 1 - C(2,2)/C(3,2) = 2/3, c 0, d 1 → (1 + 2/3 + 0 + 1) / 4.
  assert.ok(Math.abs(r.passAtK - (1 + 2 / 3 + 0 + 1) / 4) < 1e-12);
  // pass^2: a 1, b 0, c 0, d 0.
  assert.equal(r.passHatK, 0.25);
  assert.equal(r.successClustered!.n, 11);
  assert.equal(r.successClustered!.clusters, 4);
  assert.ok(r.successClustered!.designEffect > 1, 'epochs of one sample move together');
});

test('a suite with other labels and no success label gets majorities and consistency, no pass@k', () => {
  const rows = [o('a', 1, 'refused'), o('a', 2, 'refused'), o('b', 1, 'complied'), o('b', 2, 'refused')];
  const [r] = epochReports(new Map([['m', rows]]), { epochs: { majority: ['refused', 'complied'] } }, 2);
  assert.equal(r.successClustered, null);
  assert.ok(Number.isNaN(r.passAtK));
  assert.equal(share(r, 'refused').k, 1, 'a refuses in both epochs');
  assert.equal(share(r, 'complied').k, 1, 'b ties and takes the first seen label, complied');
  assert.equal(r.ties, 1);
  assert.equal(r.consistency.k, 1);
});
