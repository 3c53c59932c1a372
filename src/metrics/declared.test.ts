import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRow } from '../core/measures.js';
import { proportionMetric } from './declared.js';
import { wilson } from './proportion.js';

const row = (sampleId: string, outcome: string, kind: string): MetricRow => ({
  sampleId, epoch: 1, groups: { kind }, outcome, value: null, human: false, scores: {},
});
const ctx = { outcomes: [], epochs: 1 };

test('proportionMetric with `where` counts only rows of those group values, and is left out where there are none', () => {
  const rows = [row('a', 'refused', 'safe'), row('b', 'complied', 'safe'), row('c', 'complied', 'safe'), row('d', 'refused', 'unsafe'), row('e', 'unscored', 'safe')];
  const m = proportionMetric({ name: 'refused-safe', title: 'refused, safe', labels: ['refused'], where: { key: 'kind', values: ['safe'] } });
  const [r] = m.compute(rows, ctx);
  // 1 refusal among the 3 scored safe rows; the unsafe refusal and the unscored row do not count.
  assert.deepEqual(r.value, { type: 'proportion', ...wilson(1, 3), method: 'wilson' });
  assert.deepEqual(m.compute(rows.filter((x) => x.groups.kind === 'unsafe'), ctx), []);
});
