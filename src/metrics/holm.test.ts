import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holm } from './holm.js';

const closeAll = (actual: number[], expected: number[], tol = 1e-12) =>
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `at ${i}: expected ${expected[i]}, got ${a}`));

test('Wikipedia worked example: p = (0.01, 0.04, 0.03, 0.005), alpha = 0.05 rejects H1 and H4', () => {
  // Sorted 0.005 ≤ 0.05/4 ✓, 0.01 ≤ 0.05/3 ✓, 0.03 > 0.05/2 ✗ → stop.
  // Adjusted: 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.04, 0.06) = 0.06 (R p.adjust gives the same).
  const r = holm([0.01, 0.04, 0.03, 0.005]);
  closeAll(r.adjusted, [0.03, 0.06, 0.06, 0.02]);
  assert.deepEqual(r.significant, [true, false, false, true]);
  assert.equal(r.m, 4);
});

test('adjusted values are monotone in p, at least p, and capped at 1', () => {
  const ps = [0.9, 0.2, 0.001, 0.5, 0.04, 0.3];
  const r = holm(ps);
  const sorted = ps.map((p, i) => ({ p, a: r.adjusted[i] })).sort((x, y) => x.p - y.p);
  for (let k = 1; k < sorted.length; k++) assert.ok(sorted[k].a >= sorted[k - 1].a);
  r.adjusted.forEach((a, i) => assert.ok(a >= ps[i] && a <= 1));
  // By hand: sorted 0.001·6 = 0.006, 0.04·5 = 0.2, 0.2·4 = 0.8, 0.3·3 = 0.9, 0.5·2 = 1 (cap), 0.9·1 → 1 (running max).
  closeAll(r.adjusted, [1, 0.8, 0.006, 1, 0.2, 0.9]);
  assert.deepEqual(r.significant, [false, false, true, false, false, false]);
});

test('the step-down stops at the first non-rejection even if a later raw p is small enough on its own', () => {
  // m = 3: 0.01 ≤ 0.05/3 ✓; 0.03 > 0.05/2 ✗ → 0.04 is not rejected although 0.04 ≤ 0.05/1.
  const r = holm([0.04, 0.01, 0.03]);
  assert.deepEqual(r.significant, [false, true, false]);
  closeAll(r.adjusted, [0.06, 0.03, 0.06]);
});

test('ties, a single test, an empty list, NaN entries', () => {
  closeAll(holm([0.02, 0.02]).adjusted, [0.04, 0.04]);
  closeAll(holm([0.02]).adjusted, [0.02]);
  assert.deepEqual(holm([]).adjusted, []);
  const withNaN = holm([0.01, NaN, 0.04]);
  assert.equal(withNaN.m, 2);
  assert.ok(Number.isNaN(withNaN.adjusted[1]));
  assert.equal(withNaN.significant[1], false);
  closeAll([withNaN.adjusted[0], withNaN.adjusted[2]], [0.02, 0.04]);
});

test('a stricter alpha changes only the significance flags', () => {
  const r = holm([0.01, 0.04, 0.03, 0.005], 0.025);
  closeAll(r.adjusted, [0.03, 0.06, 0.06, 0.02]);
  assert.deepEqual(r.significant, [false, false, false, true]);
});

test('invalid input is a RangeError', () => {
  assert.throws(() => holm([1.2]), RangeError);
  assert.throws(() => holm([-0.1]), RangeError);
  assert.throws(() => holm([0.1], 0), RangeError);
  assert.throws(() => holm([0.1], 1), RangeError);
});
