import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allCorrect, consistencyRate, epochMean, majority, meanOverSamples, passAtK, passHatK } from './epochs.js';

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

/** Direct binomial coefficient, for checking the product forms. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}

test('pass@k by hand: n = 5, c = 2, k = 2 is 1 − C(3,2)/C(5,2) = 0.7', () => {
  close(passAtK(5, 2, 2), 0.7);
  close(passAtK(5, 2, 1), 0.4); // k = 1 is c/n
  close(passAtK(10, 3, 5), 1 - choose(7, 5) / choose(10, 5)); // 1 − 21/252
  assert.equal(passAtK(5, 4, 2), 1); // n − c < k: every draw of 2 contains a correct one
  assert.equal(passAtK(5, 0, 3), 0);
});

test('pass@k matches the binomial-coefficient definition over a grid', () => {
  for (let n = 1; n <= 12; n++) {
    for (let c = 0; c <= n; c++) {
      for (let k = 1; k <= n; k++) close(passAtK(n, c, k), 1 - choose(n - c, k) / choose(n, k), 1e-12);
    }
  }
  // Large n stays finite (C(200, 100) ≈ 9e58 would lose precision in the direct form).
  const big = passAtK(200, 3, 100);
  close(big, 1 - choose(197, 100) / choose(200, 100), 1e-9);
});

test('pass^k (all k correct) by hand and against C(c, k)/C(n, k)', () => {
  close(passHatK(5, 3, 2), 3 / 10); // C(3,2)/C(5,2)
  assert.equal(passHatK(5, 1, 2), 0);
  assert.equal(passHatK(4, 4, 4), 1);
  for (let n = 1; n <= 10; n++) for (let c = 0; c <= n; c++) for (let k = 1; k <= n; k++) close(passHatK(n, c, k), choose(c, k) / choose(n, k));
  assert.equal(allCorrect([true, true, true]), true);
  assert.equal(allCorrect([true, false, true]), false);
  assert.equal(allCorrect([]), false);
});

test('means over samples', () => {
  const samples = [[true, false, false, true, false], [true, true, true, true, true], [false, false, false, false, false]];
  close(meanOverSamples(samples, 2), (0.7 + 1 + 0) / 3);
  close(meanOverSamples(samples, 2, 'all'), (0.1 + 1 + 0) / 3); // C(2,2)/C(5,2) = 0.1
  assert.ok(Number.isNaN(meanOverSamples([], 1)));
  assert.throws(() => meanOverSamples([[true]], 2), RangeError);
  close(epochMean([1, 0, 0.5, 0.5]), 0.5);
  assert.ok(Number.isNaN(epochMean([])));
});

test('majority: clear winner; ties by first-seen (default), none, or a custom rule', () => {
  assert.deepEqual(majority(['refused', 'complied', 'refused']), { label: 'refused', count: 2, tie: false, tied: ['refused'] });
  const tie = ['complied', 'refused', 'refused', 'complied'];
  assert.equal(majority(tie).label, 'complied');
  assert.equal(majority(tie).tie, true);
  assert.deepEqual(majority(tie).tied, ['complied', 'refused']);
  assert.equal(majority(['refused', 'complied'], { onTie: 'first-seen' }).label, 'refused');
  assert.equal(majority(tie, { onTie: 'none' }).label, undefined);
  const cautious = (tied: readonly string[]) => (tied.includes('complied') ? 'complied' : tied[0]);
  assert.equal(majority(['refused', 'complied'], { onTie: cautious }).label, 'complied');
  assert.throws(() => majority(tie, { onTie: () => 'other' }), RangeError);
  assert.deepEqual(majority([]), { label: undefined, count: 0, tie: false, tied: [] });
  assert.equal(majority([1, 0, 1, 1, 0]).label, 1);
});

test('consistency rate: share of samples whose epochs all agree, single-epoch samples excluded', () => {
  const r = consistencyRate([
    ['a', 'a', 'a'],
    ['a', 'b', 'a'],
    [true, true],
    [1, 1, 1, 1],
    ['only one epoch'],
  ]);
  assert.equal(r.k, 3);
  assert.equal(r.n, 4);
  assert.equal(r.excluded, 1);
  close(r.p, 0.75);
  assert.ok(r.lower < 0.75 && r.upper > 0.75);
  const none = consistencyRate([['x']]);
  assert.equal(none.defined, false);
  assert.ok(Number.isNaN(none.p));
});

test('invalid input is a RangeError', () => {
  assert.throws(() => passAtK(5, 6, 1), RangeError);
  assert.throws(() => passAtK(5, 2, 0), RangeError);
  assert.throws(() => passAtK(5, 2, 6), RangeError);
  assert.throws(() => passAtK(5.5, 2, 1), RangeError);
  assert.throws(() => passHatK(3, -1, 1), RangeError);
  assert.throws(() => epochMean([1, NaN]), RangeError);
  assert.throws(() => majority([NaN]), RangeError);
});
