import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohenKappa } from './cohen-kappa.js';

/** Expand a 2×2 table (rows: rater A yes/no; columns: rater B yes/no) into two label arrays. */
function fromTable(yesYes: number, yesNo: number, noYes: number, noNo: number): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  const push = (count: number, x: string, y: string) => { for (let i = 0; i < count; i++) { a.push(x); b.push(y); } };
  push(yesYes, 'yes', 'yes');
  push(yesNo, 'yes', 'no');
  push(noYes, 'no', 'yes');
  push(noNo, 'no', 'no');
  return [a, b];
}

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

test('Wikipedia worked example: 50 grant proposals, p_o = 0.7, p_e = 0.5, kappa = 0.4', () => {
  // A: yes 25 / no 25; B: yes 30 / no 20; both yes 20, both no 15.
  const [a, b] = fromTable(20, 5, 10, 15);
  const r = cohenKappa(a, b);
  assert.equal(r.n, 50);
  close(r.observed, 0.7);
  close(r.expected, 0.5);
  close(r.kappa, 0.4);
  assert.equal(r.defined, true);
});

test('Wikipedia "same p_o, different kappa" examples: 0.1304 and 0.2593', () => {
  // Both tables have p_o = 0.60; the marginals differ.
  const first = cohenKappa(...fromTable(45, 15, 25, 15));
  close(first.observed, 0.6);
  close(first.expected, 0.54);
  close(first.kappa, 0.06 / 0.46);
  assert.equal(first.kappa.toFixed(4), '0.1304');
  const second = cohenKappa(...fromTable(25, 35, 5, 35));
  close(second.expected, 0.46);
  assert.equal(second.kappa.toFixed(4), '0.2593');
});

test('three categories, hand-computed', () => {
  // Pairs: (x,x) (x,y) (y,y) (z,z) (z,x) (y,y)
  const a = ['x', 'x', 'y', 'z', 'z', 'y'];
  const b = ['x', 'y', 'y', 'z', 'x', 'y'];
  // p_o = 4/6; A: x2 y2 z2, B: x2 y3 z1 → p_e = (4 + 6 + 2)/36 = 1/3; kappa = (2/3 − 1/3)/(2/3) = 0.5
  const r = cohenKappa(a, b);
  close(r.observed, 4 / 6);
  close(r.expected, 1 / 3);
  close(r.kappa, 0.5);
  assert.deepEqual(r.categories, ['x', 'y', 'z']);
});

test('missing ratings are dropped pairwise', () => {
  const [a, b] = fromTable(20, 5, 10, 15);
  const withGaps = cohenKappa([...a, null, 'yes', undefined], [...b, 'no', null, 'yes']);
  assert.equal(withGaps.n, 50);
  assert.equal(withGaps.missing, 3);
  close(withGaps.kappa, 0.4);
});

test('perfect agreement over two labels is 1; systematic disagreement is negative', () => {
  assert.equal(cohenKappa([1, 0, 1, 0], [1, 0, 1, 0]).kappa, 1);
  assert.equal(cohenKappa([1, 0, 1, 0], [0, 1, 0, 1]).kappa, -1);
});

test('one shared label throughout: kappa undefined (NaN + flag), no throw', () => {
  const r = cohenKappa(['safe', 'safe', 'safe'], ['safe', 'safe', 'safe']);
  assert.ok(Number.isNaN(r.kappa));
  assert.equal(r.defined, false);
  assert.equal(r.observed, 1);
  assert.match(r.reason ?? '', /single/);
});

test('n = 0 (nothing rated by both): NaN + flag', () => {
  const r = cohenKappa([null, 'a'], ['b', null]);
  assert.equal(r.n, 0);
  assert.equal(r.defined, false);
  assert.ok(Number.isNaN(r.kappa));
  assert.equal(cohenKappa([], []).defined, false);
});

test('invalid input is a RangeError', () => {
  assert.throws(() => cohenKappa(['a'], ['a', 'b']), RangeError);
  assert.throws(() => cohenKappa([NaN], [1]), RangeError);
});
