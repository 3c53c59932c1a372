import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Outcome } from '../../core/outcome.js';
import { fScore, hallucinationMetrics, penaltyFor } from './metrics.js';
import { wilson, Z_95 } from '../../metrics/proportion.js';
import { clusteredProportion } from '../../metrics/clustered.js';
import { mulberry32 } from '../../core/seeded-random.js';

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

test('all abstained: accuracy given attempted is undefined, F is 0, overall hallucination rate is 0', () => {
  const m = hallucinationMetrics(outcomes(0, 0, 5));
  assert.equal(m.accuracyGivenAttempted.defined, false);
  assert.ok(Number.isNaN(m.accuracyGivenAttempted.p));
  assert.equal(m.hallucinationRate.givenAttempted.defined, false);
  assert.equal(m.hallucinationRate.overall.p, 0);
  assert.equal(m.fScore, 0);
  // Five declines say little about what the model would score: the interval is not [0, 0].
  const q = Z_95 ** 2 / (5 + Z_95 ** 2);
  for (const p of m.penalised) {
    assert.equal(p.score, 0);
    close(p.lower, -p.penalty * q, `lower t=${p.t}`, 1e-12);
    close(p.upper, q, `upper t=${p.t}`, 1e-12);
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
    assert.ok(Number.isNaN(m.fScoreInterval.lower) && Number.isNaN(m.fScoreInterval.upper));
  }
});

test('custom thresholds and z are honoured', () => {
  const m = hallucinationMetrics(outcomes(5, 5, 0), { thresholds: [0.8], z: 1 });
  assert.equal(m.penalised.length, 1);
  close(m.penalised[0].score, (5 - 5 * 4) / 10, 'score t=0.8', 1e-9);
  assert.deepEqual(m.correct, wilson(5, 10, { z: 1 }));
});

test('all correct, n = 10: penalised intervals are not zero width; t = 0.9 reaches below 0', () => {
  const m = hallucinationMetrics(outcomes(10, 0, 0));
  const q = Z_95 ** 2 / (10 + Z_95 ** 2);
  for (const p of m.penalised) {
    assert.equal(p.score, 1);
    assert.equal(p.upper, 1);
    close(p.lower, 1 - q * (1 + p.penalty), `lower t=${p.t}`, 1e-12);
    assert.equal(p.method, 'cluster-robust-t-floored');
  }
  assert.ok(m.penalised[3].lower < -1, 'ten right answers do not rule out a rate of wrong ones that costs more than it earns at t = 0.9');
  assert.equal(m.fScore, 1);
  assert.equal(m.fScoreInterval.upper, 1);
  assert.ok(m.fScoreInterval.lower > 0.5 && m.fScoreInterval.lower < 1, String(m.fScoreInterval.lower));
});

test('F-score interval: brackets F, equals the accuracy interval shape when nothing is declined, narrows with n', () => {
  const m = hallucinationMetrics(outcomes(30, 12, 8));
  assert.ok(m.fScoreInterval.lower < m.fScore && m.fScore < m.fScoreInterval.upper);
  // No abstention: F = accuracy, and θ is inside exactly when 0 is inside the interval of 2·[correct] − 2θ.
  const noDecline = hallucinationMetrics(outcomes(14, 6, 0));
  close(noDecline.fScore, 0.7, 'F');
  const big = hallucinationMetrics(outcomes(140, 60, 0));
  assert.ok(big.fScoreInterval.upper - big.fScoreInterval.lower < (noDecline.fScoreInterval.upper - noDecline.fScoreInterval.lower) / 2);
});

/** Outcomes of `n` samples × `epochs`, each sample's rates drawn from `item`; returns outcomes and their sample ids. */
function simulate(random: () => number, n: number, epochs: number, item: () => [number, number]): { outcomes: Outcome[]; clusters: number[] } {
  const out: Outcome[] = [];
  const clusters: number[] = [];
  for (let s = 0; s < n; s++) {
    const [pc, pi] = item();
    for (let e = 0; e < epochs; e++) {
      const u = random();
      out.push(u < pc ? 'correct' : u < pc + pi ? 'incorrect' : 'abstained');
      clusters.push(s);
    }
  }
  return { outcomes: out, clusters };
}

