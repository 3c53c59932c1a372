import { test } from 'node:test';
import assert from 'node:assert/strict';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { fleissKappaFromRatings } from './fleiss-kappa.js';

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers
 * (A-D) × 12 units, values 1-5, missing marked null. Given there by observer; here by unit.
 */
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const KRIPPENDORFF_2011 = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

test('Krippendorff (2011) example, nominal: alpha = 0.743, n = 40 pairable values', () => {
  const r = krippendorffAlpha(KRIPPENDORFF_2011, 'nominal');
  assert.equal(r.alpha.toFixed(3), '0.743');
  assert.equal(r.pairableValues, 40);
  assert.equal(r.units, 11);
  assert.equal(r.unpairableUnits, 1); // unit 12 has one value
  // Published marginals n_1..n_5 = 9, 13, 10, 5, 3 and coincidence o_11 = 7.
  assert.deepEqual(r.values, [1, 2, 3, 4, 5]);
  assert.deepEqual(r.coincidences.map((row) => Math.round(row.reduce((s, x) => s + x, 0) * 1e9) / 1e9), [9, 13, 10, 5, 3]);
  assert.ok(Math.abs(r.coincidences[0][0] - 7) < 1e-12);
  // The paper's closed form: α = ((n−1)Σo_cc − Σn_c(n_c−1)) / (n(n−1) − Σn_c(n_c−1)).
  const diagonal = r.coincidences.reduce((s, row, c) => s + row[c], 0);
  const chance = [9, 13, 10, 5, 3].reduce((s, nc) => s + nc * (nc - 1), 0);
  assert.ok(Math.abs(r.alpha - (39 * diagonal - chance) / (40 * 39 - chance)) < 1e-12);
});

test('Krippendorff (2011) example, other metrics: ordinal 0.815, interval 0.849, ratio 0.797', () => {
  assert.equal(krippendorffAlpha(KRIPPENDORFF_2011, 'ordinal').alpha.toFixed(3), '0.815');
  assert.equal(krippendorffAlpha(KRIPPENDORFF_2011, 'interval').alpha.toFixed(3), '0.849');
  assert.equal(krippendorffAlpha(KRIPPENDORFF_2011, 'ratio').alpha.toFixed(3), '0.797');
});

test('string labels work for nominal data, and label spelling does not change alpha', () => {
  const names = ['', 'one', 'two', 'three', 'four', 'five'];
  const asText = KRIPPENDORFF_2011.map((unit) => unit.map((v) => (v === null ? null : names[v])));
  assert.ok(Math.abs(krippendorffAlpha(asText).alpha - krippendorffAlpha(KRIPPENDORFF_2011).alpha) < 1e-12);
});

test('two coders, no missing data: alpha = 1 − (1 − π)(2N − 1)/(2N), Scott\'s pi with a sample-size correction', () => {
  // 4 units (p,p) (p,q) (q,p) (q,q): n = 8, o_pp = o_qq = 2, o_pq = o_qp = 2, n_p = n_q = 4.
  // α = ((n−1)·Σo_cc − Σn_c(n_c−1)) / (n(n−1) − Σn_c(n_c−1)) = (7·4 − 24)/(56 − 24) = 0.125; π = 0.
  const r = krippendorffAlpha([['p', 'p'], ['p', 'q'], ['q', 'p'], ['q', 'q']]);
  assert.ok(Math.abs(r.alpha - 0.125) < 1e-12);
  // Same identity on a larger, uneven panel, with pi from Fleiss' kappa (which is Scott's pi for two raters).
  const units = Array.from({ length: 30 }, (_, i) => (i % 7 === 0 ? ['x', 'y'] : i % 3 ? ['x', 'x'] : ['y', 'z']));
  const pi = fleissKappaFromRatings(units).kappa;
  const twoN = 60;
  assert.ok(Math.abs(krippendorffAlpha(units).alpha - (1 - ((1 - pi) * (twoN - 1)) / twoN)) < 1e-12);
});

test('perfect agreement is 1 even with missing data; single-value units are ignored', () => {
  const r = krippendorffAlpha([[1, 1, null], [2, null, 2], [3, 3, 3], [4, null, null]]);
  assert.equal(r.alpha, 1);
  assert.equal(r.unpairableUnits, 1);
});

test('one value everywhere, or no pairable unit: NaN + flag, no throw', () => {
  const same = krippendorffAlpha([['safe', 'safe'], ['safe', 'safe', null]]);
  assert.ok(Number.isNaN(same.alpha));
  assert.equal(same.defined, false);
  assert.match(same.reason ?? '', /equal/);
  const none = krippendorffAlpha([['a', null], [null, 'b']]);
  assert.equal(none.defined, false);
  assert.equal(none.pairableValues, 0);
  assert.ok(Number.isNaN(none.alpha));
  assert.equal(krippendorffAlpha([]).defined, false);
});

test('invalid input is a RangeError', () => {
  assert.throws(() => krippendorffAlpha([['a', 'b']], 'interval'), RangeError);
  assert.throws(() => krippendorffAlpha([[1, -2]], 'ratio'), RangeError);
  assert.throws(() => krippendorffAlpha([[1, NaN]]), RangeError);
  assert.throws(() => krippendorffAlpha([[1, 2]], 'cosine' as never), RangeError);
});
