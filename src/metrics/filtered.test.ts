import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRow } from '../core/measures.js';
import { countMetric } from './declared.js';
import { detailFrom, forGroup } from './filtered.js';

const row = (kind: string | null, details: Record<string, unknown> | null = null): MetricRow => ({
  sampleId: 's', epoch: 1, groups: { kind }, outcome: 'x', value: null, human: false,
  scores: { a: { outcome: 'x', value: null, details }, b: { outcome: 'x', value: null, details: { d: true, e: 2 } } },
});
const ctx = { outcomes: [], epochs: 1 };

test('forGroup computes over the rows of some group values only, and gives nothing where there are none', () => {
  const n = forGroup('kind', ['k1', 'k2'], countMetric({ name: 'n', title: 'n', which: 'total' }));
  assert.deepEqual(n.compute([row('k1'), row('k2'), row('k3'), row(null)], ctx).map((r) => r.value), [{ type: 'count', value: 2 }]);
  assert.deepEqual(n.compute([row('k3')], ctx), []);
  assert.equal(n.name, 'n');
});

test('detailFrom reads the first scorer that has the detail, booleans as 0/1', () => {
  assert.equal(detailFrom(row('k', { e: 5 }), ['a', 'b'], 'e'), 5);
  assert.equal(detailFrom(row('k', null), ['a', 'b'], 'd'), 1);
  assert.equal(detailFrom(row('k', null), ['a'], 'd'), undefined);
});
