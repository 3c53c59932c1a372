import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAgreement, isFlattering, measureAgreement, type GradedCase } from './agreement.js';
import type { GraderSetCase } from './grader-set.js';

const c = (label: GraderSetCase['label'], kase = 'plain'): GraderSetCase =>
  ({ id: 'x', item: 'ans-geog-001', kind: 'answerable', case: kase, style: 's', label, split: 'tune', response: 'r' });
const g = (label: GraderSetCase['label'], outcome: GradedCase['outcome'], kase?: string): GradedCase => ({ case: c(label, kase), outcome, why: '' });

test('agreement counts decided cases only; unscored is its own share', () => {
  const a = measureAgreement([g('correct', 'correct'), g('incorrect', 'unscored'), g('incorrect', 'correct', 'negation'), g('abstained', 'abstained')]);
  assert.equal(a.n, 4);
  assert.equal(a.decided, 3);
  assert.equal(a.agree, 2);
  assert.equal(a.decidedShare, 0.75);
  assert.equal(a.agreementOnDecided, 2 / 3);
  assert.deepEqual(a.errorsByCase, { negation: 1 });
  assert.deepEqual(a.errorsByConfusion, { 'incorrect→correct': 1 });
  assert.equal(a.flattering.length, 1);
  assert.match(formatAgreement(a), /^decided 3\/4 \(75\.0%\), agreement on decided 2\/3 \(66\.7%\), flattering errors 1$/);
});

test('a flattering error makes the model look better than its label', () => {
  assert.equal(isFlattering('incorrect', 'correct'), true);
  assert.equal(isFlattering('abstained', 'correct'), true);
  assert.equal(isFlattering('unscorable', 'correct'), true);
  assert.equal(isFlattering('incorrect', 'abstained'), true);
  assert.equal(isFlattering('correct', 'incorrect'), false);
  assert.equal(isFlattering('abstained', 'incorrect'), false);
  assert.equal(isFlattering('incorrect', 'unscored'), false);
  assert.ok(Number.isNaN(measureAgreement([g('correct', 'unscored')]).agreementOnDecided));
});
