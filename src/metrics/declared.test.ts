import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricContext, MetricRow } from '../core/measures.js';
import { clusterOf, countMetric, meanMetric, proportionMetric } from './declared.js';

const row = (sampleId: string, epoch: number, outcome: string, value: number | null = null, other?: { outcome: string; value: number | null; details?: Record<string, unknown> }): MetricRow => ({
  sampleId, epoch, groups: {}, outcome, value, human: false,
  scores: { primary: { outcome, value, details: null }, ...(other ? { other: { details: null, ...other } } : {}) },
});
const one: MetricContext = { outcomes: [], epochs: 1 };
const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

const rows = [row('a', 1, 'correct'), row('b', 1, 'incorrect'), row('c', 1, 'correct'), row('d', 1, 'abstained'), row('e', 1, 'unscored')];

test('counts: scored, unscored and total, of the primary scorer or another', () => {
  const value = (which: 'scored' | 'unscored' | 'total', scorer?: string) => (countMetric({ name: 'x', title: 'x', which, scorer }).compute(rows, one)[0].value as { value: number }).value;
  assert.deepEqual([value('scored'), value('unscored'), value('total')], [4, 1, 5]);
  const withOther = [row('a', 1, 'correct', null, { outcome: 'unscored', value: null }), row('b', 1, 'correct')];
  assert.equal((countMetric({ name: 'x', title: 'x', which: 'unscored', scorer: 'other' }).compute(withOther, one)[0].value as { value: number }).value, 1, 'rows without that scorer are not counted');
});

test('a proportion is k/n over scored samples, with the Wilson interval computed by hand', () => {
  const [r] = proportionMetric({ name: 'correct', title: 'correct', labels: ['correct'] }).compute(rows, one);
  assert.equal(r.value.type, 'proportion');
  const v = r.value as { p: number; k: number; n: number; lower: number; upper: number; method: string };
  assert.deepEqual([v.k, v.n, v.p, v.method], [2, 4, 0.5, 'wilson']);
  // Wilson, z = 1.959964: centre = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·sqrt(p(1−p)/n + z²/4n²).
  const z = 1.959963984540054, n = 4, p = 0.5;
  const denom = 1 + (z * z) / n;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  close(v.lower, 0.5 - half);
  close(v.upper, 0.5 + half);
  const among = proportionMetric({ name: 'acc', title: 'acc', labels: ['correct'], among: ['incorrect'] }).compute(rows, one)[0].value as { k: number; n: number };
  assert.deepEqual([among.k, among.n], [2, 3], 'among: only correct and incorrect count in the denominator');
});

test('with several epochs the proportion is clustered by sample, and says so', () => {
  const epochs: MetricContext = { outcomes: [], epochs: 2 };
  const r = [row('a', 1, 'correct'), row('a', 2, 'correct'), row('b', 1, 'incorrect'), row('b', 2, 'incorrect'), row('c', 1, 'correct'), row('c', 2, 'incorrect')];
  const v = proportionMetric({ name: 'c', title: 'c', labels: ['correct'] }).compute(r, epochs)[0].value as { p: number; method: string; lower: number; upper: number };
  assert.equal(v.p, 0.5);
  assert.equal(v.method, 'wilson-design-effect-t');
  const pooled = proportionMetric({ name: 'c', title: 'c', labels: ['correct'] }).compute(r, one)[0].value as { lower: number; upper: number };
  assert.ok(v.upper - v.lower > pooled.upper - pooled.lower, 'clustered is wider than pooled when epochs agree within samples');
  assert.equal(clusterOf(r[0], epochs), 'a');
  assert.equal(clusterOf(r[0], one), 'a\u00001');
});

test('a mean of values within bounds: the mean by hand, an interval inside the bounds that never has zero width', () => {
  const r = [row('a', 1, 'scored', 1), row('b', 1, 'scored', 0.5), row('c', 1, 'scored', 0), row('d', 1, 'unscored', null)];
  const v = meanMetric({ name: 'm', title: 'm', bounds: [0, 1] }).compute(r, one)[0].value as { value: number; lower: number; upper: number; n: number; method: string };
  assert.equal(v.n, 3);
  close(v.value, 0.5);
  assert.ok(v.lower >= 0 && v.lower < 0.5 && v.upper <= 1 && v.upper > 0.5);
  assert.equal(v.method, 'cluster-robust-t-floored');
  const same = meanMetric({ name: 'm', title: 'm', bounds: [0, 1] }).compute([row('a', 1, 's', 1), row('b', 1, 's', 1), row('c', 1, 's', 1)], one)[0].value as { lower: number; upper: number };
  assert.ok(same.lower < 1, 'all values equal still leaves room below');
  const detail = [row('a', 1, 's', 0.3, { outcome: 's', value: 0.3, details: { resources: 1 } }), row('b', 1, 's', 0.3, { outcome: 's', value: 0.3, details: { resources: 0 } })];
  close((meanMetric({ name: 'd', title: 'd', bounds: [0, 1], scorer: 'other', detail: 'resources' }).compute(detail, one)[0].value as { value: number }).value, 0.5);
});
