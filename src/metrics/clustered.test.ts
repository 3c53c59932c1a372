import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusteredMean, clusteredProportion, type ClusteredValue } from './clustered.js';
import { wilson, wilsonBounds, Z_95 } from './proportion.js';
import { studentTCritical } from './student-t.js';
import { binomial } from './binomial.js';
import { mulberry32 } from '../core/seeded-random.js';

const close = (actual: number, expected: number, tol = 1e-12, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} expected ${expected}, got ${actual}`);

/** G clusters of K items: cluster g has k[g] ones. */
function rowsFromCounts(ones: readonly number[], K: number): ClusteredValue[] {
  return ones.flatMap((k, g) => Array.from({ length: K }, (_, e) => ({ cluster: `s${g}`, value: e < k ? 1 : 0 })));
}

test('one item per cluster: the proportion interval is the Wilson interval exactly', () => {
  const rows = [1, 0, 1, 1, 0, 1, 1, 1].map((value, i) => ({ cluster: i, value }));
  const r = clusteredProportion(rows);
  const w = wilson(6, 8);
  assert.equal(r.method, 'wilson');
  assert.deepEqual([r.estimate, r.lower, r.upper, r.designEffect, r.effectiveN], [0.75, w.lower, w.upper, 1, 8]);
});

test('design effect by hand: CR1 variance, shrunk towards the largest design effect by one minority outcome', () => {
  // 4 samples × 3 epochs: ones per sample 3, 3, 0, 0 → p = 0.5, n = 12, fully clustered.
  // Residual sums ±1.5 each: Var_CR1 = 4/3 · 4·2.25 / 144 = 1/12; independent var = 0.25/12 → deff̂ = 4, capped at n/G* = 3.
  // Minority = 6: deff = (6·3 + 3)/7 = 3 → n_eff = 4; Wilson with t(3).
  const r = clusteredProportion(rowsFromCounts([3, 3, 0, 0], 3));
  close(r.designEffect, 3);
  close(r.effectiveN, 4);
  const expected = wilsonBounds(0.5, 4, studentTCritical(0.95, 3));
  close(r.lower, expected.lower);
  close(r.upper, expected.upper);
  assert.equal(r.method, 'wilson-design-effect-t');
  // Independent-looking epochs (each sample 1 or 2 of 3): deff̂ = 4/3·(4·0.25)/(12·0.25) = 4/9 → clamped to 1;
  // minority 6: deff = (6·1 + 3)/7 = 9/7.
  const spread = clusteredProportion(rowsFromCounts([2, 1, 2, 1], 3));
  close(spread.designEffect, 9 / 7);
  assert.ok(spread.upper - spread.lower < r.upper - r.lower);
});

test('all outcomes equal: never zero width; the Wilson interval of G draws with t(G − 1); one failure moves it a little', () => {
  const allCorrect = clusteredProportion(rowsFromCounts(Array(20).fill(5), 5));
  close(allCorrect.effectiveN, 20);
  close(allCorrect.lower, wilsonBounds(1, 20, studentTCritical(0.95, 19)).lower);
  assert.equal(allCorrect.upper, 1);
  close(allCorrect.lower, 0.82, 0.005, 'documented value');
  const oneFailure = clusteredProportion(rowsFromCounts([4, ...Array(19).fill(5)], 5));
  close(oneFailure.lower, 0.87, 0.005, 'documented value');
  const allWrong = clusteredProportion(rowsFromCounts(Array(20).fill(0), 5));
  assert.equal(allWrong.lower, 0);
  close(allWrong.upper, 1 - allCorrect.lower);
});

test('means: one item per cluster is the Student t interval; all equal values get the unseen-value floor', () => {
  const values = [0.2, 0.5, 0.9, 0.4, 0.6];
  const r = clusteredMean(values.map((value, i) => ({ cluster: i, value })), { bounds: [0, 1] });
  const m = 0.52;
  const s2 = values.reduce((s, x) => s + (x - m) ** 2, 0) / 4;
  const half = studentTCritical(0.95, 4) * Math.sqrt(s2 / 5);
  close(r.estimate, m);
  close(r.lower, m - half);
  close(r.upper, m + half);
  assert.equal(r.method, 'cluster-robust-t-floored');
  // Ten samples × 3 epochs all scoring 0 on [−9, 1]: q = z²/(10 + z²), so [−9q, q].
  const flat = clusteredMean(Array.from({ length: 30 }, (_, i) => ({ cluster: i % 10, value: 0 })), { bounds: [-9, 1] });
  const q = Z_95 ** 2 / (10 + Z_95 ** 2);
  close(flat.lower, -9 * q);
  close(flat.upper, q);
  // All at the top bound: [1 − 10q, 1].
  const top = clusteredMean(Array.from({ length: 10 }, (_, i) => ({ cluster: i, value: 1 })), { bounds: [-9, 1] });
  close(top.lower, 1 - 10 * q);
  assert.equal(top.upper, 1);
});

test('means: CR1 by hand for unequal clusters', () => {
  // A: 1, 1, 1 ; B: 0, 0, 1, 0, 0 ; C: 0.5. n = 9, m = 4.5/9 = 0.5.
  // Residual sums: A 1.5, B −1.5, C 0 → Var = 3/2 · 4.5 / 81; t(2).
  const rows = [
    ...[1, 1, 1].map((value) => ({ cluster: 'A', value })),
    ...[0, 0, 1, 0, 0].map((value) => ({ cluster: 'B', value })),
    { cluster: 'C', value: 0.5 },
  ];
  const r = clusteredMean(rows, { bounds: [0, 1] });
  const half = studentTCritical(0.95, 2) * Math.sqrt((1.5 * 4.5) / 81);
  close(r.effectiveClusters, 81 / 35);
  close(r.lower, Math.max(0, 0.5 - half));
  close(r.upper, Math.min(1, 0.5 + half));
});

/** Share of `reps` simulated runs whose interval holds the truth; `draw` returns [rows, truth]. */
function coverage(reps: number, draw: () => ClusteredValue[], truth: number, interval: (rows: ClusteredValue[]) => { lower: number; upper: number }): number {
  let hits = 0;
  for (let i = 0; i < reps; i++) {
    const r = interval(draw());
    if (r.lower <= truth + 1e-12 && truth - 1e-12 <= r.upper) hits++;
  }
  return hits / reps;
}

test('5 epochs, item difficulty varying: pooled Wilson under-covers, the clustered interval does not', () => {
  // 30 items per run, each easy (rate 0.97) with probability 0.7 or hard (0.3): true rate 0.769.
  const random = mulberry32(2024);
  const truth = 0.7 * 0.97 + 0.3 * 0.3;
  const draw = () => rowsFromCounts(Array.from({ length: 30 }, () => binomial(5, random() < 0.7 ? 0.97 : 0.3, random)), 5);
  const reps = 1500;
  const pooled = coverage(reps, draw, truth, (rows) => wilson(rows.filter((r) => r.value === 1).length, rows.length));
  const clustered = coverage(reps, draw, truth, (rows) => clusteredProportion(rows));
  assert.ok(pooled < 0.85, `pooled Wilson covered ${pooled}`);
  assert.ok(clustered >= 0.93, `clustered covered ${clustered}`);
});

test('near the boundary (rate 0.95, items vary, 20 × 5) and with 8 items: coverage at least 93%', () => {
  const random = mulberry32(7);
  for (const G of [8, 20]) {
    // Item rates 0.99 or 0.79 (mean 0.95).
    const draw = () => rowsFromCounts(Array.from({ length: G }, () => binomial(5, random() < 0.8 ? 0.99 : 0.79, random)), 5);
    const c = coverage(1500, draw, 0.8 * 0.99 + 0.2 * 0.79, (rows) => clusteredProportion(rows));
    assert.ok(c >= 0.93, `G=${G}: ${c}`);
  }
});

test('penalised-style scores (1 / 0 / −3) with 5 epochs and varying items: clustered mean covers at least 93%', () => {
  const random = mulberry32(11);
  // Each item answers correctly with 0.9 or 0.4, else wrong with prob 0.5, else declines. Mean score 0.7·(0.9 − 0.15) + 0.3·(0.4 − 0.9) = 0.375.
  const truth = 0.7 * (0.9 - 3 * 0.05) + 0.3 * (0.4 - 3 * 0.3);
  const draw = () => Array.from({ length: 25 }, (_, g) => {
    const pc = random() < 0.7 ? 0.9 : 0.4;
    return Array.from({ length: 5 }, () => ({ cluster: g, value: random() < pc ? 1 : random() < 0.5 ? -3 : 0 }));
  }).flat();
  const c = coverage(1500, draw, truth, (rows) => clusteredMean(rows, { bounds: [-3, 1] }));
  assert.ok(c >= 0.93, String(c));
});

test('fewer than two clusters or no items: NaN + flag; bad input is a RangeError', () => {
  assert.equal(clusteredProportion([]).defined, false);
  const one = clusteredProportion([{ cluster: 'a', value: 1 }, { cluster: 'a', value: 0 }]);
  assert.equal(one.defined, false);
  close(one.estimate, 0.5);
  assert.ok(Number.isNaN(one.lower));
  assert.equal(clusteredMean([{ cluster: 'a', value: 0.3 }], { bounds: [0, 1] }).defined, false);
  // A single 0/1 outcome is a proportion of one draw: Wilson is defined.
  assert.equal(clusteredProportion([{ cluster: 'a', value: 1 }]).defined, true);
  assert.throws(() => clusteredProportion([{ cluster: 'a', value: 0.5 }]), RangeError);
  assert.throws(() => clusteredMean([{ cluster: 'a', value: 2 }], { bounds: [0, 1] }), RangeError);
  assert.throws(() => clusteredMean([{ cluster: 'a', value: 0 }], { bounds: [1, 0] }), RangeError);
  assert.throws(() => clusteredMean([{ cluster: 'a', value: 0 }], undefined as never), RangeError);
  assert.throws(() => clusteredProportion([{ cluster: 'a', value: 1 }], { confidence: 1 }), RangeError);
});
