import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapDistribution, percentileInterval, twoSidedBootstrapP, type BootstrapDistribution } from './bootstrap-distribution.js';

const dist = (sorted: number[]): BootstrapDistribution => ({ sorted, resamples: sorted.length, seed: 0, undefinedResamples: 0 });

test('two-sided p = 2·min(P(d* ≤ 0), P(d* ≥ 0)), capped at 1', () => {
  assert.equal(twoSidedBootstrapP(dist([-1, 1, 2, 3])), 0.5); // 2·min(1/4, 3/4)
  assert.equal(twoSidedBootstrapP(dist([1, 2, 3, 4, 5])), 0);
  assert.equal(twoSidedBootstrapP(dist([0, 0, 0])), 1); // both sides include 0 → capped
  assert.equal(twoSidedBootstrapP(dist([-2, 0, 1, 2])), 1); // 2·min(2/4, 3/4)
  assert.ok(Number.isNaN(twoSidedBootstrapP(dist([]))));
  // addOne: the observed statistic counts as a resample, so p is never 0.
  assert.equal(twoSidedBootstrapP(dist([1, 2, 3, 4, 5]), { addOne: true }), 2 / 6);
  assert.equal(twoSidedBootstrapP(dist([-1, 1, 2, 3]), { addOne: true }), 0.8); // 2·(1 + 1)/5
});

test('percentile interval uses type-7 quantiles of the sorted distribution', () => {
  const d = dist(Array.from({ length: 101 }, (_, i) => i)); // 0..100
  const { lower, upper } = percentileInterval(d, 0.9);
  assert.ok(Math.abs(lower - 5) < 1e-9 && Math.abs(upper - 95) < 1e-9, `${lower}..${upper}`);
  const half = percentileInterval(dist([0, 10]), 0.5); // quantiles 0.25 and 0.75 of [0, 10]
  assert.deepEqual(half, { lower: 2.5, upper: 7.5 });
  const empty = percentileInterval(dist([]));
  assert.ok(Number.isNaN(empty.lower) && Number.isNaN(empty.upper));
});

test('resampling is seeded, drops NaN statistics, and handles zero units', () => {
  const stat = (idx: readonly number[]) => idx.reduce((s, i) => s + i, 0);
  const one = bootstrapDistribution(5, stat, { seed: 9, resamples: 50 });
  assert.deepEqual(bootstrapDistribution(5, stat, { seed: 9, resamples: 50 }), one);
  assert.equal(one.sorted.length, 50);
  assert.ok(one.sorted.every((x, i) => i === 0 || one.sorted[i - 1] <= x));
  let calls = 0;
  const halfNaN = bootstrapDistribution(3, () => (calls++ % 2 ? NaN : 1), { resamples: 10 });
  assert.equal(halfNaN.undefinedResamples, 5);
  assert.equal(halfNaN.sorted.length, 5);
  const none = bootstrapDistribution(0, stat, { resamples: 7 });
  assert.deepEqual(none.sorted, []);
  assert.equal(none.undefinedResamples, 7);
  assert.throws(() => bootstrapDistribution(-1, stat), RangeError);
  assert.throws(() => bootstrapDistribution(3, stat, { resamples: 1.5 }), RangeError);
});
