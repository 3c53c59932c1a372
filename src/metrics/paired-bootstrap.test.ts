import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mean, pairedBootstrap } from './paired-bootstrap.js';
import { bootstrapInterval } from './bootstrap.js';
import { mulberry32 } from '../core/seeded-random.js';

test('the difference of means is exact; the interval brackets it; seeded and reproducible', () => {
  const a = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0];
  const b = [1, 0, 0, 1, 0, 0, 1, 0, 1, 0];
  const one = pairedBootstrap(a, b, { seed: 3 });
  assert.ok(Math.abs(one.difference - 0.3) < 1e-12);
  assert.equal(one.statisticA, 0.7);
  assert.equal(one.statisticB, 0.4);
  assert.ok(one.lower <= 0.3 && 0.3 <= one.upper);
  assert.deepEqual(pairedBootstrap(a, b, { seed: 3 }), one);
  assert.equal(one.defined, true);
});

test('for the mean, the paired interval equals the ordinary bootstrap of per-sample differences', () => {
  // Same seed, same index draws: mean(a[I]) − mean(b[I]) = mean((a − b)[I]).
  const random = mulberry32(11);
  const a = Array.from({ length: 40 }, () => random());
  const b = a.map((x) => x - 0.1 + random() * 0.05);
  const paired = pairedBootstrap(a, b, { seed: 5, resamples: 500 });
  const plain = bootstrapInterval(a.map((x, i) => x - b[i]), mean, { seed: 5, resamples: 500 });
  assert.ok(Math.abs(paired.lower - plain.lower) < 1e-12);
  assert.ok(Math.abs(paired.upper - plain.upper) < 1e-12);
});

test('pairing removes shared per-sample difficulty: far narrower than treating the models as independent', () => {
  const random = mulberry32(2);
  // Sample difficulty varies a lot; model A is uniformly 0.05 better.
  const difficulty = Array.from({ length: 100 }, () => random() * 10);
  const a = difficulty.map((d) => d + 0.05 + (random() - 0.5) * 0.01);
  const b = difficulty;
  const paired = pairedBootstrap(a, b, { seed: 1 });
  const widthA = bootstrapInterval(a, mean, { seed: 1 });
  assert.ok(paired.upper - paired.lower < (widthA.upper - widthA.lower) / 20);
  assert.ok(paired.lower > 0);
  assert.equal(paired.pValue, 0); // no resample reached 0
});

test('p-value: identical models give 1; a clear difference gives a small p; a noisy null is not small', () => {
  const same = pairedBootstrap([1, 0, 1, 1], [1, 0, 1, 1]);
  assert.equal(same.pValue, 1);
  assert.equal(same.lower, 0);
  assert.equal(same.upper, 0);
  const random = mulberry32(9);
  const noise = Array.from({ length: 200 }, () => (random() < 0.5 ? 1 : 0));
  const noise2 = Array.from({ length: 200 }, () => (random() < 0.5 ? 1 : 0));
  const nullCase = pairedBootstrap(noise, noise2, { seed: 4 });
  assert.ok(nullCase.pValue > 0.05, String(nullCase.pValue));
  const better = noise.map(() => 1);
  assert.ok(pairedBootstrap(better, noise2).pValue < 0.01);
});

test('a custom statistic (median) is used for both the point estimate and the resamples', () => {
  const median = (xs: readonly number[]) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const r = pairedBootstrap([5, 1, 9, 3, 7], [1, 1, 1, 1, 100], { statistic: median });
  assert.equal(r.statisticA, 5);
  assert.equal(r.statisticB, 1);
  assert.equal(r.difference, 4);
});

test('n = 0: NaN + flag, no throw', () => {
  const r = pairedBootstrap([], []);
  assert.equal(r.defined, false);
  assert.ok(Number.isNaN(r.difference) && Number.isNaN(r.lower) && Number.isNaN(r.pValue));
});

test('invalid input is a RangeError', () => {
  assert.throws(() => pairedBootstrap([1], [1, 0]), RangeError);
  assert.throws(() => pairedBootstrap([NaN], [1]), RangeError);
  assert.throws(() => pairedBootstrap([1], [1], { resamples: 0 }), RangeError);
  assert.throws(() => pairedBootstrap([1], [1], { confidence: 1 }), RangeError);
});
