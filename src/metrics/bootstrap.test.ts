import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapInterval, mulberry32, quantile } from './bootstrap.js';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('mulberry32 is deterministic per seed, differs across seeds, and stays in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.notEqual(xs[0], c());
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  // Roughly uniform: the mean of 1000 draws is near 0.5.
  assert.ok(Math.abs(mean(xs) - 0.5) < 0.05);
});

test('quantile interpolates linearly (type 7)', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([10, 20], 0.25), 12.5);
  assert.equal(quantile([7], 0.9), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('same seed, same interval; different seed, different interval', () => {
  // Continuous values, so two seeds' percentiles cannot tie by coincidence of a discrete grid.
  const data = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 10);
  const one = bootstrapInterval(data, mean, { seed: 7 });
  const two = bootstrapInterval(data, mean, { seed: 7 });
  const other = bootstrapInterval(data, mean, { seed: 8, resamples: 1000 });
  assert.deepEqual(one, two);
  assert.equal(one.resamples, 1000);
  assert.ok(one.lower !== other.lower || one.upper !== other.upper);
});

test('the interval brackets the estimate and is close to the normal-theory width for a mean of 0/1 data', () => {
  const data = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // p = 0.25
  const { lower, upper } = bootstrapInterval(data, mean, { seed: 1, resamples: 2000 });
  assert.ok(lower < 0.25 && 0.25 < upper);
  const halfWidth = 1.96 * Math.sqrt((0.25 * 0.75) / 400); // ≈ 0.0424
  assert.ok(Math.abs((upper - lower) / 2 - halfWidth) < 0.01, `${lower}..${upper}`);
});

test('constant data gives a zero-width interval; empty data gives NaN', () => {
  const c = bootstrapInterval([3, 3, 3], mean);
  assert.equal(c.lower, 3);
  assert.equal(c.upper, 3);
  const e = bootstrapInterval([], mean);
  assert.ok(Number.isNaN(e.lower) && Number.isNaN(e.upper));
});

test('NaN statistics are left out and counted', () => {
  const r = bootstrapInterval([0, 1], (xs) => (xs[0] === 0 ? NaN : 1), { seed: 3, resamples: 200 });
  assert.ok(r.undefinedResamples > 0 && r.undefinedResamples < 200);
  assert.equal(r.lower, 1);
});

test('bad options are rejected', () => {
  assert.throws(() => bootstrapInterval([1], mean, { resamples: 0 }), RangeError);
  assert.throws(() => bootstrapInterval([1], mean, { confidence: 1 }), RangeError);
});
