import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactSignFlipP, pairedTest } from './paired-test.js';
import { pairedBootstrap } from './paired-bootstrap.js';
import { mcnemarExact } from './mcnemar.js';
import { mulberry32 } from '../core/seeded-random.js';

const close = (actual: number, expected: number, tol = 1e-12) => assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

test('exact sign-flip p against hand enumeration', () => {
  // ±1 ±2 ±3: sums 6, 4, 2, 0, 0, −2, −4, −6 → |s| ≥ 6 twice in 8.
  close(exactSignFlipP([1, 2, 3]), 2 / 8);
  // ±3 ±1 ±2 with observed 3 − 1 + 2 = 4: |s| ∈ {6, 2, 4, 0, 0, 4, 2, 6} → four are ≥ 4.
  close(exactSignFlipP([3, -1, 2]), 4 / 8);
  close(exactSignFlipP([1, 1, 1, 1, 1]), 2 / 32);
  close(exactSignFlipP([0.1, 0.2, -0.3]), 1); // observed 0 (in floating point, 2.8e-17): every sum is as extreme
  close(exactSignFlipP([]), 1);
});

test('n = 1: p is 1, whatever the difference; n = 5 all one way: p = 1/16, not "significant"', () => {
  const one = pairedTest([1], [-9]);
  assert.equal(one.test, 'sign-flip-exact');
  assert.equal(one.pValue, 1);
  assert.equal(one.n, 1);
  const five = pairedTest([1, 1, 1, 1, 1], [0, -3, 0, -3, 0]);
  close(five.pValue, 2 / 32);
  close(five.difference, 1 + 6 / 5);
  // The bootstrap this replaces called both significant.
  assert.ok(pairedBootstrap([1], [-9]).pValue < 0.01);
});

test('zero differences are left out of the enumeration; they do not change p', () => {
  const r = pairedTest([1, 0, 0, 1, 3, 3], [0, 0, -3, 1, 3, 0]);
  assert.equal(r.nonzero, 3);
  close(r.pValue, exactSignFlipP([1, 3, 3]));
});

test('0/1 outcomes use exact McNemar, which is the sign-flip test on discordant pairs', () => {
  const a = [1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1];
  const b = [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0];
  const r = pairedTest(a, b);
  assert.equal(r.test, 'mcnemar-exact');
  assert.deepEqual(r.discordant, { onlyA: 7, onlyB: 1 });
  close(r.pValue, mcnemarExact(7, 1).pValue);
  close(r.pValue, exactSignFlipP([1, 1, 1, 1, 1, 1, 1, -1]));
  // Exact at any n: 300 pairs are still McNemar, not resampled.
  const big = pairedTest(Array(300).fill(1), Array(300).fill(0));
  assert.equal(big.test, 'mcnemar-exact');
});

test('above 20 non-zero pairs: seeded Monte Carlo, p = (1 + extreme)/(1 + R), never 0', () => {
  const a = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 0.5 : 1));
  const b = Array(30).fill(0);
  const r = pairedTest(a, b, { resamples: 999, seed: 4 });
  assert.equal(r.test, 'sign-flip-monte-carlo');
  assert.equal(r.pValue, 1 / 1000); // no random sign assignment is as extreme as all positive
  assert.deepEqual(pairedTest(a, b, { resamples: 999, seed: 4 }), r);
  // The threshold is a setting: the same data enumerated exactly when allowed.
  const small = pairedTest(a.slice(0, 12), b.slice(0, 12), { exactUpTo: 12 });
  assert.equal(small.test, 'sign-flip-exact');
  close(small.pValue, 2 / 4096);
});

/** Null: both models draw from the same three-valued score (1, 0, −3) per pair. */
function nullRejectionRate(n: number, reps: number, seed: number, p: (a: number[], b: number[]) => number): number {
  const random = mulberry32(seed);
  const draw = () => { const u = random(); return u < 0.5 ? 1 : u < 0.8 ? 0 : -3; };
  let rejected = 0;
  for (let r = 0; r < reps; r++) {
    const a = Array.from({ length: n }, draw);
    const b = Array.from({ length: n }, draw);
    if (p(a, b) <= 0.05) rejected++;
  }
  return rejected / reps;
}

test('type I error at α = 0.05 stays at or below 0.05 (n = 5 and 8 exact, n = 40 Monte Carlo); the bootstrap did not', () => {
  const n5 = nullRejectionRate(5, 2000, 1, (a, b) => pairedTest(a, b).pValue);
  const n8 = nullRejectionRate(8, 2000, 2, (a, b) => pairedTest(a, b).pValue);
  const n40 = nullRejectionRate(40, 400, 3, (a, b) => pairedTest(a, b, { resamples: 499 }).pValue);
  // 3 Monte Carlo standard errors of slack at 0.05: 0.015 for 2000 runs, 0.033 for 400.
  assert.ok(n5 <= 0.065, `n=5: ${n5}`);
  assert.ok(n8 <= 0.065, `n=8: ${n8}`);
  assert.ok(n40 <= 0.083, `n=40: ${n40}`);
  const bootstrap = nullRejectionRate(5, 400, 1, (a, b) => pairedBootstrap(a, b, { resamples: 200 }).pValue);
  assert.ok(bootstrap > 0.08, `bootstrap at n = 5 rejected ${bootstrap}`);
});

test('with bounds, an interval for the mean difference that is honest at n = 1', () => {
  const r = pairedTest([1], [1], { bounds: [-9, 1] });
  assert.ok(r.interval && r.interval.defined === false); // one pair: no spread to estimate
  const s = pairedTest([1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1], { bounds: [-9, 1] });
  assert.ok(s.interval!.lower < 0 && s.interval!.upper > 0, 'identical answers still leave room for a difference');
  assert.equal(s.pValue, 1);
});

test('n = 0 and bad input', () => {
  const r = pairedTest([], []);
  assert.equal(r.defined, false);
  assert.ok(Number.isNaN(r.pValue));
  assert.throws(() => pairedTest([1], [1, 0]), RangeError);
  assert.throws(() => pairedTest([NaN], [1]), RangeError);
  assert.throws(() => pairedTest([1], [1], { exactUpTo: 40 }), RangeError);
  assert.throws(() => pairedTest(Array(30).fill(0.5), Array(30).fill(0), { resamples: 0 }), RangeError);
});
