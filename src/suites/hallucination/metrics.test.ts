import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Outcome } from '../../core/outcome.js';
import { fScore, hallucinationMetrics, penaltyFor } from './metrics.js';
import { wilson } from '../../metrics/proportion.js';

function outcomes(c: number, i: number, a: number, u = 0): Outcome[] {
  return [
    ...Array<Outcome>(c).fill('correct'),
    ...Array<Outcome>(i).fill('incorrect'),
    ...Array<Outcome>(a).fill('abstained'),
    ...Array<Outcome>(u).fill('unscored'),
  ];
}

const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('counts, proportions and Wilson intervals; unscored excluded from n but reported', () => {
  const m = hallucinationMetrics(outcomes(6, 3, 1, 2));
  assert.equal(m.total, 12);
  assert.equal(m.n, 10);
  assert.equal(m.unscored, 2);
  assert.deepEqual(m.counts, { correct: 6, incorrect: 3, abstained: 1, attempted: 9 });
  assert.deepEqual(m.correct, wilson(6, 10));
  assert.deepEqual(m.incorrect, wilson(3, 10));
  assert.deepEqual(m.abstained, wilson(1, 10));
  assert.deepEqual(m.attempted, wilson(9, 10));
  assert.deepEqual(m.accuracyGivenAttempted, wilson(6, 9));
});

test('F-score is the harmonic mean of correct/n and accuracy given attempted (hand-computed)', () => {
  // correct/n = 0.6, given attempted = 6/9 = 2/3: F = 2·0.6·(2/3) / (0.6 + 2/3) = 0.8 / (19/15) = 12/19.
  const m = hallucinationMetrics(outcomes(6, 3, 1));
  close(m.fScore, 12 / 19, 'F');
  // With nothing abstained both terms are equal and F equals accuracy.
  close(fScore(7, 10, 10), 0.7, 'F no abstention');
});

test('hallucination rate under both definitions, each labelled', () => {
  const m = hallucinationMetrics(outcomes(6, 3, 1));
  close(m.hallucinationRate.overall.p, 0.3, 'overall');
  close(m.hallucinationRate.givenAttempted.p, 3 / 9, 'given attempted');
  assert.deepEqual({ ...m.hallucinationRate.givenAttempted, definition: undefined }, { ...wilson(3, 9), definition: undefined });
  assert.match(m.hallucinationRate.overall.definition, /all scored/);
  assert.match(m.hallucinationRate.givenAttempted.definition, /attempted/);
});

test('penalised scores at t = 0, 0.5, 0.75, 0.9 match (correct − incorrect·t/(1−t)) / n', () => {
  const m = hallucinationMetrics(outcomes(6, 3, 1));
  assert.deepEqual(m.penalised.map((p) => p.t), [0, 0.5, 0.75, 0.9]);
  const expected = [0.6, (6 - 3) / 10, (6 - 9) / 10, (6 - 27) / 10];
  const penalties = [0, 1, 3, 9];
  m.penalised.forEach((p, j) => {
    close(p.penalty, penalties[j], `penalty t=${p.t}`, 1e-9);
    close(p.score, expected[j], `score t=${p.t}`, 1e-9);
    assert.ok(p.lower <= p.score && p.score <= p.upper, `CI brackets score at t=${p.t}`);
  });
  // Wider at higher t: a wrong answer costs more, so the spread grows.
  assert.ok(m.penalised[3].upper - m.penalised[3].lower > m.penalised[0].upper - m.penalised[0].lower);
  assert.equal(m.bootstrap.resamples, 1000);
});

test('penalty factor at t = 0.9 is 9; t outside [0, 1) is rejected', () => {
  close(penaltyFor(0.9), 9, 'penalty', 1e-9);
  close(penaltyFor(0.75), 3, 'penalty', 1e-12);
  assert.throws(() => penaltyFor(1), RangeError);
  assert.throws(() => penaltyFor(-0.1), RangeError);
});

test('bootstrap intervals are reproducible for a seed and change with it', () => {
  const data = outcomes(30, 12, 8);
  const a = hallucinationMetrics(data, { seed: 11 });
  const b = hallucinationMetrics(data, { seed: 11 });
  const c = hallucinationMetrics(data, { seed: 12 });
  assert.deepEqual(a.penalised, b.penalised);
  assert.notDeepEqual(a.penalised.map((p) => [p.lower, p.upper]), c.penalised.map((p) => [p.lower, p.upper]));
});

test('all abstained: accuracy given attempted is undefined, F is 0, overall hallucination rate is 0', () => {
  const m = hallucinationMetrics(outcomes(0, 0, 5));
  assert.equal(m.accuracyGivenAttempted.defined, false);
  assert.ok(Number.isNaN(m.accuracyGivenAttempted.p));
  assert.equal(m.hallucinationRate.givenAttempted.defined, false);
  assert.equal(m.hallucinationRate.overall.p, 0);
  assert.equal(m.fScore, 0);
  for (const p of m.penalised) {
    assert.equal(p.score, 0);
    assert.equal(p.lower, 0);
    assert.equal(p.upper, 0);
  }
});

test('n = 0 (nothing, or only unscored): no crash, everything undefined, unscored still counted', () => {
  for (const input of [[], outcomes(0, 0, 0, 3)]) {
    const m = hallucinationMetrics(input);
    assert.equal(m.n, 0);
    assert.equal(m.unscored, input.length);
    assert.equal(m.correct.defined, false);
    assert.ok(Number.isNaN(m.fScore));
    for (const p of m.penalised) assert.ok(Number.isNaN(p.score) && Number.isNaN(p.lower) && Number.isNaN(p.upper));
  }
});

test('custom thresholds and z are honoured', () => {
  const m = hallucinationMetrics(outcomes(5, 5, 0), { thresholds: [0.8], z: 1 });
  assert.equal(m.penalised.length, 1);
  close(m.penalised[0].score, (5 - 5 * 4) / 10, 'score t=0.8', 1e-9);
  assert.deepEqual(m.correct, wilson(5, 10, { z: 1 }));
});
