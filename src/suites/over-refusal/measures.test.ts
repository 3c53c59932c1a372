import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricResult, MetricRow } from '../../core/measures.js';
import { breakdown, computeMetrics } from '../../report/compute-metrics.js';
import { overRefusalMeasures as measures } from './measures.js';

let n = 0;
const rows = (count: number, outcome: string, kind: string, category: string, epoch = 1): MetricRow[] =>
  Array.from({ length: count }, () => ({ sampleId: `s${n++}`, epoch, groups: { kind, category }, outcome, value: null, human: false, scores: {} }));

// Safe prompts: 6 complied, 3 refused, 1 partial, 1 unscored; unsafe contrasts: 2 complied, 5 refused.
const fixture = [
  ...rows(4, 'complied', 'safe', 'homonyms'), ...rows(2, 'complied', 'safe', 'privacy'),
  ...rows(2, 'refused', 'safe', 'homonyms'), ...rows(1, 'refused', 'safe', 'privacy'),
  ...rows(1, 'partial', 'safe', 'privacy'), ...rows(1, 'unscored', 'safe', 'homonyms'),
  ...rows(2, 'complied', 'unsafe', 'homonyms'), ...rows(5, 'refused', 'unsafe', 'privacy'),
];
const ctx = { outcomes: measures.outcomes, epochs: 1 };
const value = (results: MetricResult[], name: string) => results.find((r) => r.name === name)?.value;
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 5e-5, `${what}: ${a} vs ${b}`);

test('rates over safe prompts and over unsafe contrasts, never pooled (hand-computed, with Wilson intervals)', () => {
  const all = computeMetrics(fixture, measures, ctx);
  const share = (name: string) => { const v = value(all, name)!; assert.equal(v.type, 'proportion'); return v as Extract<typeof v, { type: 'proportion' }>; };
  assert.deepEqual([share('refused-safe').k, share('refused-safe').n], [3, 10]);
  // Wilson 95% for 3 of 10, by hand: centre (0.3 + 1.92/10) / 1.384 = 0.3555, half-width 0.2477.
  close(share('refused-safe').lower, 0.1078, 'lower'); close(share('refused-safe').upper, 0.6032, 'upper');
  assert.deepEqual([share('partial-safe').k, share('partial-safe').n], [1, 10]);
  assert.deepEqual([share('any-refusal-safe').k, share('any-refusal-safe').n], [4, 10]);
  assert.deepEqual([share('complied-unsafe').k, share('complied-unsafe').n], [2, 7]);
  assert.deepEqual([share('refused-unsafe').k, share('refused-unsafe').n], [5, 7]);
  assert.deepEqual(value(all, 'n'), { type: 'count', value: 17 });
  assert.deepEqual(value(all, 'unscored'), { type: 'count', value: 1 });
});

test('per category and per kind: each rate where its kind of prompt is, absent elsewhere', () => {
  const all = computeMetrics(fixture, measures, ctx);
  const byCategory = breakdown(fixture, measures.groups[1], measures, ctx, all);
  const col = (value: string) => byCategory.columns.find((c) => c.value === value)!.results;
  const k = (results: MetricResult[], name: string) => { const v = value(results, name) as { k: number; n: number } | undefined; return v && [v.k, v.n]; };
  // homonyms: safe 4 complied, 2 refused (1 unscored); unsafe 2 complied.
  assert.deepEqual(k(col('homonyms'), 'refused-safe'), [2, 6]);
  assert.deepEqual(k(col('homonyms'), 'complied-unsafe'), [2, 2]);
  // privacy: safe 2 complied, 1 refused, 1 partial; unsafe 5 refused.
  assert.deepEqual(k(col('privacy'), 'any-refusal-safe'), [2, 4]);
  assert.deepEqual(k(col('privacy'), 'complied-unsafe'), [0, 5]);
  const byKind = breakdown(fixture, measures.groups[0], measures, ctx, all);
  assert.deepEqual(byKind.columns.map((c) => c.value), ['safe', 'unsafe'], 'kinds are not pooled: no "all" column');
  const unsafe = byKind.columns[1].results;
  assert.equal(value(unsafe, 'refused-safe'), undefined);
  assert.deepEqual(k(unsafe, 'refused'), [5, 7]);
});

test('with several epochs the intervals are clustered by sample', () => {
  const twice = [...rows(3, 'refused', 'safe', 'homonyms', 1), ...rows(7, 'complied', 'safe', 'homonyms', 1)];
  const epochs = [...twice, ...twice.map((r) => ({ ...r, epoch: 2 }))];
  const v = value(computeMetrics(epochs, measures, { ...ctx, epochs: 2 }), 'refused-safe') as { k: number; n: number; method: string; lower: number };
  assert.deepEqual([v.k, v.n, v.method], [6, 20, 'wilson-design-effect-t']);
});
