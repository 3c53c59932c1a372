import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalQuantile, wilson, Z_95 } from './proportion.js';

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

// Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no continuity correction).
const NEWCOMBE: [number, number, number, number][] = [
  [81, 263, 0.2553, 0.3662],
  [15, 148, 0.0624, 0.1605],
  [0, 20, 0.0, 0.1611],
  [1, 29, 0.0061, 0.1718],
  [29, 29, 0.883, 1.0],
];

for (const [k, n, lower, upper] of NEWCOMBE) {
  test(`Wilson ${k}/${n} matches Newcombe 1998 to 4 decimals`, () => {
    const r = wilson(k, n);
    assert.equal(r.defined, true);
    close(r.p, k / n, 1e-15, 'p');
    close(r.lower, lower, 5e-5, 'lower');
    close(r.upper, upper, 5e-5, 'upper');
  });
}

test('Wilson closed forms: k = 0 gives [0, z²/(n+z²)], k = n gives [n/(n+z²), 1]', () => {
  const z2 = Z_95 * Z_95;
  const zero = wilson(0, 10);
  assert.equal(zero.lower, 0);
  close(zero.upper, z2 / (10 + z2), 1e-12, 'upper');
  const all = wilson(10, 10);
  assert.equal(all.upper, 1);
  close(all.lower, 10 / (10 + z2), 1e-12, 'lower');
});

test('Wilson is symmetric: the interval for k/n mirrors n-k/n', () => {
  const a = wilson(3, 17);
  const b = wilson(14, 17);
  close(a.lower, 1 - b.upper, 1e-12, 'lower');
  close(a.upper, 1 - b.lower, 1e-12, 'upper');
});

test('z is configurable, directly or as a confidence level; wider for larger z', () => {
  const z99 = wilson(81, 263, { confidence: 0.99 });
  const direct = wilson(81, 263, { z: 2.5758293035489 });
  close(z99.lower, direct.lower, 1e-8, 'lower');
  assert.ok(z99.lower < wilson(81, 263).lower && z99.upper > wilson(81, 263).upper);
  // Hand-computed for z = 1: centre (p + 1/2n)/(1 + 1/n), half sqrt(p(1-p)/n + 1/4n²)/(1 + 1/n).
  const r = wilson(1, 4, { z: 1 });
  close(r.lower, (0.25 + 0.125 - Math.sqrt(0.046875 + 0.015625)) / 1.25, 1e-12, 'lower z=1');
  close(r.upper, (0.375 + Math.sqrt(0.0625)) / 1.25, 1e-12, 'upper z=1');
});

test('n = 0 does not crash: NaN estimate and bounds, flagged undefined', () => {
  const r = wilson(0, 0);
  assert.equal(r.defined, false);
  assert.ok(Number.isNaN(r.p) && Number.isNaN(r.lower) && Number.isNaN(r.upper));
});

test('invalid counts are rejected', () => {
  assert.throws(() => wilson(5, 4), RangeError);
  assert.throws(() => wilson(-1, 4), RangeError);
  assert.throws(() => wilson(1.5, 4), RangeError);
});

test('normalQuantile matches standard table values', () => {
  close(normalQuantile(0.975), 1.959963984540054, 1e-8, 'q.975');
  close(normalQuantile(0.995), 2.5758293035489, 1e-8, 'q.995');
  close(normalQuantile(0.5), 0, 1e-12, 'q.5');
  close(normalQuantile(0.01), -2.3263478740408408, 1e-8, 'q.01');
  assert.throws(() => normalQuantile(1), RangeError);
});
