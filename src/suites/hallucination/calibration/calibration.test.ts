import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrationStats, type HumanLabel } from './calibration.js';
import type { Outcome } from '../../../core/outcome.js';

test('accuracy, kappa and the confusion matrix against hand-computed values; unscored counted apart', () => {
  const human: HumanLabel[] = ['correct', 'correct', 'correct', 'incorrect', 'incorrect', 'abstained', 'abstained', 'abstained'];
  const judge: Outcome[] = ['correct', 'correct', 'incorrect', 'incorrect', 'correct', 'abstained', 'abstained', 'unscored'];
  const s = calibrationStats(human, judge);
  assert.equal(s.n, 8);
  assert.equal(s.unscored, 1);
  assert.equal(s.scored, 7);
  assert.equal(s.accuracy.k, 5);
  assert.equal(s.accuracy.p, 5 / 7);
  // rows human (correct, incorrect, abstained), columns judge
  assert.deepEqual(s.confusion, [[2, 1, 0], [1, 1, 0], [0, 0, 2]]);
  // p_o = 5/7 = 35/49; p_e = (3·3 + 2·2 + 2·2)/49 = 17/49; κ = 18/32
  assert.ok(Math.abs(s.kappa.kappa - 18 / 32) < 1e-12, String(s.kappa.kappa));
  assert.equal(s.kappa.n, 7);
});

test('a judge that never grades has no accuracy and no kappa, rather than zeros', () => {
  const s = calibrationStats(['correct', 'incorrect'], ['unscored', 'unscored']);
  assert.equal(s.unscored, 2);
  assert.equal(s.accuracy.defined, false);
  assert.equal(s.kappa.defined, false);
  assert.deepEqual(s.confusion, [[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
});

test('perfect agreement is kappa 1; mismatched lengths are refused', () => {
  const s = calibrationStats(['correct', 'incorrect', 'abstained'], ['correct', 'incorrect', 'abstained']);
  assert.equal(s.kappa.kappa, 1);
  assert.equal(s.accuracy.p, 1);
  assert.throws(() => calibrationStats(['correct'], []), RangeError);
});