/** Whether each of penalised t = 0.5, t = 0.9 and F holds the truth, for one set of outcomes. */
function holds(m: ReturnType<typeof hallucinationMetrics>, pc: number, pi: number): [boolean, boolean, boolean] {
  const f = (2 * pc) / (1 + pc + pi);
  const [p05, p09] = m.penalised;
  const inside = (lo: number, x: number, hi: number) => lo <= x + 1e-12 && x - 1e-12 <= hi;
  return [inside(p05.lower, pc - pi, p05.upper), inside(p09.lower, pc - 9 * pi, p09.upper), inside(m.fScoreInterval.lower, f, m.fScoreInterval.upper)];
}

const logFactorial = (n: number) => { let s = 0; for (let i = 2; i <= n; i++) s += Math.log(i); return s; };

test('exact coverage at small n (every multinomial outcome weighed by its probability): at least 93%', () => {
  // 10 samples near the boundary (95% right, 2% wrong); 40 samples with many declines (50% right, 20% wrong).
  for (const [n, pc, pi] of [[10, 0.95, 0.02], [40, 0.5, 0.2]]) {
    const pa = 1 - pc - pi;
    const covered = [0, 0, 0];
    for (let c = 0; c <= n; c++) {
      for (let i = 0; i <= n - c; i++) {
        const a = n - c - i;
        const prob = Math.exp(logFactorial(n) - logFactorial(c) - logFactorial(i) - logFactorial(a) + c * Math.log(pc) + i * Math.log(pi) + a * Math.log(pa));
        holds(hallucinationMetrics(outcomes(c, i, a), { thresholds: [0.5, 0.9] }), pc, pi).forEach((h, j) => { if (h) covered[j] += prob; });
      }
    }
    // Measured: n = 10: 0.9999 for all three; n = 40: 0.950, 0.931, 0.952 (t = 0.9 is the skewed case: a wrong answer costs 9).
    covered.forEach((c, j) => assert.ok(c >= 0.93, `n=${n} ${['t=0.5', 't=0.9', 'F'][j]}: ${c}`));
  }
});

test('coverage by simulation, 20 samples × 5 epochs with item difficulty varying: at least 93%', () => {
  const random = mulberry32(31);
  // 60% easy items (0.95 right, 0.02 wrong), 40% hard (0.3 right, 0.4 wrong).
  const pc = 0.6 * 0.95 + 0.4 * 0.3;
  const pi = 0.6 * 0.02 + 0.4 * 0.4;
  const reps = 600;
  const hits = [0, 0, 0];
  for (let r = 0; r < reps; r++) {
    const { outcomes: o, clusters } = simulate(random, 20, 5, () => (random() < 0.6 ? [0.95, 0.02] : [0.3, 0.4]));
    holds(hallucinationMetrics(o, { thresholds: [0.5, 0.9], clusters }), pc, pi).forEach((h, j) => { if (h) hits[j]++; });
  }
  hits.forEach((h, j) => assert.ok(h / reps >= 0.93, `${['t=0.5', 't=0.9', 'F'][j]}: ${h / reps}`));
});

test('clusters: with K epochs per sample the proportions use the clustered interval; one outcome per sample keeps Wilson', () => {
  const o = outcomes(12, 6, 2);
  const clusters = o.map((_, i) => Math.floor(i / 4)); // 5 samples × 4 epochs
  const m = hallucinationMetrics(o, { clusters });
  const expected = clusteredProportion(o.map((x, i) => ({ cluster: clusters[i], value: x === 'correct' ? 1 : 0 })));
  assert.equal(m.correct.lower, expected.lower);
  assert.equal(m.correct.upper, expected.upper);
  assert.equal(m.correct.k, 12);
  const singletons = hallucinationMetrics(o, { clusters: o.map((_, i) => i) });
  assert.deepEqual(singletons.correct, wilson(12, 20));
  assert.throws(() => hallucinationMetrics(o, { clusters: [1, 2] }), RangeError);
});
