import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fleissKappa, fleissKappaFromRatings } from './fleiss-kappa.js';
import { cohenKappa } from './cohen-kappa.js';

/** Wikipedia "Fleiss' kappa" worked example: 10 items, 14 raters, 5 categories. */
const WIKIPEDIA_TABLE = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

test('Wikipedia worked example: P̄ = 0.378, P̄e = 0.213, kappa = 0.210', () => {
  const r = fleissKappa(WIKIPEDIA_TABLE);
  assert.equal(r.items, 10);
  assert.equal(r.raters, 14);
  assert.deepEqual(r.categoryShares.map((p) => p.toFixed(3)), ['0.143', '0.200', '0.279', '0.150', '0.229']);
  assert.equal(r.observed.toFixed(3), '0.378');
  assert.equal(r.expected.toFixed(3), '0.213');
  assert.equal(r.kappa.toFixed(3), '0.210');
  assert.equal(r.defined, true);
});

test('from raw labels gives the same result as from counts', () => {
  const labels = ['a', 'b', 'c', 'd', 'e'];
  // Expand each row into 14 labels, shuffled in a fixed way so order cannot matter.
  const ratings = WIKIPEDIA_TABLE.map((row) => row.flatMap((c, j) => Array<string>(c).fill(labels[j])).reverse());
  const r = fleissKappaFromRatings(ratings);
  assert.ok(Math.abs(r.kappa - fleissKappa(WIKIPEDIA_TABLE).kappa) < 1e-12);
  assert.equal(r.categories.length, 5);
});

test('hand-computed small case: 3 items, 3 raters', () => {
  // Items: [a,a,a] P=1; [a,a,b] P=(4+1−3)/6=1/3; [b,b,b] P=1. P̄ = 7/9.
  // p_a = 5/9, p_b = 4/9 → P̄e = 41/81. kappa = (7/9 − 41/81)/(1 − 41/81) = (22/81)/(40/81) = 0.55
  const r = fleissKappaFromRatings([['a', 'a', 'a'], ['a', 'a', 'b'], ['b', 'b', 'b']]);
  assert.ok(Math.abs(r.observed - 7 / 9) < 1e-12);
  assert.ok(Math.abs(r.expected - 41 / 81) < 1e-12);
  assert.ok(Math.abs(r.kappa - 0.55) < 1e-12);
});

test('perfect agreement over several categories is 1', () => {
  assert.equal(fleissKappaFromRatings([['x', 'x'], ['y', 'y'], ['x', 'x']]).kappa, 1);
});

test('with two raters it is Scott\'s pi, which equals Cohen\'s kappa when the raters\' marginals match', () => {
  // Scott's pi uses pooled marginals; when both raters have the same marginals it equals Cohen's kappa.
  const a = ['p', 'q', 'p', 'q', 'p', 'p'];
  const b = ['p', 'p', 'q', 'q', 'p', 'p'];
  const fleiss = fleissKappaFromRatings(a.map((x, i) => [x, b[i]]));
  assert.ok(Math.abs(fleiss.kappa - cohenKappa(a, b).kappa) < 1e-12);
  // Different marginals: a says p 3/4, b says p 1/4; p_o = 1/2, pooled p = 1/2 → pi = 0, kappa = 0.2.
  const c = ['p', 'p', 'p', 'q'];
  const d = ['p', 'q', 'q', 'q'];
  const pi = fleissKappaFromRatings(c.map((x, i) => [x, d[i]]));
  assert.ok(Math.abs(pi.kappa - 0) < 1e-12);
  assert.ok(Math.abs(cohenKappa(c, d).kappa - 0.2) < 1e-12);
});

test('every rating in one category: NaN + flag; no items: NaN + flag', () => {
  const one = fleissKappaFromRatings([['safe', 'safe'], ['safe', 'safe']]);
  assert.ok(Number.isNaN(one.kappa));
  assert.equal(one.defined, false);
  assert.equal(one.observed, 1);
  const none = fleissKappa([]);
  assert.equal(none.defined, false);
  assert.ok(Number.isNaN(none.kappa));
});

test('unequal numbers of ratings per item are rejected with a RangeError that points to alpha', () => {
  assert.throws(() => fleissKappaFromRatings([['a', 'b', 'a'], ['a', null, 'b']]), (e: unknown) => e instanceof RangeError && /Krippendorff/.test(e.message));
  assert.throws(() => fleissKappa([[1, 1], [2, 1]]), RangeError);
});

test('other invalid input is a RangeError', () => {
  assert.throws(() => fleissKappa([[1, 0], [1, 0]]), RangeError); // m = 1
  assert.throws(() => fleissKappa([[1, 1], [2]]), RangeError); // ragged
  assert.throws(() => fleissKappa([[1.5, 0.5]]), RangeError);
  assert.throws(() => fleissKappa([[-1, 3]]), RangeError);
});
