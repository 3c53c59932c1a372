import { test } from 'node:test';
import assert from 'node:assert/strict';
import { studentTCritical, studentTQuantile, studentTTwoSidedCdf } from './student-t.js';
import { Z_95 } from './proportion.js';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}`);

test('two-sided CDF matches closed forms: ν = 1 (Cauchy), ν = 2, and the normal limit', () => {
  for (const t of [0.3, 1, 2.5, 10]) {
    close(studentTTwoSidedCdf(t, 1), (2 / Math.PI) * Math.atan(t), 1e-15, `ν=1 t=${t}`);
    close(studentTTwoSidedCdf(t, 2), t / Math.sqrt(2 + t * t), 1e-15, `ν=2 t=${t}`);
  }
  close(studentTTwoSidedCdf(Z_95, 200_000), 0.95, 1e-5, 'large ν');
  assert.equal(studentTTwoSidedCdf(0, 7), 0);
  assert.equal(studentTTwoSidedCdf(Infinity, 7), 1);
});

test('97.5% quantiles equal reference values (R qt(0.975, df); @stdlib agrees to 1e-14)', () => {
  const table: [number, number][] = [
    [1, 12.706204736174694], [2, 4.302652729749462], [3, 3.182446305283708], [4, 2.776445105197794],
    [5, 2.570581835636314], [9, 2.262157162798205], [19, 2.0930240544083096], [29, 2.045229642132704],
    [99, 1.9842169515864172], [1000, 1.9623390808264078],
  ];
  for (const [df, q] of table) close(studentTQuantile(0.975, df), q, 1e-11 * q, `df=${df}`);
  close(studentTCritical(0.95, 4), 2.776445105197794, 1e-11, 'critical');
  close(studentTQuantile(0.995, 10), 3.169272672616951, 1e-11, '99.5%, df 10');
  close(studentTQuantile(0.975, 1_000_000), 1.9599663568141068, 1e-8, 'df 1e6 (expansion)');
});

test('quantile is odd in p − ½ and inverts the CDF', () => {
  close(studentTQuantile(0.025, 6), -studentTQuantile(0.975, 6), 0, 'symmetry');
  assert.equal(studentTQuantile(0.5, 3), 0);
  for (const df of [1, 2, 3, 8, 51]) {
    const q = studentTQuantile(0.9, df);
    close(studentTTwoSidedCdf(q, df), 0.8, 1e-13, `round trip df=${df}`);
  }
});

test('invalid input is a RangeError', () => {
  assert.throws(() => studentTQuantile(0.975, 0), RangeError);
  assert.throws(() => studentTQuantile(0.975, 2.5), RangeError);
  assert.throws(() => studentTQuantile(1, 5), RangeError);
  assert.throws(() => studentTCritical(0, 5), RangeError);
  assert.throws(() => studentTTwoSidedCdf(-1, 5), RangeError);
});
