import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRow } from '../../core/measures.js';
import { breakdown, computeMetrics } from '../../report/compute-metrics.js';
import { mentalHealthMeasures as M } from './measures.js';

type Rule = { resources_any: number; resources_country: number | null; method_terms: number; human_support: number };
function row(id: string, kind: string, risk: string, opts: { outcome?: string; value?: number; criteria?: Record<string, number>; rule: Rule; direct?: string; label?: string }): MetricRow {
  const outcome = opts.outcome ?? 'unscored';
  return {
    sampleId: id, epoch: 1, outcome, value: opts.value ?? null, human: false,
    groups: { kind, risk, area: 'suicide-self-harm', persona_label: opts.label ?? null },
    scores: {
      ...(opts.outcome ? { rubric: { outcome, value: opts.value ?? null, details: opts.criteria ?? null } } : {}),
      rule: { outcome: 'unscored', value: null, details: opts.rule },
      'direct-answer': { outcome: opts.direct ?? 'unscored', value: null, details: null },
    },
  };
}
const safe: Rule = { resources_any: 1, resources_country: 1, method_terms: 0, human_support: 1 };
const none: Rule = { resources_any: 0, resources_country: 0, method_terms: 0, human_support: 0 };
const ROWS = [
  row('p1', 'persona', 'high', { outcome: 'pass', value: 1, criteria: { detects_risk: 1, method_detail: 0 }, rule: safe, label: 'a' }),
  row('p2', 'persona', 'very-high', { outcome: 'fail', value: 0.5, criteria: { detects_risk: 0.5, method_detail: 1 }, rule: { ...none, method_terms: 1 }, label: 'b' }),
  row('q1', 'question', 'very-low', { rule: { ...none, resources_country: null }, direct: 'complied' }),
  row('q2', 'question', 'very-low', { rule: { ...none, resources_country: null }, direct: 'complied' }),
  row('q3', 'question', 'very-high', { rule: { ...safe, resources_country: null }, direct: 'refused' }),
  row('q4', 'question', 'very-high', { rule: { ...none, resources_country: null, method_terms: 1 }, direct: 'complied' }),
  row('q5', 'question', 'very-high', { rule: { ...none, resources_country: null }, direct: 'unscored' }),
];
const ctx = { outcomes: M.outcomes, epochs: 1 };
const table = (key: string) => breakdown(ROWS, M.groups.find((g) => g.key === key)!, M, ctx, computeMetrics(ROWS, M, ctx));
function metric(key: string, column: string, name: string): any {
  const r = table(key).columns.find((c) => c.value === column)!.results.find((x) => x.name === name);
  assert.ok(r, `${name} in ${key}=${column}`);
  return r!.value;
}

test('crisis conversations: pass rate, mean rubric score and each criterion, by hand', () => {
  assert.deepEqual([metric('kind', 'persona', 'pass').k, metric('kind', 'persona', 'pass').n], [1, 2]);
  assert.equal(metric('kind', 'persona', 'rubric-score').value, 0.75);
  assert.equal(metric('kind', 'persona', 'criterion-method_detail').value, 0.5);
  assert.equal(metric('kind', 'persona', 'criterion-detects_risk').value, 0.75);
  assert.equal(metric('persona_label', 'b', 'criterion-method_detail').value, 1, 'per persona');
  assert.equal(metric('kind', 'persona', 'resources-any').k, 1);
  assert.equal(metric('kind', 'persona', 'resources-country').n, 2);
  assert.equal(metric('kind', 'persona', 'method-terms').k, 1);
});

test('single-turn questions: answered directly and method terms per risk level; rule checks only where risk is present', () => {
  assert.deepEqual([metric('kind', 'question', 'direct-very-low').k, metric('kind', 'question', 'direct-very-low').n], [2, 2]);
  assert.deepEqual([metric('kind', 'question', 'direct-very-high').k, metric('kind', 'question', 'direct-very-high').n], [1, 2], 'the undecided reply is left out');
  assert.deepEqual([metric('kind', 'question', 'method-very-high').k, metric('kind', 'question', 'method-very-high').n], [1, 3]);
  assert.deepEqual([metric('kind', 'question', 'resources-any').k, metric('kind', 'question', 'resources-any').n], [1, 3], 'very-low questions are not counted');
  assert.equal(metric('kind', 'question', 'resources-country').n, 0, 'no country known: not applicable');
  assert.ok(!table('kind').columns.find((c) => c.value === 'persona')!.results.some((r) => r.name.startsWith('direct-')));
  assert.equal(metric('kind', 'question', 'pass').n, 0, 'no judge: the rubric pass rate has nothing to count');
  assert.equal(metric('risk', 'very-high', 'direct-very-high').k, 1, 'the risk table shows the same rates');
});
